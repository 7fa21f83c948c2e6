import * as ed from '@noble/ed25519';
import { hex } from '@scure/base';

/*
 * The ledger format's verification rule (spec section 2). Ed25519 libraries disagree on crafted
 * signatures, and peers that disagreed would compute different ledgers, so every path here
 * applies the same five checks whatever library or platform does the arithmetic:
 *   1. S < L;  2. A and R canonical (y < p) and on the curve;  3. neither A nor R of small order;
 *   4. A in the prime-order subgroup;  5. the cofactorless equation [S]B = R + [k]A.
 * Checks 1–3 on R and S are byte comparisons, done for every signature; checks 2–4 on A cost
 * point arithmetic and are done once per key (see `vetPublicKey`). Check 5 is the backend's.
 */

/** L = 2^252 + 27742317777372353535851937790883648493, little-endian, the group order. */
const L_LE = hex.decode('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

/**
 * Every encoding with y < p that names one of the 8 points of order dividing 8: the identity,
 * the point of order 2, the two of order 4 and the four of order 8 — plus the two "negative
 * zero" spellings (x = 0 with the sign bit set) of the first two, which RFC 8032 decoding
 * refuses anyway. A test derives this list from the curve itself.
 */
export const SMALL_ORDER_ENCODINGS: readonly string[] = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000080',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
];
const SMALL_ORDER = new Set(SMALL_ORDER_ENCODINGS);

/** Whether the 32 bytes at `offset` of `bytes`, read little-endian, are below L. */
export function isScalarCanonical(bytes: Uint8Array, offset = 0): boolean {
  for (let i = 31; i >= 0; i--) {
    const a = bytes[offset + i]!;
    const b = L_LE[i]!;
    if (a !== b) return a < b;
  }
  return false; // equal to L
}

/** Whether a point encoding's y coordinate (the sign bit masked off) is below p = 2^255 − 19. */
export function isEncodingCanonical(bytes: Uint8Array, offset = 0): boolean {
  // y >= p exactly when y is one of 2^255 − 19 … 2^255 − 1: top byte 0x7f, the middle 30 bytes
  // 0xff, the low byte >= 0xed.
  if ((bytes[offset + 31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (bytes[offset + i] !== 0xff) return true;
  return bytes[offset]! < 0xed;
}

/** Whether a point encoding is one of the small-order points' (see SMALL_ORDER_ENCODINGS). */
export function isSmallOrderEncoding(bytes: Uint8Array, offset = 0): boolean {
  // Every listed encoding has 0x00, 0xff, 0x17 or 0xe8 as its second byte: a one-byte test lets
  // almost every honest R through without building a hex string.
  const second = bytes[offset + 1];
  if (second !== 0x00 && second !== 0xff && second !== 0x17 && second !== 0xe8) return false;
  return SMALL_ORDER.has(hex.encode(bytes.subarray(offset, offset + 32)));
}

/**
 * Checks 1–3 for the parts of a signature that change with every message: S < L, R canonical,
 * R not of small order. (R being on the curve follows from check 5, which compares the
 * recomputed R's encoding with these bytes.)
 */
export function isSignatureShapeValid(signature: Uint8Array): boolean {
  return (
    signature.length === 64 &&
    isScalarCanonical(signature, 32) &&
    isEncodingCanonical(signature, 0) &&
    !isSmallOrderEncoding(signature, 0)
  );
}

/**
 * Checks 2–4 for a public key A: canonical, decodes to a point on the curve (RFC 8032 strict
 * decoding), not of small order, and in the prime-order subgroup ([L]A is the identity). Costs a
 * full scalar multiplication: callers remember the verdict per key.
 */
export function vetPublicKey(publicKey: Uint8Array): boolean {
  if (
    publicKey.length !== 32 ||
    !isEncodingCanonical(publicKey) ||
    isSmallOrderEncoding(publicKey)
  ) {
    return false;
  }
  let point: ed.Point;
  try {
    point = ed.Point.fromBytes(publicKey, false);
  } catch {
    return false;
  }
  return !point.isSmallOrder() && point.isTorsionFree();
}
