import { ImmutableString } from '@automerge/automerge-repo';
import {
  canonicalJson,
  decodeSignatureText,
  didToPublicKeyOrNull,
  isDidKey,
  sha256Hex,
  signToText,
  utf8,
  type KeyPair,
  type SignatureVerifier,
} from '@integrale/identity';
import { codePointLength, isId } from '@integrale/ledger';

/*
 * Signed records carried in collaborative documents (offers of help, their acceptance, market
 * listings): not ledger entries — they move no money — but facts a member must not be able to
 * forge for another. Each record is canonical JSON signed by its `author` under a prefix of its
 * family (never valid as a ledger entry), stored as an immutable string under its id (the SHA-256
 * of its canonical text). Documents are only carriers: every peer re-checks shape, id, cooperative
 * and signature before using a record, and remembers the verdict per key and text.
 */

/** Largest record text a carrier takes; real records are a few KiB at most. */
export const MAX_SIGNED_RECORD_TEXT = 16 * 1024;

/** Most records read from one map: beyond, a flooding member's extra records are ignored. */
export const MAX_SIGNED_RECORDS = 10_000;

/** Fields every signed record has. */
export interface SignedRecordBase {
  readonly v: 1;
  readonly type: string;
  /** The cooperative's id (its genesis id). */
  readonly coop: string;
  /** did:key of the member who signs it. */
  readonly author: string;
  /** The author's clock (informative). */
  readonly ts: string;
  /** base64url Ed25519 signature by `author` over the prefix + JCS(record without sig). */
  readonly sig: string;
}

/** Why a carried record is ignored. */
export type SignedRecordProblem =
  | 'not-text'
  | 'too-large'
  | 'not-json'
  | 'malformed'
  | 'id-mismatch'
  | 'wrong-coop'
  | 'bad-signature';

const TS_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

/** Whether `value` is a timestamp in the ledger's format. */
export function isRecordTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TS_PATTERN.test(value);
}

/** Whether `value` is a string of `min`…`max` code points. */
export function isBoundedText(value: unknown, min: number, max: number): value is string {
  if (typeof value !== 'string') return false;
  const length = codePointLength(value);
  return length >= min && length <= max;
}

/** Whether `record` has exactly `fields`, no more, no fewer. */
export function hasExactFields(record: object, fields: readonly string[]): boolean {
  const keys = Object.keys(record);
  return keys.length === fields.length && fields.every((field) => Object.hasOwn(record, field));
}

/**
 * The common part of a record's shape: a plain object with `v` 1, a cooperative id, a did:key
 * author, a timestamp and a decodable signature. The caller checks the rest.
 */
export function baseShape(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record['v'] !== 1) return null;
  if (typeof record['coop'] !== 'string' || !isId(record['coop'])) return null;
  if (!isDidKey(record['author'])) return null;
  if (!isRecordTimestamp(record['ts'])) return null;
  if (decodeSignatureText(record['sig']) === null) return null;
  return record;
}

/** The text a carrier holds (a string or an Automerge immutable string), else `null`. */
export function carriedText(carried: unknown): string | null {
  if (typeof carried === 'string') return carried;
  if (carried instanceof ImmutableString) return carried.val;
  return null;
}

/** A record's id: lowercase hex SHA-256 of JCS(record with its sig), as for ledger entries. */
export function signedRecordId(record: SignedRecordBase): string {
  return sha256Hex(utf8(canonicalJson(record)));
}

/** Signs `unsigned` as `author` under `prefix`; `unsigned.author` must be the key's did. */
export function signRecord<T extends SignedRecordBase>(
  author: KeyPair,
  prefix: string,
  unsigned: Omit<T, 'sig'>,
): T {
  if (unsigned.author !== author.did) throw new RangeError('a record signed by another key');
  const sig = signToText(author, utf8(prefix + canonicalJson(unsigned)));
  return { ...unsigned, sig } as T;
}

/** How one family of records is checked. */
export interface RecordFamily<T extends SignedRecordBase> {
  /** Prefix of the signed bytes. */
  readonly prefix: string;
  /** The record if `value` has the exact shape of one of this family, else `null`. */
  readonly shape: (value: unknown) => T | null;
}

/** The outcome of {@link checkSignedRecord}. */
export type CheckedRecord<T> =
  | { readonly ok: true; readonly record: T; readonly id: string }
  | { readonly ok: false; readonly problem: SignedRecordProblem };

/**
 * Checks one record carried under `key` (untrusted): text of bounded size, JSON of the family's
 * exact shape, its id equal to the key, for this cooperative, signed by its author under the
 * ledger's verification rule. Never throws.
 */
export async function checkSignedRecord<T extends SignedRecordBase>(
  key: string,
  carried: unknown,
  coop: string,
  verifier: SignatureVerifier,
  family: RecordFamily<T>,
): Promise<CheckedRecord<T>> {
  const text = carriedText(carried);
  if (text === null) return { ok: false, problem: 'not-text' };
  if (text.length > MAX_SIGNED_RECORD_TEXT) return { ok: false, problem: 'too-large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  const record = baseShape(value) === null ? null : family.shape(value);
  if (record === null) return { ok: false, problem: 'malformed' };
  const id = signedRecordId(record);
  if (id !== key) return { ok: false, problem: 'id-mismatch' };
  if (record.coop !== coop) return { ok: false, problem: 'wrong-coop' };
  const { sig, ...unsigned } = record;
  const publicKey = didToPublicKeyOrNull(record.author);
  const signature = decodeSignatureText(sig);
  if (publicKey === null || signature === null) return { ok: false, problem: 'bad-signature' };
  try {
    const valid = await verifier.verify(
      publicKey,
      utf8(family.prefix + canonicalJson(unsigned)),
      signature,
    );
    return valid ? { ok: true, record, id } : { ok: false, problem: 'bad-signature' };
  } catch {
    return { ok: false, problem: 'bad-signature' };
  }
}

/** Reads maps of carried records, verifying each once (verdicts kept by key and text). */
export interface RecordBook<T> {
  /** The records of `map` that pass {@link checkSignedRecord}, by id. */
  read(map: unknown): Promise<Map<string, T>>;
}

/** Creates a {@link RecordBook} for one cooperative and one family of records. */
export function createRecordBook<T extends SignedRecordBase>(init: {
  readonly coop: string;
  readonly verifier: SignatureVerifier;
  readonly family: RecordFamily<T>;
}): RecordBook<T> {
  /** A record is immutable: a key's verdict holds while its text does. */
  const verdicts = new Map<string, { text: string; record: T | null }>();
  return {
    async read(map) {
      const out = new Map<string, T>();
      if (typeof map !== 'object' || map === null || Array.isArray(map)) return out;
      let seen = 0;
      for (const [key, carried] of Object.entries(map as Record<string, unknown>)) {
        if (++seen > MAX_SIGNED_RECORDS) break;
        const text = carriedText(carried);
        const known = verdicts.get(key);
        if (text !== null && known?.text === text) {
          if (known.record !== null) out.set(key, known.record);
          continue;
        }
        const checked = await checkSignedRecord(
          key,
          carried,
          init.coop,
          init.verifier,
          init.family,
        );
        if (text !== null) verdicts.set(key, { text, record: checked.ok ? checked.record : null });
        if (checked.ok) out.set(key, checked.record);
      }
      return out;
    },
  };
}

/** The immutable carrier of a record (signed text must never be merged character by character). */
export function carrierOf(record: SignedRecordBase): { id: string; text: ImmutableString } {
  return { id: signedRecordId(record), text: new ImmutableString(canonicalJson(record)) };
}
