import { base64urlnopad, hex } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import * as canonicalizeModule from 'canonicalize';

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

/**
 * RFC 8785 (JCS) canonical JSON of a JSON value: object keys sorted by UTF-16 code units at every
 * depth, no whitespace, numbers and strings as `JSON.stringify` writes them.
 *
 * From the `canonicalize` library (Samuel Erdtman and Anders Rundgren, the RFC's authors), held
 * at its 2.x line on purpose: the ledger format names a malformed item by the JCS of whatever it
 * holds, lone surrogates written `\udxxx` as `JSON.stringify` writes them, while 3.x and later
 * refuse such strings as RFC 8785 asks. 2.x also calls `toJSON` only when it is a function, so a
 * member named `toJSON` (which `JSON.parse` can produce) is sorted like any other.
 * Recursive: nesting deeper than the call stack throws a `RangeError`, so callers bound the
 * nesting depth of untrusted input first.
 * @throws Error for what JSON cannot hold (a non-finite number); `undefined` gives `undefined`.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) as string;
}

// The library is CommonJS (`module.exports = serialize`) with a `export default` declaration;
// Node's and bundlers' interop both put the function on the namespace's `default`.
const serialize = (
  canonicalizeModule as unknown as { default: (value: unknown) => string | undefined }
).default;

/** Lowercase hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return hex.encode(sha256(bytes));
}

/** base64url without padding (RFC 4648 §5): the text form of signatures. */
export function encodeBase64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

/**
 * The 64 bytes of a signature written in canonical base64url without padding, or `null` when
 * the text is anything else: wrong length, characters outside the alphabet, padding, or a last
 * character with non-zero unused bits (re-encoding must give back the same text).
 */
export function decodeSignatureText(text: unknown): Uint8Array | null {
  // 86 characters of the alphabet whose last one carries 2 bits and 4 zero bits (A, Q, g or w):
  // exactly the canonical texts, so the library's decoding cannot fail and re-encoding would
  // give the same text.
  if (!isSignatureText(text)) return null;
  return base64urlnopad.decode(text);
}

/**
 * Whether a value is the canonical base64url text of 64 bytes (a signature's syntax), without
 * decoding it: the cheap test a shape check needs.
 */
export function isSignatureText(text: unknown): text is string {
  return typeof text === 'string' && CANONICAL_SIGNATURE_TEXT.test(text);
}

/** The canonical base64url (no padding) texts of 64 bytes. */
const CANONICAL_SIGNATURE_TEXT = /^[A-Za-z0-9_-]{85}[AQgw]$/;
