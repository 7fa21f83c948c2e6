import {
  isValidAutomergeUrl,
  type AutomergeUrl,
  type DocHandle,
  type Repo,
} from '@automerge/automerge-repo';
import { isDidKey } from '@integrale/identity';
import { codePointLength } from '@integrale/ledger';
import type { ScopeDoc } from './assemblies.js';

/*
 * Circles and scopes. A circle ("Montreuil", "Paris 20e") is a local group of members; the
 * federation is the level above every circle. Each scope — the federation and every circle — has
 * a document of its own holding its assemblies (assemblies.ts), so a circle's activity grows its
 * own document only, never the root document or the federation's.
 *
 * The root document keeps only the index: each circle's name, its document's url and who belongs
 * to it; the federation's document url. All of it is soft data: any member may create a circle or
 * join one (the cooperative is open), and every member's device may read every scope's document
 * (the membership gate shares the cooperative's documents with members' devices only, but with
 * all of them). What is shown is read defensively: the root document is written by every member.
 */

/** The scope name of the federation level. */
export const FEDERATION = 'federation';

/** Most code points in a circle's name. */
export const MAX_CIRCLE_NAME = 80;

/** Most circles read from the root document (beyond, the rest are ignored). */
export const MAX_CIRCLES = 1_000;

/** Most members read per circle. */
export const MAX_CIRCLE_MEMBERS = 10_000;

/** A circle as the root document holds it. */
export interface CircleRecord {
  name: string;
  /** The circle's own document (its assemblies). */
  docUrl: AutomergeUrl;
  /** did:key of the member who created it. */
  createdBy: string;
  /** ISO time of creation (the creator's clock). */
  createdAt: string;
  /** did:key → ISO time they joined. */
  members: Record<string, string>;
}

/** The root document's part this module writes. */
export interface CirclesRootDoc {
  /** Circle id → circle. */
  circles?: Record<string, CircleRecord>;
  /** The federation's document. */
  federation?: AutomergeUrl;
}

/** A circle as the screens see it: validated fields only. */
export interface CircleView {
  readonly id: string;
  readonly name: string;
  readonly docUrl: AutomergeUrl;
  readonly createdBy: string;
  readonly createdAt: string;
  /** did:keys of its members, sorted. */
  readonly members: readonly string[];
}

/** Why a circle operation was refused. */
export type CircleProblem = 'invalid-name' | 'name-taken' | 'unknown-circle' | 'invalid-member';

/** The outcome of a circle operation. */
export type CircleResult<T = undefined> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: CircleProblem };

const ID_PATTERN = /^[0-9a-z-]{1,64}$/;

/** Whether `id` may name a circle (and, so, a scope other than the federation). */
export function isCircleId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id) && id !== FEDERATION;
}

/** A circle's name trimmed, or `null` if it is empty or too long. */
export function circleName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const length = codePointLength(trimmed);
  return length < 1 || length > MAX_CIRCLE_NAME ? null : trimmed;
}

const fold = (name: string): string =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');

/** The circles a root document names, validated, sorted by name. Never throws. */
export function readCircles(root: Readonly<CirclesRootDoc> | undefined): CircleView[] {
  const circles = root?.circles;
  if (typeof circles !== 'object' || circles === null || Array.isArray(circles)) return [];
  const out: CircleView[] = [];
  for (const [id, record] of Object.entries(circles).slice(0, MAX_CIRCLES)) {
    if (!isCircleId(id) || typeof record !== 'object' || record === null) continue;
    const { name, docUrl, createdBy, createdAt, members } = record as Partial<CircleRecord>;
    const shown = circleName(name);
    if (shown === null || typeof docUrl !== 'string' || !isValidAutomergeUrl(docUrl)) continue;
    const joined =
      typeof members === 'object' && members !== null && !Array.isArray(members)
        ? Object.keys(members)
            .slice(0, MAX_CIRCLE_MEMBERS)
            .filter((did) => isDidKey(did))
            .sort()
        : [];
    out.push({
      id,
      name: shown,
      docUrl,
      createdBy: isDidKey(createdBy) ? createdBy : '',
      createdAt: typeof createdAt === 'string' ? createdAt.slice(0, 40) : '',
      members: joined,
    });
  }
  return out.sort(
    (a, b) => fold(a.name).localeCompare(fold(b.name), 'fr') || (a.id < b.id ? -1 : 1),
  );
}

/** The federation document's url in a root document, if it has a valid one. */
export function federationUrl(root: Readonly<CirclesRootDoc> | undefined): AutomergeUrl | null {
  const url = root?.federation;
  return typeof url === 'string' && isValidAutomergeUrl(url) ? url : null;
}

/** What a new scope document starts with. */
export function emptyScopeDoc(scope: string): ScopeDoc {
  return { v: 1, scope, assemblies: {} };
}

/**
 * Creates a circle: its document, and its entry in the root document with its creator as first
 * member. Two circles may not share a name (compared without case or accents).
 */
export function createCircle(
  repo: Repo,
  root: DocHandle<CirclesRootDoc>,
  fields: { readonly id: string; readonly name: string; readonly by: string; readonly at: string },
): CircleResult<{ readonly id: string; readonly docUrl: AutomergeUrl }> {
  const name = circleName(fields.name);
  if (name === null || !isCircleId(fields.id)) return { ok: false, reason: 'invalid-name' };
  if (!isDidKey(fields.by)) return { ok: false, reason: 'invalid-member' };
  const taken = readCircles(root.doc()).some((circle) => fold(circle.name) === fold(name));
  if (taken) return { ok: false, reason: 'name-taken' };
  const scope = repo.create(emptyScopeDoc(fields.id));
  root.change((doc) => {
    doc.circles ??= {};
    doc.circles[fields.id] = {
      name,
      docUrl: scope.url,
      createdBy: fields.by,
      createdAt: fields.at,
      members: { [fields.by]: fields.at },
    };
  });
  return { ok: true, value: { id: fields.id, docUrl: scope.url } };
}

/** Adds a member to a circle (one tap: the cooperative is open). Joining twice changes nothing. */
export function joinCircle(
  root: DocHandle<CirclesRootDoc>,
  circle: string,
  member: string,
  at: string,
): CircleResult {
  if (!isDidKey(member)) return { ok: false, reason: 'invalid-member' };
  if (!readCircles(root.doc()).some((known) => known.id === circle)) {
    return { ok: false, reason: 'unknown-circle' };
  }
  root.change((doc) => {
    const record = doc.circles?.[circle];
    if (record === undefined) return;
    if (typeof record.members !== 'object' || record.members === null) record.members = {};
    if (!Object.hasOwn(record.members, member)) record.members[member] = at;
  });
  return { ok: true, value: undefined };
}

/** Takes a member out of a circle. */
export function leaveCircle(
  root: DocHandle<CirclesRootDoc>,
  circle: string,
  member: string,
): CircleResult {
  if (!readCircles(root.doc()).some((known) => known.id === circle)) {
    return { ok: false, reason: 'unknown-circle' };
  }
  root.change((doc) => {
    const members = doc.circles?.[circle]?.members;
    if (typeof members === 'object' && members !== null && Object.hasOwn(members, member)) {
      delete members[member];
    }
  });
  return { ok: true, value: undefined };
}

/**
 * The federation's document: the one the root document names, else a new one written there.
 * Founding creates it (cooperative-peer.ts); a cooperative founded before circles existed gets it
 * the first time a member opens the federation. Two members doing that at the same moment would
 * each write their own url; Automerge keeps one, and the assemblies written meanwhile in the other
 * document stay in it, unreachable — a narrow window, on an old cooperative's first use only.
 */
export function ensureFederation(repo: Repo, root: DocHandle<CirclesRootDoc>): AutomergeUrl {
  const known = federationUrl(root.doc());
  if (known !== null) return known;
  const scope = repo.create(emptyScopeDoc(FEDERATION));
  root.change((doc) => {
    doc.federation = scope.url;
  });
  return scope.url;
}

/** Where a scope's document is: the federation's or a circle's; `null` if unknown. */
export function scopeUrl(
  root: Readonly<CirclesRootDoc> | undefined,
  scope: string,
): AutomergeUrl | null {
  if (scope === FEDERATION) return federationUrl(root);
  return readCircles(root).find((circle) => circle.id === scope)?.docUrl ?? null;
}
