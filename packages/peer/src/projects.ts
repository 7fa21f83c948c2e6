import {
  isValidAutomergeUrl,
  updateText,
  type AutomergeUrl,
  type DocHandle,
  type Repo,
} from '@automerge/automerge-repo';
import { isDidKey, type KeyPair } from '@integrale/identity';
import { isId } from '@integrale/ledger';
import { FEDERATION, isCircleId } from './circles.js';
import {
  baseShape,
  carrierOf,
  createRecordBook,
  hasExactFields,
  isBoundedText,
  signRecord,
  type RecordBook,
  type RecordFamily,
  type SignedRecordBase,
} from './signed-records.js';

/*
 * Projects and mutual aid. Each scope (the federation, each circle) has a projects document of its
 * own, named in the root document, so a circle's projects grow its document only.
 *
 * Two kinds of data live together in a project:
 * - soft data any member edits (Automerge merges it): title, description (Automerge text, edited
 *   together), status, journal, tasks, needs and what is covered outside the network, the
 *   collective account it is linked to;
 * - signed records that must not be forged: the project's charter (who created it, its stewards;
 *   the project's id is the charter's id), each offer of help (signed by who offers) and each
 *   answer to an offer (signed by a steward the charter names). A record that does not verify, or
 *   an answer by anyone but a steward, counts for nothing, whatever the document says.
 */

/** Prefix of the bytes a member signs for a project record (never valid as a ledger entry). */
export const PROJECT_SIGNING_PREFIX = 'integrale/v1/project\n';

/** Where a project stands (soft: any member may move it). */
export const PROJECT_STATUSES = ['idea', 'active', 'paused', 'finished'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** What a project may need from the network. */
export const NEED_KINDS = ['time', 'skills', 'materials', 'space', 'money'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

/** Bounds of what a project holds (code points, counts, quantities). */
export const PROJECT_LIMITS = {
  title: 120,
  description: 20_000,
  journalText: 2_000,
  journal: 2_000,
  taskWhat: 200,
  tasks: 500,
  needWhat: 200,
  needs: 100,
  unit: 40,
  note: 280,
  quantity: 1_000_000_000,
  stewards: 50,
  projects: 1_000,
} as const;

/** The charter: a project exists, created by `author`, with these stewards. Its id is the project's. */
export interface ProjectCharter extends SignedRecordBase {
  readonly type: 'project';
  /** `federation` or a circle's id. */
  readonly scope: string;
  /** Sorted did:keys without repeats, the author among them. */
  readonly stewards: readonly string[];
}

/** `author` offers `quantity` (in the need's unit) toward need `need` of project `project`. */
export interface HelpOffer extends SignedRecordBase {
  readonly type: 'help';
  readonly project: string;
  readonly need: string;
  readonly quantity: number;
  readonly note: string;
}

/** A steward accepts or declines offer `offer` of project `project`. */
export interface HelpAnswer extends SignedRecordBase {
  readonly type: 'help-answer';
  readonly project: string;
  readonly offer: string;
  readonly answer: 'accepted' | 'declined';
}

/** Any record of this family. */
export type ProjectRecord = ProjectCharter | HelpOffer | HelpAnswer;

const CHARTER_FIELDS = ['v', 'type', 'coop', 'author', 'scope', 'stewards', 'ts', 'sig'];
const OFFER_FIELDS = [
  'v',
  'type',
  'coop',
  'author',
  'project',
  'need',
  'quantity',
  'note',
  'ts',
  'sig',
];
const ANSWER_FIELDS = ['v', 'type', 'coop', 'author', 'project', 'offer', 'answer', 'ts', 'sig'];
const LOCAL_ID = /^[0-9a-z-]{1,64}$/;

/** Whether `scope` names the federation or a circle. */
export function isScope(scope: unknown): scope is string {
  return scope === FEDERATION || isCircleId(scope);
}

function isQuantity(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= 1 &&
    value <= PROJECT_LIMITS.quantity
  );
}

function isStewardList(value: unknown, author: unknown): value is string[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > PROJECT_LIMITS.stewards) {
    return false;
  }
  for (let i = 0; i < value.length; i++) {
    const did: unknown = value[i];
    if (!isDidKey(did)) return false;
    if (i > 0 && !((value[i - 1] as string) < did)) return false; // sorted, no repeats
  }
  return value.includes(author);
}

/** The record if `value` has the exact shape of a project record, else `null`. */
function projectShape(value: unknown): ProjectRecord | null {
  const record = baseShape(value);
  if (record === null) return null;
  switch (record['type']) {
    case 'project':
      if (!hasExactFields(record, CHARTER_FIELDS)) return null;
      if (!isScope(record['scope']) || !isStewardList(record['stewards'], record['author'])) {
        return null;
      }
      return record as unknown as ProjectCharter;
    case 'help':
      if (!hasExactFields(record, OFFER_FIELDS)) return null;
      if (typeof record['project'] !== 'string' || !isId(record['project'])) return null;
      if (typeof record['need'] !== 'string' || !LOCAL_ID.test(record['need'])) return null;
      if (!isQuantity(record['quantity'])) return null;
      if (!isBoundedText(record['note'], 0, PROJECT_LIMITS.note)) return null;
      return record as unknown as HelpOffer;
    case 'help-answer':
      if (!hasExactFields(record, ANSWER_FIELDS)) return null;
      if (typeof record['project'] !== 'string' || !isId(record['project'])) return null;
      if (typeof record['offer'] !== 'string' || !isId(record['offer'])) return null;
      if (record['answer'] !== 'accepted' && record['answer'] !== 'declined') return null;
      return record as unknown as HelpAnswer;
    default:
      return null;
  }
}

/** How project records are checked (for {@link createRecordBook} and `checkSignedRecord`). */
export const PROJECT_RECORDS: RecordFamily<ProjectRecord> = {
  prefix: PROJECT_SIGNING_PREFIX,
  shape: projectShape,
};

/** Creates a {@link RecordBook} of project records for one cooperative. */
export function createProjectBook(
  init: Omit<Parameters<typeof createRecordBook>[0], 'family'>,
): RecordBook<ProjectRecord> {
  return createRecordBook({ ...init, family: PROJECT_RECORDS });
}

/** Signs a project's charter; throws on impossible fields (the caller validates input first). */
export function createProjectCharter(
  author: KeyPair,
  fields: { coop: string; scope: string; stewards: readonly string[]; ts: string },
): ProjectCharter {
  const stewards = [...new Set([author.did, ...fields.stewards])].sort();
  const record = signRecord<ProjectCharter>(author, PROJECT_SIGNING_PREFIX, {
    v: 1,
    type: 'project',
    coop: fields.coop,
    author: author.did,
    scope: fields.scope,
    stewards,
    ts: fields.ts,
  });
  if (projectShape(record) === null) throw new RangeError('a project with impossible fields');
  return record;
}

/** Signs an offer of help. */
export function createHelpOffer(
  author: KeyPair,
  fields: {
    coop: string;
    project: string;
    need: string;
    quantity: number;
    note: string;
    ts: string;
  },
): HelpOffer {
  const record = signRecord<HelpOffer>(author, PROJECT_SIGNING_PREFIX, {
    v: 1,
    type: 'help',
    coop: fields.coop,
    author: author.did,
    project: fields.project,
    need: fields.need,
    quantity: fields.quantity,
    note: fields.note,
    ts: fields.ts,
  });
  if (projectShape(record) === null) throw new RangeError('an offer with impossible fields');
  return record;
}

/** Signs a steward's answer to an offer. */
export function createHelpAnswer(
  author: KeyPair,
  fields: {
    coop: string;
    project: string;
    offer: string;
    answer: HelpAnswer['answer'];
    ts: string;
  },
): HelpAnswer {
  return signRecord<HelpAnswer>(author, PROJECT_SIGNING_PREFIX, {
    v: 1,
    type: 'help-answer',
    coop: fields.coop,
    author: author.did,
    project: fields.project,
    offer: fields.offer,
    answer: fields.answer,
    ts: fields.ts,
  });
}

// ---------------------------------------------------------------- the documents

/** A journal update (soft). */
export interface JournalData {
  by: string;
  at: string;
  text: string;
}

/** A task (soft). */
export interface TaskData {
  id: string;
  what: string;
  /** did:key of who does it, or '' for nobody yet. */
  who: string;
  /** A date (YYYY-MM-DD) or ''. */
  due: string;
  done: boolean;
}

/** A need (soft). `covered` is what was covered outside the network's signed offers. */
export interface NeedData {
  id: string;
  kind: NeedKind;
  what: string;
  quantity: number;
  unit: string;
  covered: number;
}

/** A project as its scope's document holds it. */
export interface ProjectData {
  /** The signed charter's canonical text (its id is the project's key). */
  charter: unknown;
  title: string;
  /** Automerge text, edited together. */
  description: string;
  status: ProjectStatus;
  /** Id of the project's collective account (`acct/1`), or null. */
  account: string | null;
  journal: JournalData[];
  tasks: TaskData[];
  needs: NeedData[];
  /** Signed offers and answers by record id. */
  records: Record<string, unknown>;
}

/** One scope's projects document. */
export interface ProjectsDoc {
  v: 1;
  scope: string;
  projects: Record<string, ProjectData>;
}

/** The root document's part this module writes: scope → its projects document. */
export interface ProjectsRootDoc {
  projects?: Record<string, AutomergeUrl>;
}

/** The projects document url of `scope` in a root document, or `null`. */
export function projectsDocUrl(
  root: Readonly<ProjectsRootDoc> | undefined,
  scope: string,
): AutomergeUrl | null {
  const map = root?.projects;
  if (typeof map !== 'object' || map === null || !Object.hasOwn(map, scope)) return null;
  const url = map[scope];
  return typeof url === 'string' && isValidAutomergeUrl(url) ? url : null;
}

/** Every scope with a projects document in a root document (valid ones only). */
export function projectsDocs(
  root: Readonly<ProjectsRootDoc> | undefined,
): { scope: string; url: AutomergeUrl }[] {
  const map = root?.projects;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return [];
  return Object.keys(map)
    .filter(isScope)
    .slice(0, 1_001)
    .flatMap((scope) => {
      const url = projectsDocUrl(root, scope);
      return url === null ? [] : [{ scope, url }];
    });
}

/**
 * The projects document of `scope`: the one the root names, else a new one written there. Two
 * members creating the first project of a scope at the same moment would each write their own
 * url; Automerge keeps one (the narrow window circles.ts describes for the federation).
 */
export function ensureProjectsDoc(
  repo: Repo,
  root: DocHandle<ProjectsRootDoc>,
  scope: string,
): AutomergeUrl {
  const known = projectsDocUrl(root.doc(), scope);
  if (known !== null) return known;
  const handle = repo.create<ProjectsDoc>({ v: 1, scope, projects: {} });
  root.change((doc) => {
    doc.projects ??= {};
    doc.projects[scope] = handle.url;
  });
  return handle.url;
}

// ---------------------------------------------------------------- reading

/** Why a project operation was refused. */
export type ProjectProblem =
  | 'invalid-title'
  | 'invalid-scope'
  | 'invalid-status'
  | 'invalid-text'
  | 'invalid-need'
  | 'invalid-quantity'
  | 'invalid-task'
  | 'invalid-member'
  | 'invalid-account'
  | 'too-many'
  | 'unknown-project'
  | 'unknown-need'
  | 'unknown-offer'
  | 'not-steward'
  | 'already-answered';

/** The outcome of a project operation. */
export type ProjectResult<T = undefined> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: ProjectProblem };

const fail = (reason: ProjectProblem): { ok: false; reason: ProjectProblem } => ({
  ok: false,
  reason,
});

/** An offer of help as the screens see it. */
export interface HelpOfferView {
  readonly id: string;
  readonly need: string;
  readonly by: string;
  readonly quantity: number;
  readonly note: string;
  readonly at: string;
  readonly state: 'offered' | 'accepted' | 'declined';
  /** The steward whose signed answer decided it, or null. */
  readonly answeredBy: string | null;
}

/** A need with what covers it. */
export interface NeedView {
  readonly id: string;
  readonly kind: NeedKind;
  readonly what: string;
  readonly quantity: number;
  readonly unit: string;
  /** Covered outside the network (soft). */
  readonly coveredOutside: number;
  /** Sum of accepted offers (signed). */
  readonly accepted: number;
  /** Sum of offers waiting for an answer. */
  readonly offered: number;
  /** min(quantity, coveredOutside + accepted). */
  readonly covered: number;
}

/** A project, validated, as the screens see it. */
export interface ProjectView {
  readonly id: string;
  readonly scope: string;
  readonly title: string;
  readonly description: string;
  readonly status: ProjectStatus;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly stewards: readonly string[];
  readonly account: string | null;
  readonly journal: readonly JournalData[];
  readonly tasks: readonly TaskData[];
  readonly needs: readonly NeedView[];
  readonly offers: readonly HelpOfferView[];
}

const asArray = <T>(value: unknown, limit: number): T[] =>
  Array.isArray(value) ? (value.slice(0, limit) as T[]) : [];

function readNeed(value: unknown): Omit<NeedView, 'accepted' | 'offered' | 'covered'> | null {
  if (typeof value !== 'object' || value === null) return null;
  const need = value as Partial<NeedData>;
  if (typeof need.id !== 'string' || !LOCAL_ID.test(need.id)) return null;
  if (!(NEED_KINDS as readonly unknown[]).includes(need.kind)) return null;
  if (!isBoundedText(need.what, 1, PROJECT_LIMITS.needWhat) || !isQuantity(need.quantity)) {
    return null;
  }
  const covered =
    typeof need.covered === 'number' && Number.isSafeInteger(need.covered) && need.covered > 0
      ? Math.min(need.covered, need.quantity)
      : 0;
  return {
    id: need.id,
    kind: need.kind as NeedKind,
    what: need.what,
    quantity: need.quantity,
    unit: isBoundedText(need.unit, 0, PROJECT_LIMITS.unit) ? need.unit : '',
    coveredOutside: covered,
  };
}

/**
 * What the signed records say about a project's offers: an offer is accepted once a steward the
 * charter names signed an acceptance, else declined once one signed a decline (an acceptance is a
 * commitment and wins); answers by anyone else, or about another project, count for nothing.
 */
export function helpOffers(
  projectId: string,
  charter: ProjectCharter,
  records: ReadonlyMap<string, ProjectRecord>,
  needs: ReadonlySet<string>,
): HelpOfferView[] {
  const answers = new Map<string, { state: 'accepted' | 'declined'; by: string }>();
  for (const record of records.values()) {
    if (record.type !== 'help-answer' || record.project !== projectId) continue;
    if (!charter.stewards.includes(record.author)) continue;
    const before = answers.get(record.offer);
    if (before?.state === 'accepted') continue;
    if (record.answer === 'accepted' || before === undefined) {
      answers.set(record.offer, { state: record.answer, by: record.author });
    }
  }
  const offers: HelpOfferView[] = [];
  for (const [id, record] of records) {
    if (record.type !== 'help' || record.project !== projectId || !needs.has(record.need)) continue;
    const answer = answers.get(id);
    offers.push({
      id,
      need: record.need,
      by: record.author,
      quantity: record.quantity,
      note: record.note,
      at: record.ts,
      state: answer?.state ?? 'offered',
      answeredBy: answer?.by ?? null,
    });
  }
  return offers.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : 1));
}

/** Covered, accepted and offered amounts of each need. */
export function needViews(
  needs: readonly Omit<NeedView, 'accepted' | 'offered' | 'covered'>[],
  offers: readonly HelpOfferView[],
): NeedView[] {
  return needs.map((need) => {
    let accepted = 0;
    let offered = 0;
    for (const offer of offers) {
      if (offer.need !== need.id) continue;
      if (offer.state === 'accepted') accepted += offer.quantity;
      else if (offer.state === 'offered') offered += offer.quantity;
    }
    const covered = Math.min(need.quantity, need.coveredOutside + accepted);
    return { ...need, accepted, offered, covered };
  });
}

/**
 * The projects of one scope's document, validated against the verified records (`records`: the
 * book's reading of every project's charter and records). A project whose charter does not verify,
 * or whose charter names another scope, is left out. Sorted newest first. Never throws.
 */
export function readProjects(
  doc: Readonly<ProjectsDoc> | undefined,
  verified: ReadonlyMap<string, ProjectRecord>,
): ProjectView[] {
  const projects = doc?.projects;
  if (typeof projects !== 'object' || projects === null) return [];
  const out: ProjectView[] = [];
  for (const [id, data] of Object.entries(projects).slice(0, PROJECT_LIMITS.projects)) {
    const view = readProject(doc?.scope, id, data, verified);
    if (view !== null) out.push(view);
  }
  return out.sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? -1 : 1,
  );
}

function readProject(
  scope: unknown,
  id: string,
  data: unknown,
  verified: ReadonlyMap<string, ProjectRecord>,
): ProjectView | null {
  if (typeof data !== 'object' || data === null) return null;
  const charter = verified.get(id);
  if (charter?.type !== 'project' || charter.scope !== scope) return null;
  const project = data as Partial<ProjectData>;
  const needs = asArray<unknown>(project.needs, PROJECT_LIMITS.needs).flatMap((need) => {
    const read = readNeed(need);
    return read === null ? [] : [read];
  });
  const records = new Map<string, ProjectRecord>();
  if (typeof project.records === 'object' && project.records !== null) {
    for (const key of Object.keys(project.records)) {
      const record = verified.get(key);
      if (record !== undefined) records.set(key, record);
    }
  }
  const offers = helpOffers(id, charter, records, new Set(needs.map((need) => need.id)));
  const title = isBoundedText(project.title, 1, PROJECT_LIMITS.title) ? project.title : '';
  return {
    id,
    scope: charter.scope,
    title: title === '' ? '…' : title,
    description: typeof project.description === 'string' ? project.description : '',
    status: (PROJECT_STATUSES as readonly unknown[]).includes(project.status)
      ? (project.status as ProjectStatus)
      : 'idea',
    createdBy: charter.author,
    createdAt: charter.ts,
    stewards: charter.stewards,
    account: typeof project.account === 'string' && isId(project.account) ? project.account : null,
    journal: asArray<JournalData>(project.journal, PROJECT_LIMITS.journal)
      .filter(
        (entry) =>
          typeof entry === 'object' &&
          entry !== null &&
          isDidKey(entry.by) &&
          typeof entry.at === 'string' &&
          isBoundedText(entry.text, 1, PROJECT_LIMITS.journalText),
      )
      .map(({ by, at, text }) => ({ by, at: at.slice(0, 40), text })),
    tasks: asArray<TaskData>(project.tasks, PROJECT_LIMITS.tasks)
      .filter(
        (task) =>
          typeof task === 'object' &&
          task !== null &&
          typeof task.id === 'string' &&
          LOCAL_ID.test(task.id) &&
          isBoundedText(task.what, 1, PROJECT_LIMITS.taskWhat),
      )
      .map((task) => ({
        id: task.id,
        what: task.what,
        who: isDidKey(task.who) ? task.who : '',
        due: typeof task.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(task.due) ? task.due : '',
        done: task.done === true,
      })),
    needs: needViews(needs, offers),
    offers,
  };
}

/** Every record key a projects document carries: charters and each project's records. */
export function projectRecordMap(doc: Readonly<ProjectsDoc> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const projects = doc?.projects;
  if (typeof projects !== 'object' || projects === null) return out;
  for (const [id, data] of Object.entries(projects).slice(0, PROJECT_LIMITS.projects)) {
    if (typeof data !== 'object' || data === null) continue;
    out[id] = (data as Partial<ProjectData>).charter;
    const records = (data as Partial<ProjectData>).records;
    if (typeof records === 'object' && records !== null) {
      for (const [key, value] of Object.entries(records)) out[key] = value;
    }
  }
  return out;
}

// ---------------------------------------------------------------- writing

/** What a new project starts with. */
export interface ProjectDraft {
  readonly title: string;
  readonly description: string;
  readonly status?: ProjectStatus;
  readonly needs?: readonly Omit<NeedData, 'covered'>[];
}

/** Trims and checks a title. */
export function projectTitle(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const title = value.trim().replace(/\s+/g, ' ');
  return isBoundedText(title, 1, PROJECT_LIMITS.title) ? title : null;
}

/** Checks a need as a form gives it, or says why not. */
export function checkNeed(need: unknown): ProjectResult<NeedData> {
  if (typeof need !== 'object' || need === null) return fail('invalid-need');
  const { id, kind, what, quantity, unit } = need as Partial<NeedData>;
  if (typeof id !== 'string' || !LOCAL_ID.test(id)) return fail('invalid-need');
  if (!(NEED_KINDS as readonly unknown[]).includes(kind)) return fail('invalid-need');
  const trimmed = typeof what === 'string' ? what.trim() : what;
  if (!isBoundedText(trimmed, 1, PROJECT_LIMITS.needWhat)) return fail('invalid-need');
  if (!isQuantity(quantity)) return fail('invalid-quantity');
  const unitText = typeof unit === 'string' ? unit.trim() : '';
  if (!isBoundedText(unitText, 0, PROJECT_LIMITS.unit)) return fail('invalid-need');
  return {
    ok: true,
    value: { id, kind: kind as NeedKind, what: trimmed, quantity, unit: unitText, covered: 0 },
  };
}

/** Creates a project in its scope's document, with its charter signed by `author`. */
export function createProject(
  handle: DocHandle<ProjectsDoc>,
  author: KeyPair,
  fields: { coop: string; scope: string; ts: string; stewards?: readonly string[] } & ProjectDraft,
): ProjectResult<{ id: string }> {
  const title = projectTitle(fields.title);
  if (title === null) return fail('invalid-title');
  if (!isScope(fields.scope) || handle.doc()?.scope !== fields.scope) return fail('invalid-scope');
  if (!isBoundedText(fields.description, 0, PROJECT_LIMITS.description)) {
    return fail('invalid-text');
  }
  const status = fields.status ?? 'idea';
  if (!(PROJECT_STATUSES as readonly string[]).includes(status)) return fail('invalid-status');
  const needs: NeedData[] = [];
  for (const need of fields.needs ?? []) {
    const checked = checkNeed(need);
    if (!checked.ok) return checked;
    needs.push(checked.value);
  }
  if (needs.length > PROJECT_LIMITS.needs) return fail('too-many');
  const stewards = fields.stewards ?? [];
  if (!stewards.every((did) => isDidKey(did))) return fail('invalid-member');
  const charter = createProjectCharter(author, {
    coop: fields.coop,
    scope: fields.scope,
    stewards,
    ts: fields.ts,
  });
  const { id, text } = carrierOf(charter);
  handle.change((doc) => {
    doc.projects ??= {};
    doc.projects[id] = {
      charter: text,
      title,
      description: fields.description,
      status,
      account: null,
      journal: [],
      tasks: [],
      needs,
      records: {},
    };
  });
  return { ok: true, value: { id } };
}

/** A soft change of a project. */
export type ProjectChange =
  | { readonly type: 'title'; readonly title: string }
  | { readonly type: 'description'; readonly text: string }
  | { readonly type: 'status'; readonly status: ProjectStatus }
  | { readonly type: 'account'; readonly account: string | null }
  | { readonly type: 'journal'; readonly text: string }
  | {
      readonly type: 'add-task';
      readonly id: string;
      readonly what: string;
      readonly who: string;
      readonly due: string;
    }
  | { readonly type: 'task-done'; readonly task: string; readonly done: boolean }
  | { readonly type: 'add-need'; readonly need: Omit<NeedData, 'covered'> }
  | { readonly type: 'covered'; readonly need: string; readonly covered: number };

/**
 * Applies a soft change by `by` (the member's did:key) at `at`, after checking it. The
 * description is replaced by the smallest set of splices (`updateText`), so what others typed
 * meanwhile elsewhere in the text is kept.
 */
export function changeProject(
  handle: DocHandle<ProjectsDoc>,
  project: string,
  change: ProjectChange,
  by: string,
  at: string,
): ProjectResult {
  const data = handle.doc()?.projects?.[project];
  if (typeof data !== 'object' || data === null) return fail('unknown-project');
  let apply: (target: ProjectData) => void;
  switch (change.type) {
    case 'title': {
      const title = projectTitle(change.title);
      if (title === null) return fail('invalid-title');
      apply = (target) => {
        if (typeof target.title !== 'string') target.title = '';
        updateText(target as unknown as ProjectsDoc, ['title'], title);
      };
      break;
    }
    case 'description':
      if (!isBoundedText(change.text, 0, PROJECT_LIMITS.description)) return fail('invalid-text');
      apply = (target) => {
        if (typeof target.description !== 'string') target.description = '';
        updateText(target as unknown as ProjectsDoc, ['description'], change.text);
      };
      break;
    case 'status':
      if (!(PROJECT_STATUSES as readonly unknown[]).includes(change.status)) {
        return fail('invalid-status');
      }
      apply = (target) => {
        target.status = change.status;
      };
      break;
    case 'account':
      if (
        change.account !== null &&
        (typeof change.account !== 'string' || !isId(change.account))
      ) {
        return fail('invalid-account');
      }
      apply = (target) => {
        target.account = change.account;
      };
      break;
    case 'journal': {
      const text = typeof change.text === 'string' ? change.text.trim() : '';
      if (!isBoundedText(text, 1, PROJECT_LIMITS.journalText)) return fail('invalid-text');
      if (!isDidKey(by)) return fail('invalid-member');
      apply = (target) => {
        if (!Array.isArray(target.journal)) target.journal = [];
        if (target.journal.length >= PROJECT_LIMITS.journal) return;
        target.journal.push({ by, at, text });
      };
      break;
    }
    case 'add-task': {
      const what = typeof change.what === 'string' ? change.what.trim() : '';
      if (!LOCAL_ID.test(change.id) || !isBoundedText(what, 1, PROJECT_LIMITS.taskWhat)) {
        return fail('invalid-task');
      }
      if (change.who !== '' && !isDidKey(change.who)) return fail('invalid-member');
      if (change.due !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(change.due)) return fail('invalid-task');
      if (Array.isArray(data.tasks) && data.tasks.length >= PROJECT_LIMITS.tasks) {
        return fail('too-many');
      }
      apply = (target) => {
        if (!Array.isArray(target.tasks)) target.tasks = [];
        target.tasks.push({ id: change.id, what, who: change.who, due: change.due, done: false });
      };
      break;
    }
    case 'task-done':
      if (typeof change.done !== 'boolean') return fail('invalid-task');
      apply = (target) => {
        const task = Array.isArray(target.tasks)
          ? target.tasks.find((item) => item?.id === change.task)
          : undefined;
        if (task !== undefined) task.done = change.done;
      };
      break;
    case 'add-need': {
      const checked = checkNeed(change.need);
      if (!checked.ok) return checked;
      if (Array.isArray(data.needs) && data.needs.length >= PROJECT_LIMITS.needs) {
        return fail('too-many');
      }
      apply = (target) => {
        if (!Array.isArray(target.needs)) target.needs = [];
        target.needs.push(checked.value);
      };
      break;
    }
    case 'covered':
      if (
        !Number.isSafeInteger(change.covered) ||
        change.covered < 0 ||
        change.covered > PROJECT_LIMITS.quantity
      ) {
        return fail('invalid-quantity');
      }
      if (!Array.isArray(data.needs) || !data.needs.some((need) => need?.id === change.need)) {
        return fail('unknown-need');
      }
      apply = (target) => {
        const need = target.needs.find((item) => item?.id === change.need);
        if (need !== undefined) need.covered = change.covered;
      };
      break;
    default:
      return fail('invalid-text');
  }
  handle.change((doc) => {
    const target = doc.projects[project];
    if (target !== undefined) apply(target);
  });
  return { ok: true, value: undefined };
}

/** Writes a signed offer or answer into its project (immutable text under its id). */
export function writeProjectRecord(
  handle: DocHandle<ProjectsDoc>,
  record: HelpOffer | HelpAnswer,
): ProjectResult<{ id: string }> {
  const { id, text } = carrierOf(record);
  if (handle.doc()?.projects?.[record.project] === undefined) return fail('unknown-project');
  handle.change((doc) => {
    const target = doc.projects[record.project];
    if (target === undefined) return;
    if (typeof target.records !== 'object' || target.records === null) target.records = {};
    target.records[id] = text;
  });
  return { ok: true, value: { id } };
}
