import { canonicalJson, sha256Hex, utf8 } from '@integrale/identity';
import { JOIN_PROOF_PREFIX, SIGNING_PREFIX, type UnsignedEntry } from './entry.js';

/** Hashes bytes to lowercase hex SHA-256. Injectable so Node can use its native hash. */
export type Sha256Hex = (bytes: Uint8Array) => string;

/** An id: 64 lowercase hex digits. */
export const ID_PATTERN = /^[0-9a-f]{64}$/;

/** Whether a value is an id (64 lowercase hex digits). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length === 64 && ID_PATTERN.test(value);
}

/** The bytes an entry's author signs: the prefix and the canonical JSON of the entry without `sig`. */
export function signingMessage(entry: UnsignedEntry | Record<string, unknown>): Uint8Array {
  return utf8(SIGNING_PREFIX + canonicalJson(entry));
}

/**
 * The id of any JSON value read as an item: lowercase hex SHA-256 of its canonical JSON. For an
 * entry this covers its `sig` too, so the id names one exact signed text.
 */
export function itemId(item: unknown, hash: Sha256Hex = sha256Hex): string {
  return hash(utf8(canonicalJson(item)));
}

/** The bytes an invitation key signs to let `author` join cooperative `coop`. */
export function joinProofMessage(coop: string, author: string): Uint8Array {
  return utf8(JOIN_PROOF_PREFIX + coop + '\n' + author);
}
