import { base64urlnopad, hex } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

/**
 * RFC 8785 (JCS) canonical JSON of a JSON value: object keys sorted by UTF-16 code units at every
 * depth, no whitespace, numbers and strings written as `JSON.stringify` writes them (so a lone
 * surrogate comes out as `\udxxx`: that is how the ledger format names a malformed item).
 * Written out rather than delegated to `JSON.stringify` or a library, because those treat a
 * member named `toJSON` (which `JSON.parse` happily produces) as a serialisation hook and then
 * write the object's keys unsorted. Recursive: nesting deeper than the call stack throws a
 * `RangeError`, so callers bound the nesting depth of untrusted input first.
 * @throws TypeError for what JSON cannot hold (a non-finite number, `undefined` at the top,
 * a function, a symbol, a bigint). An `undefined` member is left out, an `undefined` array
 * item written `null`, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          text += (i === 0 ? '' : ',') + (item === undefined ? 'null' : canonicalJson(item));
        }
        return text + ']';
      }
      const record = value as Record<string, unknown>;
      // Array.prototype.sort compares strings by UTF-16 code units, which is what JCS asks.
      const keys = Object.keys(record).sort();
      let text = '{';
      let first = true;
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        text += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(member);
        first = false;
      }
      return text + '}';
    }
    default:
      throw new TypeError(`not a JSON value: ${typeof value}`);
  }
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
