import { ImmutableString, getConflicts, type DocHandle } from '@automerge/automerge-repo';
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
import { isId } from '@integrale/ledger';
import { carriedText, hasExactFields, isBoundedText, isRecordTimestamp } from './signed-records.js';

/*
 * Member profiles: the name a member chose, as soft data beside the ledger. The genesis names the
 * cooperative, not its founder, so without a profile the founder has no name anywhere. A profile
 * moves no money and decides nothing; the ledger's join name stays the authority for a member
 * who joined under one (see `profileNames`).
 *
 * The root document holds one record per member, under the member's did. It is only a carrier:
 * any member could write there, so each record is signed by the member it names and every peer
 * re-checks text size, exact shape, cooperative, key and signature before using it. Two devices
 * of one member may write at once; Automerge then keeps both values at the key as a conflict,
 * and the reader takes the latest `ts` among the valid ones (ties: the greater `sig` text), so
 * every peer picks the same one whatever order the changes arrived in.
 */

/** Prefix of the bytes a member signs for a profile (never valid as an entry or request). */
export const PROFILE_SIGNING_PREFIX = 'integrale/v1/profile\n';

/** Most characters in a profile's name (the ledger's bound on a join's name). */
export const MAX_PROFILE_NAME = 80;

/** Largest record text a carrier takes; real records are under 1 KiB. */
export const MAX_PROFILE_TEXT = 2 * 1024;

/** Most members read from a document: beyond, a flooding member's extra keys are ignored. */
export const MAX_PROFILES = 10_000;

/** A member's name, signed by that member. */
export interface ProfileRecord {
  readonly v: 1;
  readonly type: 'profile';
  /** The cooperative's id (its genesis id). */
  readonly coop: string;
  /** did:key of the member it describes, who signs it. */
  readonly member: string;
  /** 1–80 code points, no lone surrogate. */
  readonly name: string;
  /** The member's clock: the latest profile of a member wins. */
  readonly ts: string;
  /** base64url Ed25519 signature by `member` over the prefix + JCS(record without sig). */
  readonly sig: string;
}

/** The root document's part: member did → canonical JSON text of their signed profile. */
export type ProfileMap = Record<string, ImmutableString | string>;

/** The part of the root document this module reads and writes. */
export interface ProfilesDoc {
  profiles?: ProfileMap;
}

/** Why a carried profile is ignored. */
export type ProfileProblem =
  | 'not-text'
  | 'too-large'
  | 'not-json'
  | 'malformed'
  | 'wrong-member'
  | 'wrong-coop'
  | 'bad-signature';

const PROFILE_FIELDS = ['v', 'type', 'coop', 'member', 'name', 'ts', 'sig'];

function signingBytes(unsigned: object): Uint8Array {
  return utf8(PROFILE_SIGNING_PREFIX + canonicalJson(unsigned));
}

/** Whether `name` can be a profile's name: 1–80 code points, no lone surrogate. */
export function isProfileName(name: unknown): name is string {
  return isBoundedText(name, 1, MAX_PROFILE_NAME);
}

/** The record if `value` has a profile's exact shape (nothing about signature or coop). */
function shapeOf(value: unknown): ProfileRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (!hasExactFields(record, PROFILE_FIELDS)) return null;
  if (record['v'] !== 1 || record['type'] !== 'profile') return null;
  if (typeof record['coop'] !== 'string' || !isId(record['coop'])) return null;
  if (!isDidKey(record['member'])) return null;
  if (!isProfileName(record['name'])) return null;
  if (!isRecordTimestamp(record['ts'])) return null;
  if (decodeSignatureText(record['sig']) === null) return null;
  return record as unknown as ProfileRecord;
}

/** Signs `member`'s profile; throws a `RangeError` for a name that cannot be one. */
export function createProfile(
  member: KeyPair,
  fields: { readonly coop: string; readonly name: string; readonly ts: string },
): ProfileRecord {
  const unsigned = {
    v: 1 as const,
    type: 'profile' as const,
    coop: fields.coop,
    member: member.did,
    name: fields.name,
    ts: fields.ts,
  };
  const record = { ...unsigned, sig: signToText(member, signingBytes(unsigned)) };
  if (shapeOf(record) === null) throw new RangeError('a profile with impossible fields');
  return record;
}

/** The outcome of {@link checkProfile}. */
export type CheckedProfile =
  | { readonly ok: true; readonly record: ProfileRecord }
  | { readonly ok: false; readonly problem: ProfileProblem };

/**
 * Checks one profile carried under the did `key` (untrusted): text of bounded size, JSON of the
 * exact shape, naming the member of its key, for this cooperative, signed by that member under
 * the ledger's verification rule. Never throws.
 */
export async function checkProfile(
  key: string,
  carried: unknown,
  coop: string,
  verifier: SignatureVerifier,
): Promise<CheckedProfile> {
  const text = carriedText(carried);
  if (text === null) return { ok: false, problem: 'not-text' };
  if (text.length > MAX_PROFILE_TEXT) return { ok: false, problem: 'too-large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  const record = shapeOf(value);
  if (record === null) return { ok: false, problem: 'malformed' };
  if (record.member !== key) return { ok: false, problem: 'wrong-member' };
  if (record.coop !== coop) return { ok: false, problem: 'wrong-coop' };
  const { sig, ...unsigned } = record;
  const publicKey = didToPublicKeyOrNull(record.member);
  const signature = decodeSignatureText(sig);
  if (publicKey === null || signature === null) return { ok: false, problem: 'bad-signature' };
  try {
    const valid = await verifier.verify(publicKey, signingBytes(unsigned), signature);
    return valid ? { ok: true, record } : { ok: false, problem: 'bad-signature' };
  } catch {
    return { ok: false, problem: 'bad-signature' };
  }
}

/** Whether profile `a` replaces `b`: a later `ts`, or the same and a greater `sig` text. */
export function isLaterProfile(a: ProfileRecord, b: ProfileRecord): boolean {
  return a.ts !== b.ts ? a.ts > b.ts : a.sig > b.sig;
}

/**
 * Every value carried at `key`: the one Automerge shows and, when two devices wrote at once,
 * the others it keeps as a conflict. A plain object (not an Automerge document) has one.
 */
function carriedValues(map: object, key: string): unknown[] {
  try {
    const conflicts = getConflicts(map as Record<string, unknown>, key);
    if (conflicts !== undefined) return Object.values(conflicts);
  } catch {
    // Not part of an Automerge document (a test's plain object): only the value itself.
  }
  return [(map as Record<string, unknown>)[key]];
}

/** Reads the profiles of a root document, verifying each carried text once. */
export interface ProfileBook {
  /** The latest valid profile of each did in `map` (membership is not checked here). */
  read(map: unknown): Promise<Map<string, ProfileRecord>>;
}

/** Creates a {@link ProfileBook} for one cooperative. */
export function createProfileBook(init: {
  readonly coop: string;
  readonly verifier: SignatureVerifier;
}): ProfileBook {
  /** did + text → verdict: a signed text's verdict never changes. */
  const verdicts = new Map<string, ProfileRecord | null>();
  return {
    async read(map) {
      const out = new Map<string, ProfileRecord>();
      if (typeof map !== 'object' || map === null || Array.isArray(map)) return out;
      let seen = 0;
      for (const key of Object.keys(map)) {
        if (++seen > MAX_PROFILES) break;
        for (const carried of carriedValues(map, key)) {
          const text = carriedText(carried);
          const cacheKey = text === null ? null : `${key}\n${text}`;
          let record = cacheKey === null ? undefined : verdicts.get(cacheKey);
          if (record === undefined) {
            const checked = await checkProfile(key, carried, init.coop, init.verifier);
            record = checked.ok ? checked.record : null;
            // Only texts that fit are remembered: a flood of huge texts must not fill memory.
            if (cacheKey !== null && (text?.length ?? 0) <= MAX_PROFILE_TEXT) {
              verdicts.set(cacheKey, record);
            }
          }
          if (record === null) continue;
          const before = out.get(key);
          if (before === undefined || isLaterProfile(record, before)) out.set(key, record);
        }
      }
      return out;
    },
  };
}

/**
 * The names members are shown by: the ledger's join name where there is one — a profile may not
 * rename someone who joined under another name, since others paid and voted knowing that name —
 * else (the founder) their profile's name. Profiles of non-members are left out.
 */
export function profileNames(
  profiles: ReadonlyMap<string, ProfileRecord>,
  members: readonly { readonly did: string; readonly name: string | null }[],
): Map<string, string> {
  const names = new Map<string, string>();
  for (const member of members) {
    const name = member.name ?? profiles.get(member.did)?.name;
    if (name !== undefined) names.set(member.did, name);
  }
  return names;
}

/**
 * Writes `record` into the root document under its member's did, as an immutable string (signed
 * text must never be merged character by character). Cooperatives founded before profiles get
 * the map here, on first write.
 */
export function writeProfile(handle: DocHandle<ProfilesDoc>, record: ProfileRecord): void {
  const text = canonicalJson(record);
  handle.change((doc) => {
    if (doc.profiles === undefined) doc.profiles = {};
    doc.profiles[record.member] = new ImmutableString(text);
  });
}
