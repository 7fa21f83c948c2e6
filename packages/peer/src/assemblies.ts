import {
  ImmutableString,
  splice,
  updateText,
  type DocHandle,
  type UrlHeads,
} from '@automerge/automerge-repo';
import {
  canonicalJson,
  decodeSignatureText,
  didToPublicKeyOrNull,
  isDidKey,
  signToText,
  utf8,
  type KeyPair,
  type SignatureVerifier,
} from '@integrale/identity';
import { codePointLength } from '@integrale/ledger';

/*
 * Assemblies: soft data in the document of their scope (the federation's or a circle's, see
 * circles.ts). A plenary's date, place, facilitator, agenda, speaking queue, minutes and action
 * items are texts members write together; none of it moves money or decides anything by itself
 * (ballots and decisions are signed `gov/1` entries in the ledger). Two things are nonetheless
 * guarded:
 *
 * - Attendance is a signed check-in: the member's key signs the cooperative, the assembly and the
 *   time, so nobody can be marked present by someone else. Records that fail to verify, name a
 *   non-member or another assembly are ignored when shown.
 * - Everything read from a document is untrusted (any member writes to it): it is validated
 *   field by field and what does not fit is left out, never thrown on.
 *
 * Shapes are chosen for concurrent editing. The agenda is a map of items with a fractional
 * `position` rather than a list: two members moving items at once never duplicate one (an
 * Automerge list has no move), and two adding items at once both keep theirs. The minutes are
 * Automerge text, edited by splices at the heads the editor saw, so two members typing at once
 * both keep their words.
 */

/** Kinds of agenda item. */
export const AGENDA_KINDS = ['information', 'discussion', 'decision'] as const;

/** A kind of agenda item. */
export type AgendaKind = (typeof AGENDA_KINDS)[number];

/** Bounds of what members write. */
export const ASSEMBLY_LIMITS = {
  title: 200,
  place: 200,
  online: 500,
  itemTitle: 200,
  /** Time box of an item, in minutes. */
  timeBox: 480,
  agendaItems: 100,
  actionText: 500,
  actions: 500,
  /** Characters of minutes (a long plenary's minutes are under 100 000). */
  minutes: 500_000,
  assemblies: 10_000,
  queue: 500,
  checkIns: 10_000,
  checkInText: 2_048,
} as const;

/** Prefix of the bytes a member signs to check in (never valid as any other signed text). */
export const CHECK_IN_SIGNING_PREFIX = 'integrale/v1/check-in\n';

/** An agenda item as stored. */
export interface AgendaItemData {
  title: string;
  kind: AgendaKind;
  /** Time box in minutes. */
  minutes: number;
  /** Sort key: items are shown by position, then id. */
  position: number;
  /** Id of the `gov/1` proposal put to the vote under this item, if any. */
  proposal?: string;
  /** Where an item escalated from a circle came from. */
  escalatedFrom?: EscalationSource;
  /** Set on a circle's item once sent up to the federation. */
  escalated?: { draft: string; at: string };
}

/** A circle's item sent up to the federation. */
export interface EscalationSource {
  circle: string;
  assembly: string;
  item: string;
}

/** An action item as stored. */
export interface ActionData {
  what: string;
  /** did:key of who does it. */
  who: string;
  /** YYYY-MM-DD. */
  due: string;
  done: boolean;
}

/** An assembly as stored in its scope's document. */
export interface AssemblyData {
  title: string;
  /** ISO date-time. */
  startsAt: string;
  place: string;
  /** A meeting link (https://…), or ''. */
  online: string;
  /** did:key of the facilitator. */
  facilitator: string;
  agenda: Record<string, AgendaItemData>;
  agendaApproved: { by: string; at: string } | null;
  currentItem: string | null;
  /** When the current item started (ISO), for its time box. */
  currentSince: string | null;
  /** Who has the floor. */
  speaking: string | null;
  /** Who asked for the floor, in order. */
  speakingQueue: string[];
  /** did:key → canonical JSON of the signed check-in. */
  checkIns: Record<string, ImmutableString>;
  /** Collaborative text. */
  minutes: string;
  /** Set when a later plenary ratified these minutes. */
  minutesRatified: { assembly: string; at: string } | null;
  actions: Record<string, ActionData>;
}

/** An item escalated to the federation, waiting to be put on one of its agendas. */
export interface DraftItemData {
  title: string;
  kind: AgendaKind;
  minutes: number;
  proposal?: string;
  escalatedFrom: EscalationSource;
  at: string;
}

/** A scope's document. */
export interface ScopeDoc {
  v: 1;
  /** `federation` or the circle's id. */
  scope: string;
  assemblies: Record<string, AssemblyData>;
  /** Federation only: items sent up by circles. */
  drafts?: Record<string, DraftItemData>;
}

// ---- views (validated reads) --------------------------------------------------------------------

/** An agenda item as shown. */
export interface AgendaItemView {
  readonly id: string;
  readonly title: string;
  readonly kind: AgendaKind;
  readonly minutes: number;
  readonly proposal: string | null;
  readonly escalatedFrom: EscalationSource | null;
  readonly escalated: boolean;
}

/** An action item as shown. */
export interface ActionView {
  readonly id: string;
  readonly what: string;
  readonly who: string;
  readonly due: string;
  readonly done: boolean;
}

/** An assembly as shown, check-ins still unverified (see {@link verifiedAttendance}). */
export interface AssemblyView {
  readonly id: string;
  readonly scope: string;
  readonly title: string;
  readonly startsAt: string;
  readonly place: string;
  readonly online: string;
  readonly facilitator: string;
  /** In order. */
  readonly agenda: readonly AgendaItemView[];
  readonly agendaApproved: { readonly by: string; readonly at: string } | null;
  readonly currentItem: string | null;
  readonly currentSince: string | null;
  readonly speaking: string | null;
  readonly speakingQueue: readonly string[];
  readonly minutes: string;
  readonly minutesRatified: { readonly assembly: string; readonly at: string } | null;
  /** By due date. */
  readonly actions: readonly ActionView[];
}

/** A draft (escalated item) as shown. */
export interface DraftView {
  readonly id: string;
  readonly title: string;
  readonly kind: AgendaKind;
  readonly minutes: number;
  readonly proposal: string | null;
  readonly escalatedFrom: EscalationSource;
  readonly at: string;
}

const ID_PATTERN = /^[0-9a-z-]{1,64}$/;
const PROPOSAL_PATTERN = /^[0-9a-f]{64}$/;
const DATE_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Whether `id` may name an assembly, an item or an action. */
export function isItemId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text of 0…max code points, else `null`. */
function textOf(value: unknown, max: number): string | null {
  const text = typeof value === 'string' ? value : null;
  if (text === null) return null;
  const length = codePointLength(text);
  return length < 0 || length > max ? null : text;
}

function isoOf(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value))
    ? value
    : null;
}

function isKind(value: unknown): value is AgendaKind {
  return (AGENDA_KINDS as readonly unknown[]).includes(value);
}

function isTimeBox(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= 1 &&
    value <= ASSEMBLY_LIMITS.timeBox
  );
}

function sourceOf(value: unknown): EscalationSource | null {
  if (!isRecord(value)) return null;
  const { circle, assembly, item } = value;
  return isItemId(circle) && isItemId(assembly) && isItemId(item)
    ? { circle, assembly, item }
    : null;
}

function agendaOf(value: unknown): AgendaItemView[] {
  if (!isRecord(value)) return [];
  const items: (AgendaItemView & { position: number })[] = [];
  for (const [id, raw] of Object.entries(value).slice(0, ASSEMBLY_LIMITS.agendaItems * 2)) {
    if (!isItemId(id) || !isRecord(raw)) continue;
    const title = textOf(raw['title'], ASSEMBLY_LIMITS.itemTitle);
    const { kind, minutes, position, proposal } = raw;
    if (title === null || title.trim() === '' || !isKind(kind) || !isTimeBox(minutes)) continue;
    items.push({
      id,
      title,
      kind,
      minutes,
      position: typeof position === 'number' && Number.isFinite(position) ? position : 0,
      proposal: typeof proposal === 'string' && PROPOSAL_PATTERN.test(proposal) ? proposal : null,
      escalatedFrom: sourceOf(raw['escalatedFrom']),
      escalated: isRecord(raw['escalated']),
    });
  }
  items.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return items
    .slice(0, ASSEMBLY_LIMITS.agendaItems)
    .map(({ position: _position, ...item }) => item);
}

function actionsOf(value: unknown): ActionView[] {
  if (!isRecord(value)) return [];
  const out: ActionView[] = [];
  for (const [id, raw] of Object.entries(value).slice(0, ASSEMBLY_LIMITS.actions)) {
    if (!isItemId(id) || !isRecord(raw)) continue;
    const what = textOf(raw['what'], ASSEMBLY_LIMITS.actionText);
    const { who, due, done } = raw;
    if (what === null || !isDidKey(who) || typeof due !== 'string' || !DATE_PATTERN.test(due))
      continue;
    out.push({ id, what, who, due, done: done === true });
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1));
}

function stamp(value: unknown, key: 'by' | 'assembly'): { by: string; at: string } | null {
  if (!isRecord(value)) return null;
  const who = value[key];
  const at = isoOf(value['at']);
  if (at === null) return null;
  if (key === 'by' ? !isDidKey(who) : !isItemId(who)) return null;
  return { by: who as string, at };
}

/** One assembly of a scope document, validated; `null` if its core fields do not hold. */
export function readAssembly(scope: string, id: string, raw: unknown): AssemblyView | null {
  if (!isItemId(id) || !isRecord(raw)) return null;
  const title = textOf(raw['title'], ASSEMBLY_LIMITS.title);
  const startsAt = isoOf(raw['startsAt']);
  if (title === null || title.trim() === '' || startsAt === null) return null;
  const online = textOf(raw['online'], ASSEMBLY_LIMITS.online) ?? '';
  const current = raw['currentItem'];
  const agenda = agendaOf(raw['agenda']);
  const queue = Array.isArray(raw['speakingQueue'])
    ? [...new Set(raw['speakingQueue'].slice(0, ASSEMBLY_LIMITS.queue).filter(isDidKey))]
    : [];
  const ratified = stamp(raw['minutesRatified'], 'assembly');
  const minutes = typeof raw['minutes'] === 'string' ? raw['minutes'] : '';
  return {
    id,
    scope,
    title,
    startsAt,
    place: textOf(raw['place'], ASSEMBLY_LIMITS.place) ?? '',
    online: isMeetingLink(online) ? online : '',
    facilitator: isDidKey(raw['facilitator']) ? raw['facilitator'] : '',
    agenda,
    agendaApproved: stamp(raw['agendaApproved'], 'by'),
    currentItem:
      typeof current === 'string' && agenda.some((item) => item.id === current) ? current : null,
    currentSince: isoOf(raw['currentSince']),
    speaking: isDidKey(raw['speaking']) ? raw['speaking'] : null,
    speakingQueue: queue,
    minutes: minutes.slice(0, ASSEMBLY_LIMITS.minutes),
    minutesRatified: ratified === null ? null : { assembly: ratified.by, at: ratified.at },
    actions: actionsOf(raw['actions']),
  };
}

/** Every assembly of a scope document, validated, by start time. Never throws. */
export function readAssemblies(doc: Readonly<ScopeDoc> | undefined, scope: string): AssemblyView[] {
  const assemblies = doc?.assemblies;
  if (!isRecord(assemblies)) return [];
  const out: AssemblyView[] = [];
  for (const [id, raw] of Object.entries(assemblies).slice(0, ASSEMBLY_LIMITS.assemblies)) {
    const view = readAssembly(scope, id, raw);
    if (view !== null) out.push(view);
  }
  return out.sort((a, b) =>
    a.startsAt !== b.startsAt ? (a.startsAt < b.startsAt ? -1 : 1) : a.id < b.id ? -1 : 1,
  );
}

/** The federation's drafts (items sent up by circles), oldest first. */
export function readDrafts(doc: Readonly<ScopeDoc> | undefined): DraftView[] {
  const drafts = doc?.drafts;
  if (!isRecord(drafts)) return [];
  const out: DraftView[] = [];
  for (const [id, raw] of Object.entries(drafts).slice(0, ASSEMBLY_LIMITS.agendaItems * 10)) {
    if (!isItemId(id) || !isRecord(raw)) continue;
    const title = textOf(raw['title'], ASSEMBLY_LIMITS.itemTitle);
    const source = sourceOf(raw['escalatedFrom']);
    const at = isoOf(raw['at']);
    const { kind, minutes, proposal } = raw;
    if (title === null || source === null || at === null || !isKind(kind) || !isTimeBox(minutes)) {
      continue;
    }
    const proposalId =
      typeof proposal === 'string' && PROPOSAL_PATTERN.test(proposal) ? proposal : null;
    out.push({ id, title, kind, minutes, proposal: proposalId, escalatedFrom: source, at });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}

/** Whether `text` is a meeting link a member may open (https, or http on a LAN). */
export function isMeetingLink(text: string): boolean {
  if (text === '') return true;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

// ---- writing --------------------------------------------------------------------------------------

/** Why an assembly operation was refused. */
export type AssemblyProblem =
  | 'invalid-title'
  | 'invalid-date'
  | 'invalid-place'
  | 'invalid-link'
  | 'invalid-member'
  | 'invalid-item'
  | 'invalid-time-box'
  | 'invalid-proposal'
  | 'too-many'
  | 'unknown-assembly'
  | 'unknown-item'
  | 'unknown-draft'
  | 'agenda-approved'
  | 'agenda-not-approved'
  | 'too-long'
  | 'not-earlier'
  | 'already-escalated';

/** The outcome of an assembly operation. */
export type AssemblyResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: AssemblyProblem };

const OK: AssemblyResult = { ok: true };
const fail = (reason: AssemblyProblem) => ({ ok: false as const, reason });

/** What a member gives for a new agenda item. */
export interface AgendaItemInput {
  readonly id: string;
  readonly title: string;
  readonly kind: AgendaKind;
  readonly minutes: number;
  readonly proposal?: string | null;
}

/** What a member gives for a new assembly. */
export interface AssemblyInput {
  readonly id: string;
  readonly title: string;
  /** ISO date-time. */
  readonly startsAt: string;
  readonly place: string;
  readonly online: string;
  readonly facilitator: string;
  readonly agenda: readonly AgendaItemInput[];
}

function itemProblem(item: AgendaItemInput): AssemblyProblem | null {
  if (!isItemId(item.id)) return 'invalid-item';
  const title = textOf(item.title, ASSEMBLY_LIMITS.itemTitle);
  if (title === null || title.trim() === '') return 'invalid-title';
  if (!isKind(item.kind)) return 'invalid-item';
  if (!isTimeBox(item.minutes)) return 'invalid-time-box';
  if (item.proposal != null && !PROPOSAL_PATTERN.test(item.proposal)) return 'invalid-proposal';
  return null;
}

function itemData(item: AgendaItemInput, position: number): AgendaItemData {
  const data: AgendaItemData = {
    title: item.title.trim(),
    kind: item.kind,
    minutes: item.minutes,
    position,
  };
  if (item.proposal != null) data.proposal = item.proposal;
  return data;
}

function assemblyProblem(input: AssemblyInput): AssemblyProblem | null {
  if (!isItemId(input.id)) return 'invalid-item';
  const title = textOf(input.title, ASSEMBLY_LIMITS.title);
  if (title === null || title.trim() === '') return 'invalid-title';
  if (isoOf(input.startsAt) === null) return 'invalid-date';
  if (textOf(input.place, ASSEMBLY_LIMITS.place) === null) return 'invalid-place';
  const online = textOf(input.online, ASSEMBLY_LIMITS.online);
  if (online === null || !isMeetingLink(online.trim())) return 'invalid-link';
  if (!isDidKey(input.facilitator)) return 'invalid-member';
  if (input.agenda.length > ASSEMBLY_LIMITS.agendaItems) return 'too-many';
  for (const item of input.agenda) {
    const problem = itemProblem(item);
    if (problem !== null) return problem;
  }
  return null;
}

/** Writes a new assembly in its scope's document. */
export function createAssembly(handle: DocHandle<ScopeDoc>, input: AssemblyInput): AssemblyResult {
  const problem = assemblyProblem(input);
  if (problem !== null) return fail(problem);
  const agenda: Record<string, AgendaItemData> = {};
  input.agenda.forEach((item, index) => (agenda[item.id] = itemData(item, index + 1)));
  handle.change((doc) => {
    if (!isRecord(doc.assemblies)) doc.assemblies = {};
    doc.assemblies[input.id] = {
      title: input.title.trim(),
      startsAt: new Date(input.startsAt).toISOString(),
      place: input.place.trim(),
      online: input.online.trim(),
      facilitator: input.facilitator,
      agenda,
      agendaApproved: null,
      currentItem: null,
      currentSince: null,
      speaking: null,
      speakingQueue: [],
      checkIns: {},
      minutes: '',
      minutesRatified: null,
      actions: {},
    };
  });
  return OK;
}

/** Runs `change` on an assembly that reads as valid; `unknown-assembly` otherwise. */
function onAssembly(
  handle: DocHandle<ScopeDoc>,
  id: string,
  check: (view: AssemblyView) => AssemblyProblem | null,
  change: (assembly: AssemblyData, view: AssemblyView) => void,
): AssemblyResult {
  const doc = handle.doc();
  const view = readAssembly(doc?.scope ?? '', id, doc?.assemblies?.[id]);
  if (view === null) return fail('unknown-assembly');
  const problem = check(view);
  if (problem !== null) return fail(problem);
  handle.change((next) => {
    const assembly = next.assemblies[id];
    if (assembly !== undefined) change(assembly, view);
  });
  return OK;
}

const none = (): null => null;

/** Adds an item at the end of an assembly's agenda (only before the agenda is approved). */
export function addAgendaItem(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  item: AgendaItemInput,
): AssemblyResult {
  return onAssembly(
    handle,
    assembly,
    (view) =>
      view.agendaApproved !== null
        ? 'agenda-approved'
        : view.agenda.length >= ASSEMBLY_LIMITS.agendaItems
          ? 'too-many'
          : itemProblem(item),
    (data) => {
      if (!isRecord(data.agenda)) data.agenda = {};
      const last = Math.max(0, ...Object.values(data.agenda).map((known) => known.position || 0));
      data.agenda[item.id] = itemData(item, last + 1);
    },
  );
}

/** Removes an item from an agenda not yet approved. */
export function removeAgendaItem(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  item: string,
): AssemblyResult {
  return onAssembly(
    handle,
    assembly,
    (view) =>
      view.agendaApproved !== null
        ? 'agenda-approved'
        : view.agenda.some((known) => known.id === item)
          ? null
          : 'unknown-item',
    (data) => {
      delete data.agenda[item];
    },
  );
}

/**
 * Moves an item to index `to` of the agenda (0 = first) by giving it a position between its new
 * neighbours'. Moving changes one field of one item, so concurrent moves never lose or double one.
 */
export function moveAgendaItem(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  item: string,
  to: number,
): AssemblyResult {
  let position = 0;
  return onAssembly(
    handle,
    assembly,
    (view) => {
      if (view.agendaApproved !== null) return 'agenda-approved';
      const from = view.agenda.findIndex((known) => known.id === item);
      if (from === -1) return 'unknown-item';
      if (!Number.isSafeInteger(to) || to < 0 || to >= view.agenda.length) return 'invalid-item';
      const data = handle.doc()?.assemblies[assembly]?.agenda ?? {};
      const positions = view.agenda
        .filter((known) => known.id !== item)
        .map((known) => data[known.id]?.position ?? 0);
      const before = to === 0 ? (positions[0] ?? 1) - 2 : positions[to - 1]!;
      const after = to >= positions.length ? before + 2 : positions[to]!;
      position = (before + after) / 2;
      return null;
    },
    (data) => {
      const target = data.agenda[item];
      if (target !== undefined) target.position = position;
    },
  );
}

/** The facilitator (or any member present) approves the agenda at the start. */
export function approveAgenda(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  by: string,
  at: string,
): AssemblyResult {
  return onAssembly(
    handle,
    assembly,
    (view) =>
      !isDidKey(by) ? 'invalid-member' : view.agendaApproved !== null ? 'agenda-approved' : null,
    (data) => {
      data.agendaApproved = { by, at };
    },
  );
}

/** Makes `item` the current one (`null`: none), from `at`; the agenda must be approved. */
export function setCurrentItem(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  item: string | null,
  at: string,
): AssemblyResult {
  return onAssembly(
    handle,
    assembly,
    (view) =>
      view.agendaApproved === null
        ? 'agenda-not-approved'
        : item !== null && !view.agenda.some((known) => known.id === item)
          ? 'unknown-item'
          : null,
    (data) => {
      data.currentItem = item;
      data.currentSince = item === null ? null : at;
    },
  );
}

/** The item after the current one (the first when none is current), or `null` at the end. */
export function nextItemOf(view: AssemblyView): string | null {
  if (view.currentItem === null) return view.agenda[0]?.id ?? null;
  const index = view.agenda.findIndex((item) => item.id === view.currentItem);
  return view.agenda[index + 1]?.id ?? null;
}

/** Moves to the next agenda item. */
export function nextItem(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  at: string,
): AssemblyResult {
  const doc = handle.doc();
  const view = readAssembly(doc?.scope ?? '', assembly, doc?.assemblies?.[assembly]);
  if (view === null) return fail('unknown-assembly');
  return setCurrentItem(handle, assembly, nextItemOf(view), at);
}

/** A member asks for the floor (once: asking again changes nothing). */
export function requestFloor(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  member: string,
): AssemblyResult {
  return onAssembly(
    handle,
    assembly,
    (view) =>
      !isDidKey(member)
        ? 'invalid-member'
        : view.speakingQueue.length >= ASSEMBLY_LIMITS.queue
          ? 'too-many'
          : null,
    (data) => {
      if (!Array.isArray(data.speakingQueue)) data.speakingQueue = [];
      if (!data.speakingQueue.includes(member)) data.speakingQueue.push(member);
    },
  );
}

/** A member leaves the speaking queue. */
export function withdrawFloor(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  member: string,
): AssemblyResult {
  return onAssembly(handle, assembly, none, (data) => {
    if (!Array.isArray(data.speakingQueue)) return;
    for (let index = data.speakingQueue.length - 1; index >= 0; index--) {
      if (data.speakingQueue[index] === member) data.speakingQueue.splice(index, 1);
    }
  });
}

/**
 * Gives the floor to the first in the queue (removing them from it), or to nobody when it is
 * empty. Deleting the list's first element removes that element, not "whatever is first": two
 * facilitators pressing at once give the floor once.
 */
export function nextSpeaker(handle: DocHandle<ScopeDoc>, assembly: string): AssemblyResult {
  return onAssembly(handle, assembly, none, (data) => {
    if (!Array.isArray(data.speakingQueue)) data.speakingQueue = [];
    const first = data.speakingQueue[0];
    data.speaking = typeof first === 'string' && isDidKey(first) ? first : null;
    if (data.speakingQueue.length > 0) data.speakingQueue.splice(0, 1);
  });
}

/** An edit of the minutes: a splice at the version the editor showed. */
export interface MinutesEdit {
  /** Heads of the scope document the editor's text was read at; absent: the current ones. */
  readonly heads?: UrlHeads;
  /** Code-unit index in that text. */
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

/** The outcome of a minutes edit: the heads of the text with this edit (for the next one). */
export type MinutesResult =
  | { readonly ok: true; readonly heads: UrlHeads }
  | { readonly ok: false; readonly reason: AssemblyProblem };

/**
 * Splices the minutes at the heads the editor saw: Automerge applies it as of that version and
 * merges it with whatever others typed meanwhile, so nobody's words are overwritten.
 */
export function editMinutes(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  edit: MinutesEdit,
): MinutesResult {
  const doc = handle.doc();
  const view = readAssembly(doc?.scope ?? '', assembly, doc?.assemblies?.[assembly]);
  if (view === null) return { ok: false, reason: 'unknown-assembly' };
  const { index, remove, insert } = edit;
  if (
    !Number.isSafeInteger(index) ||
    !Number.isSafeInteger(remove) ||
    index < 0 ||
    remove < 0 ||
    typeof insert !== 'string'
  ) {
    return fail('invalid-item');
  }
  if (view.minutes.length - remove + insert.length > ASSEMBLY_LIMITS.minutes)
    return fail('too-long');
  const apply = (next: ScopeDoc): void => {
    const target = next.assemblies[assembly];
    if (target === undefined) return;
    if (typeof target.minutes !== 'string') target.minutes = '';
    const length = target.minutes.length;
    const at = Math.min(index, length);
    splice(next, ['assemblies', assembly, 'minutes'], at, Math.min(remove, length - at), insert);
  };
  if (edit.heads === undefined) {
    handle.change(apply);
    return { ok: true, heads: handle.heads() };
  }
  // The heads of the new change alone: the text the editor shows now, others' words aside.
  return { ok: true, heads: handle.changeAt(edit.heads, apply) ?? edit.heads };
}

/** Replaces the minutes by `text`, as the smallest set of splices (for a whole-text editor). */
export function setMinutes(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  text: string,
): AssemblyResult {
  if (typeof text !== 'string') return fail('invalid-item');
  if (text.length > ASSEMBLY_LIMITS.minutes) return fail('too-long');
  return onAssembly(handle, assembly, none, (data) => {
    if (typeof data.minutes !== 'string') data.minutes = '';
    updateText(data as unknown as ScopeDoc, ['minutes'], text);
  });
}

/**
 * Records, in an earlier assembly of the same scope, that the plenary `by` ratified its minutes.
 */
export function ratifyMinutes(
  handle: DocHandle<ScopeDoc>,
  earlier: string,
  by: string,
  at: string,
): AssemblyResult {
  const doc = handle.doc();
  const later = readAssembly(doc?.scope ?? '', by, doc?.assemblies?.[by]);
  if (later === null) return fail('unknown-assembly');
  return onAssembly(
    handle,
    earlier,
    (view) => (view.startsAt >= later.startsAt || view.id === by ? 'not-earlier' : null),
    (data) => {
      data.minutesRatified = { assembly: by, at };
    },
  );
}

/** The assembly of the same scope just before `assembly` (whose minutes it ratifies), if any. */
export function previousAssembly(
  assemblies: readonly AssemblyView[],
  assembly: AssemblyView,
): AssemblyView | null {
  let previous: AssemblyView | null = null;
  for (const other of assemblies) {
    if (other.scope !== assembly.scope || other.id === assembly.id) continue;
    if (other.startsAt >= assembly.startsAt) continue;
    if (previous === null || other.startsAt > previous.startsAt) previous = other;
  }
  return previous;
}

/** What a member gives for an action item. */
export interface ActionInput {
  readonly id: string;
  readonly what: string;
  readonly who: string;
  /** YYYY-MM-DD. */
  readonly due: string;
}

/** Adds an action item (who does what by when). */
export function addAction(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  action: ActionInput,
): AssemblyResult {
  const what = textOf(action.what, ASSEMBLY_LIMITS.actionText);
  return onAssembly(
    handle,
    assembly,
    (view) =>
      !isItemId(action.id)
        ? 'invalid-item'
        : what === null || what.trim() === ''
          ? 'invalid-title'
          : !isDidKey(action.who)
            ? 'invalid-member'
            : !DATE_PATTERN.test(action.due) || Number.isNaN(Date.parse(action.due))
              ? 'invalid-date'
              : view.actions.length >= ASSEMBLY_LIMITS.actions
                ? 'too-many'
                : null,
    (data) => {
      if (!isRecord(data.actions)) data.actions = {};
      data.actions[action.id] = {
        what: action.what.trim(),
        who: action.who,
        due: action.due,
        done: false,
      };
    },
  );
}

/** Marks an action item done or not. */
export function setActionDone(
  handle: DocHandle<ScopeDoc>,
  assembly: string,
  action: string,
  done: boolean,
): AssemblyResult {
  return onAssembly(
    handle,
    assembly,
    (view) => (view.actions.some((known) => known.id === action) ? null : 'unknown-item'),
    (data) => {
      const target = data.actions[action];
      if (target !== undefined) target.done = done;
    },
  );
}

// ---- escalation -----------------------------------------------------------------------------------

/**
 * Sends a circle's agenda item up to the federation: a draft in the federation's document,
 * naming where it came from, that the federation puts on one of its agendas
 * ({@link placeDraft}); the circle's item is marked as sent.
 */
export function escalateItem(
  circle: DocHandle<ScopeDoc>,
  federation: DocHandle<ScopeDoc>,
  fields: {
    readonly assembly: string;
    readonly item: string;
    readonly draft: string;
    readonly at: string;
  },
): AssemblyResult {
  const doc = circle.doc();
  const scope = doc?.scope ?? '';
  const view = readAssembly(scope, fields.assembly, doc?.assemblies?.[fields.assembly]);
  if (view === null) return fail('unknown-assembly');
  const item = view.agenda.find((known) => known.id === fields.item);
  if (item === undefined) return fail('unknown-item');
  if (item.escalated) return fail('already-escalated');
  if (!isItemId(fields.draft) || !isItemId(scope)) return fail('invalid-item');
  const draft: DraftItemData = {
    title: item.title,
    kind: item.kind,
    minutes: item.minutes,
    escalatedFrom: { circle: scope, assembly: fields.assembly, item: fields.item },
    at: fields.at,
  };
  if (item.proposal !== null) draft.proposal = item.proposal;
  federation.change((next) => {
    if (!isRecord(next.drafts)) next.drafts = {};
    next.drafts[fields.draft] = draft;
  });
  circle.change((next) => {
    const target = next.assemblies[fields.assembly]?.agenda[fields.item];
    if (target !== undefined) target.escalated = { draft: fields.draft, at: fields.at };
  });
  return OK;
}

/** Puts a draft on a federation assembly's agenda (at the end), keeping where it came from. */
export function placeDraft(
  federation: DocHandle<ScopeDoc>,
  draft: string,
  assembly: string,
  item: string,
): AssemblyResult {
  const found = readDrafts(federation.doc()).find((known) => known.id === draft);
  if (found === undefined) return fail('unknown-draft');
  const added = addAgendaItem(federation, assembly, {
    id: item,
    title: found.title,
    kind: found.kind,
    minutes: found.minutes,
    proposal: found.proposal,
  });
  if (!added.ok) return added;
  federation.change((next) => {
    const target = next.assemblies[assembly]?.agenda[item];
    if (target !== undefined) target.escalatedFrom = { ...found.escalatedFrom };
    if (next.drafts !== undefined) delete next.drafts[draft];
  });
  return OK;
}

// ---- signed check-in ------------------------------------------------------------------------------

/** A member's signed presence at an assembly. */
export interface CheckInRecord {
  /** The cooperative's id. */
  readonly coop: string;
  /** The assembly's id. */
  readonly assembly: string;
  /** did:key of the member present, who signs. */
  readonly member: string;
  /** The member's clock (informative). */
  readonly ts: string;
  /** base64url Ed25519 signature over the prefix + JCS({coop, assembly, member, ts}). */
  readonly sig: string;
}

function checkInBytes(unsigned: Omit<CheckInRecord, 'sig'>): Uint8Array {
  return utf8(CHECK_IN_SIGNING_PREFIX + canonicalJson(unsigned));
}

/** Signs `member`'s check-in at `assembly`. */
export function createCheckIn(
  member: KeyPair,
  fields: { readonly coop: string; readonly assembly: string; readonly ts: string },
): CheckInRecord {
  const unsigned = {
    coop: fields.coop,
    assembly: fields.assembly,
    member: member.did,
    ts: fields.ts,
  };
  return { ...unsigned, sig: signToText(member, checkInBytes(unsigned)) };
}

/** Writes a check-in under its member, as immutable text (signed bytes are never merged). */
export function writeCheckIn(handle: DocHandle<ScopeDoc>, record: CheckInRecord): AssemblyResult {
  return onAssembly(handle, record.assembly, none, (data) => {
    if (!isRecord(data.checkIns)) data.checkIns = {};
    data.checkIns[record.member] = new ImmutableString(canonicalJson(record));
  });
}

/** Why a carried check-in is ignored. */
export type CheckInProblem =
  'malformed' | 'wrong-key' | 'wrong-coop' | 'wrong-assembly' | 'not-member' | 'bad-signature';

const CHECK_IN_FIELDS = ['coop', 'assembly', 'member', 'ts', 'sig'];

/**
 * Checks one check-in carried under `key` in an assembly (untrusted): bounded text, JSON of the
 * exact shape, the key its member, this cooperative, this assembly, a member of the ledger, and
 * the member's signature. Never throws.
 */
export async function checkCheckIn(
  key: string,
  carried: unknown,
  expected: {
    readonly coop: string;
    readonly assembly: string;
    readonly isMember: (did: string) => boolean;
    readonly verifier: SignatureVerifier;
  },
): Promise<{ ok: true; record: CheckInRecord } | { ok: false; problem: CheckInProblem }> {
  const text =
    typeof carried === 'string' ? carried : carried instanceof ImmutableString ? carried.val : null;
  if (text === null || text.length > ASSEMBLY_LIMITS.checkInText)
    return { ok: false, problem: 'malformed' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (!isRecord(value)) return { ok: false, problem: 'malformed' };
  const keys = Object.keys(value);
  if (
    keys.length !== CHECK_IN_FIELDS.length ||
    !CHECK_IN_FIELDS.every((field) => Object.hasOwn(value, field))
  ) {
    return { ok: false, problem: 'malformed' };
  }
  const { coop, assembly, member, ts, sig } = value;
  if (
    typeof coop !== 'string' ||
    typeof assembly !== 'string' ||
    typeof ts !== 'string' ||
    ts.length > 40
  ) {
    return { ok: false, problem: 'malformed' };
  }
  if (!isDidKey(member)) return { ok: false, problem: 'malformed' };
  const signature = decodeSignatureText(sig);
  if (signature === null) return { ok: false, problem: 'malformed' };
  if (member !== key) return { ok: false, problem: 'wrong-key' };
  if (coop !== expected.coop) return { ok: false, problem: 'wrong-coop' };
  if (assembly !== expected.assembly) return { ok: false, problem: 'wrong-assembly' };
  if (!expected.isMember(member)) return { ok: false, problem: 'not-member' };
  const publicKey = didToPublicKeyOrNull(member);
  if (publicKey === null) return { ok: false, problem: 'malformed' };
  const valid = await expected.verifier.verify(
    publicKey,
    checkInBytes({ coop, assembly, member, ts }),
    signature,
  );
  return valid
    ? { ok: true, record: { coop, assembly, member, ts, sig: sig as string } }
    : { ok: false, problem: 'bad-signature' };
}

/** A verified presence. */
export interface Attendance {
  readonly member: string;
  readonly ts: string;
}

/**
 * The members whose check-in at `assembly` verifies, sorted by did. `checkIns` is the assembly's
 * raw `checkIns` map from the document.
 */
export async function verifiedAttendance(
  checkIns: unknown,
  expected: {
    readonly coop: string;
    readonly assembly: string;
    readonly isMember: (did: string) => boolean;
    readonly verifier: SignatureVerifier;
  },
): Promise<Attendance[]> {
  if (!isRecord(checkIns)) return [];
  const out: Attendance[] = [];
  for (const [key, carried] of Object.entries(checkIns).slice(0, ASSEMBLY_LIMITS.checkIns)) {
    const checked = await checkCheckIn(key, carried, expected);
    if (checked.ok) out.push({ member: checked.record.member, ts: checked.record.ts });
  }
  return out.sort((a, b) => (a.member < b.member ? -1 : 1));
}
