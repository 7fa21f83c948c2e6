/**
 * Curve arithmetic for the tests, on @noble/ed25519's Point: the constants, little-endian
 * scalars, and the 8 small-order points derived from the curve (not copied from the source).
 */
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { utf8 } from '../src/index.js';

/** p, the field prime, and L, the order of the prime-order subgroup. */
export const P = 2n ** 255n - 19n;
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;

/** `n` as 32 little-endian bytes (n < 2^256). */
export function le32(n: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    bytes[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return bytes;
}

/** Little-endian bytes read as an unsigned integer. */
export function leToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/** The same 32 bytes with the sign bit (top bit of the last byte) set. */
export function withSignBit(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[31] = copy[31]! | 0x80;
  return copy;
}

/** The Ed25519 challenge k = SHA-512(R ‖ A ‖ M) mod L, over the exact bytes given. */
export function challenge(R: Uint8Array, A: Uint8Array, message: Uint8Array): bigint {
  return leToBigInt(sha512(ed.etc.concatBytes(R, A, message))) % L;
}

/** [L]Q, which is the identity exactly when Q is in the prime-order subgroup. */
export function timesL(point: ed.Point): ed.Point {
  return point.multiply(L - 1n, false).add(point);
}

/** The smallest n in 1…8 with [n]Q = identity, or null if there is none. */
export function smallOrder(point: ed.Point): number | null {
  let multiple = point;
  for (let n = 1; n <= 8; n++) {
    if (multiple.is0()) return n;
    multiple = multiple.add(point);
  }
  return null;
}

/**
 * The 8 points whose order divides 8, as [0]T … [7]T for a T of order 8 found on the curve:
 * hash counters to y coordinates until one decodes to a point Q whose torsion component has
 * order 8; [L]Q kills the prime-order part and keeps a generator of that torsion component
 * (L ≡ 5 mod 8 is invertible mod 8).
 */
export function deriveTorsion(): ed.Point[] {
  for (let counter = 0; counter < 1000; counter++) {
    const bytes = sha256(utf8(`torsion ${counter}`));
    let point: ed.Point;
    try {
      point = ed.Point.fromBytes(bytes, false);
    } catch {
      continue;
    }
    const torsion = timesL(point);
    if (smallOrder(torsion) !== 8) continue;
    return [ed.Point.ZERO, ...[1n, 2n, 3n, 4n, 5n, 6n, 7n].map((n) => torsion.multiply(n, false))];
  }
  throw new Error('no point of order 8 found');
}
