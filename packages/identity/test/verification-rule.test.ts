import * as ed from '@noble/ed25519';
import { hex } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SMALL_ORDER_ENCODINGS,
  isEncodingCanonical,
  isScalarCanonical,
  isSignatureShapeValid,
  isSmallOrderEncoding,
  keyPairFromSeed,
  sign,
  utf8,
  vetPublicKey,
} from '../src/index.js';
import { L, P, deriveTorsion, le32, smallOrder, withSignBit } from './curve.js';

const TORSION = deriveTorsion();
const TORSION_HEX = TORSION.map((point) => point.toHex());
const LIST = new Set(SMALL_ORDER_ENCODINGS);

describe('SMALL_ORDER_ENCODINGS', () => {
  it('derives 8 distinct torsion points of orders 1, 2, 4, 4, 8, 8, 8, 8', () => {
    expect(new Set(TORSION_HEX).size).toBe(8);
    const orders = TORSION.map(smallOrder).sort();
    expect(orders).toEqual([1, 2, 4, 4, 8, 8, 8, 8]);
    for (const point of TORSION) expect(point.isSmallOrder()).toBe(true);
  });

  it('holds the canonical encoding of every small-order point', () => {
    for (const encoding of TORSION_HEX) expect(LIST.has(encoding)).toBe(true);
  });

  it('holds nothing else but the x = 0, sign-bit-set spellings of the identity and of (0, −1)', () => {
    expect(LIST.size).toBe(SMALL_ORDER_ENCODINGS.length);
    const extra = SMALL_ORDER_ENCODINGS.filter((encoding) => !TORSION_HEX.includes(encoding));
    expect(extra).toHaveLength(2);
    for (const encoding of extra) {
      const bytes = hex.decode(encoding);
      expect(bytes[31]! & 0x80).toBe(0x80);
      // RFC 8032 decoding refuses x = 0 with the sign bit set; ZIP 215 decoding reads it.
      expect(() => ed.Point.fromBytes(bytes, false)).toThrow();
      const point = ed.Point.fromBytes(bytes, true);
      expect(point.x).toBe(0n);
      expect(point.isSmallOrder()).toBe(true);
      expect(hex.encode(withSignBit(point.toBytes()))).toBe(encoding);
    }
  });

  it('leaves no spelling of a small-order point unrefused: each is listed or has y ≥ p', () => {
    for (const point of TORSION) {
      const y = point.y;
      const spellings = [point.toBytes(), withSignBit(point.toBytes())];
      if (y + P < 2n ** 255n) spellings.push(le32(y + P), withSignBit(le32(y + P)));
      for (const bytes of spellings) {
        let decoded: ed.Point;
        try {
          decoded = ed.Point.fromBytes(bytes, true);
        } catch {
          continue; // not a point at all
        }
        if (!decoded.equals(point)) continue; // the other sign: a different point
        expect(isSmallOrderEncoding(bytes) || !isEncodingCanonical(bytes)).toBe(true);
        expect(vetPublicKey(bytes)).toBe(false);
      }
    }
  });

  it('is matched by isSmallOrderEncoding at any offset, and an ordinary key is not', () => {
    for (const encoding of SMALL_ORDER_ENCODINGS) {
      const buffer = new Uint8Array(64).fill(0x33);
      buffer.set(hex.decode(encoding), 32);
      expect(isSmallOrderEncoding(buffer, 32)).toBe(true);
      expect(isSmallOrderEncoding(hex.decode(encoding))).toBe(true);
    }
    const ordinary = keyPairFromSeed(new Uint8Array(32).fill(1)).publicKey;
    expect(isSmallOrderEncoding(ordinary)).toBe(false);
    // Same second byte as the identity's, different point.
    expect(isSmallOrderEncoding(le32(2n))).toBe(false);
  });
});

describe('isScalarCanonical', () => {
  it.each([
    ['0', 0n, true],
    ['1', 1n, true],
    ['2^252', 2n ** 252n, true],
    ['L − 1', L - 1n, true],
    ['L', L, false],
    ['L + 1', L + 1n, false],
    ['2^253', 2n ** 253n, false],
    ['2^256 − 1', 2n ** 256n - 1n, false],
  ])('says %s is %s', (_, value, canonical) => {
    expect(isScalarCanonical(le32(value))).toBe(canonical);
    const signature = new Uint8Array(64).fill(0xff);
    signature.set(le32(value), 32);
    expect(isScalarCanonical(signature, 32)).toBe(canonical);
  });

  it('agrees with S < L on random and near-L scalars', () => {
    const near = fc.bigInt({ min: L - 2n ** 20n, max: L + 2n ** 20n });
    const any = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n });
    fc.assert(
      fc.property(fc.oneof(near, any), (value) => {
        expect(isScalarCanonical(le32(value))).toBe(value < L);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isEncodingCanonical', () => {
  it.each([
    ['0', 0n, true],
    ['p − 1', P - 1n, true],
    ['p', P, false],
    ['p + 1', P + 1n, false],
    ['2^255 − 1', 2n ** 255n - 1n, false],
    ['2^255 − 256 (top bytes like p’s, low byte small)', 2n ** 255n - 256n, true],
  ])('says y = %s is canonical: %s, with or without the sign bit', (_, y, canonical) => {
    expect(isEncodingCanonical(le32(y))).toBe(canonical);
    expect(isEncodingCanonical(withSignBit(le32(y)))).toBe(canonical);
    const buffer = new Uint8Array(64);
    buffer.set(withSignBit(le32(y)), 5);
    expect(isEncodingCanonical(buffer, 5)).toBe(canonical);
  });

  it('agrees with y < p on random and near-p values, whatever the sign bit', () => {
    const near = fc.bigInt({ min: P - 2n ** 16n, max: 2n ** 255n - 1n });
    const any = fc.bigInt({ min: 0n, max: 2n ** 255n - 1n });
    fc.assert(
      fc.property(fc.oneof(near, any), fc.boolean(), (y, signed) => {
        const bytes = signed ? withSignBit(le32(y)) : le32(y);
        expect(isEncodingCanonical(bytes)).toBe(y < P);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isSignatureShapeValid', () => {
  const pair = keyPairFromSeed(new Uint8Array(32).fill(9));
  const signature = sign(pair, utf8('shape'));

  it('accepts an honest signature', () => {
    expect(isSignatureShapeValid(signature)).toBe(true);
  });

  it('rejects the wrong length, S ≥ L, R with y ≥ p and a small-order R', () => {
    expect(isSignatureShapeValid(signature.subarray(0, 63))).toBe(false);
    expect(isSignatureShapeValid(Uint8Array.of(...signature, 0))).toBe(false);
    const bigS = signature.slice();
    bigS.set(le32(L), 32);
    expect(isSignatureShapeValid(bigS)).toBe(false);
    const badR = signature.slice();
    badR.set(le32(P + 3n), 0);
    expect(isSignatureShapeValid(badR)).toBe(false);
    for (const encoding of SMALL_ORDER_ENCODINGS) {
      const smallR = signature.slice();
      smallR.set(hex.decode(encoding), 0);
      expect(isSignatureShapeValid(smallR)).toBe(false);
    }
  });
});

describe('vetPublicKey', () => {
  it('accepts ordinary keys (and RFC 8032’s first test key)', () => {
    for (const fill of [1, 2, 3, 200]) {
      expect(vetPublicKey(keyPairFromSeed(new Uint8Array(32).fill(fill)).publicKey)).toBe(true);
    }
    expect(
      vetPublicKey(hex.decode('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')),
    ).toBe(true);
  });

  it('rejects the identity and every small-order key', () => {
    expect(vetPublicKey(le32(1n))).toBe(false);
    for (const encoding of SMALL_ORDER_ENCODINGS)
      expect(vetPublicKey(hex.decode(encoding))).toBe(false);
    for (const point of TORSION) expect(vetPublicKey(point.toBytes())).toBe(false);
  });

  it('rejects a mixed-order key A + T for every non-identity torsion point T', () => {
    const A = ed.Point.fromBytes(keyPairFromSeed(new Uint8Array(32).fill(4)).publicKey);
    for (const T of TORSION.slice(1)) {
      const mixed = A.add(T);
      const bytes = mixed.toBytes();
      // Canonical, on the curve and not of small order: only check 4 (the subgroup) refuses it.
      expect(isEncodingCanonical(bytes)).toBe(true);
      expect(ed.Point.fromBytes(bytes, false).equals(mixed)).toBe(true);
      expect(isSmallOrderEncoding(bytes)).toBe(false);
      expect(mixed.isSmallOrder()).toBe(false);
      expect(vetPublicKey(bytes)).toBe(false);
    }
  });

  it('rejects a non-canonical key (y ≥ p) that ZIP 215 decoding reads as a point', () => {
    for (const y of [3n, 4n, 9n, 18n]) {
      for (const bytes of [le32(P + y), withSignBit(le32(P + y))]) {
        expect(ed.Point.fromBytes(bytes, true).y).toBe(y);
        expect(vetPublicKey(bytes)).toBe(false);
      }
    }
    // y = p + 1 is a second spelling of the identity.
    expect(ed.Point.fromBytes(le32(P + 1n), true).is0()).toBe(true);
    expect(vetPublicKey(le32(P + 1n))).toBe(false);
  });

  it('rejects a key whose y has no point on the curve', () => {
    for (const y of [2n, 7n, 8n, 11n]) {
      expect(() => ed.Point.fromBytes(le32(y), true)).toThrow();
      expect(vetPublicKey(le32(y))).toBe(false);
      expect(vetPublicKey(withSignBit(le32(y)))).toBe(false);
    }
  });

  it('rejects keys that are not 32 bytes', () => {
    const key = keyPairFromSeed(new Uint8Array(32).fill(1)).publicKey;
    expect(vetPublicKey(key.subarray(0, 31))).toBe(false);
    expect(vetPublicKey(Uint8Array.of(...key, 0))).toBe(false);
    expect(vetPublicKey(new Uint8Array(0))).toBe(false);
  });
});
