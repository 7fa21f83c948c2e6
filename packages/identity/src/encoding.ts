import { base64urlnopad, hex } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalize } from 'json-canonicalize';

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

/**
 * RFC 8785 (JCS) canonical JSON of a JSON value. Strings are written as `JSON.stringify` writes
 * them, so a lone surrogate comes out as `\udxxx`: that is how the ledger format names a
 * malformed item. Recursive: callers bound the nesting depth of untrusted input first.
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

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
  if (typeof text !== 'string' || text.length !== 86) return null;
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(text);
  } catch {
    return null;
  }
  if (bytes.length !== 64 || base64urlnopad.encode(bytes) !== text) return null;
  return bytes;
}
