import { base58, hex } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DID_KEY_PREFIX,
  InvalidDidError,
  didToPublicKey,
  didToPublicKeyOrNull,
  isDidKey,
  keyPairFromSeed,
  publicKeyToDid,
} from '../src/index.js';

/** The did:key spec's (and our spec's) example, and the key inside it. */
const SPEC_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const SPEC_KEY_HEX = '2e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6';

/** `did:key:z` + base58btc of arbitrary bytes (no multicodec added). */
function didOfBytes(bytes: Uint8Array): string {
  return DID_KEY_PREFIX + base58.encode(bytes);
}

function multicodec(first: number, second: number, key: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(2 + key.length);
  bytes[0] = first;
  bytes[1] = second;
  bytes.set(key, 2);
  return bytes;
}

const KEY = hex.decode(SPEC_KEY_HEX);

describe('publicKeyToDid / didToPublicKey', () => {
  it('reads the spec’s example did:key and writes it back identically', () => {
    const key = didToPublicKey(SPEC_DID);
    expect(hex.encode(key)).toBe(SPEC_KEY_HEX);
    expect(publicKeyToDid(key)).toBe(SPEC_DID);
    expect(isDidKey(SPEC_DID)).toBe(true);
  });

  it('round-trips the public key of a key pair, and the did starts with z6Mk', () => {
    const pair = keyPairFromSeed(new Uint8Array(32).fill(7));
    expect(pair.did.startsWith('did:key:z6Mk')).toBe(true);
    expect(pair.did).toBe(publicKeyToDid(pair.publicKey));
    expect(didToPublicKey(pair.did)).toEqual(pair.publicKey);
  });

  it('round-trips any 32 bytes (syntax only: they need not be a curve point)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const did = publicKeyToDid(key);
        expect(did.length).toBeLessThanOrEqual(DID_KEY_PREFIX.length + 48);
        expect(didToPublicKeyOrNull(did)).toEqual(key);
        expect(isDidKey(did)).toBe(true);
      }),
    );
    expect(didToPublicKey(publicKeyToDid(new Uint8Array(32)))).toEqual(new Uint8Array(32));
    expect(didToPublicKey(publicKeyToDid(new Uint8Array(32).fill(0xff)))).toEqual(
      new Uint8Array(32).fill(0xff),
    );
  });

  it('returns a standalone 32-byte array, not a view into the decoded 34 bytes', () => {
    const key = didToPublicKey(SPEC_DID);
    expect(key.byteOffset).toBe(0);
    expect(key.buffer.byteLength).toBe(32);
  });

  it('refuses to write a did for a key that is not 32 bytes', () => {
    for (const length of [0, 31, 33, 64]) {
      expect(() => publicKeyToDid(new Uint8Array(length))).toThrow(InvalidDidError);
    }
  });

  it('throws InvalidDidError from didToPublicKey on a malformed did', () => {
    expect(() => didToPublicKey('did:key:z')).toThrow(InvalidDidError);
    expect(() => didToPublicKey(42 as unknown as string)).toThrow(InvalidDidError);
  });
});

describe('didToPublicKeyOrNull on hostile text', () => {
  const body = SPEC_DID.slice(DID_KEY_PREFIX.length);

  it.each([
    ['no prefix', body],
    ['did:key: without the z multibase', 'did:key:' + body],
    ['an upper-case Z', 'did:key:Z' + body],
    ['an upper-case DID:KEY:', 'DID:KEY:z' + body],
    ['another method', 'did:web:z' + body],
    ['a leading space', ' ' + SPEC_DID],
    ['a trailing space', SPEC_DID + ' '],
    ['a trailing newline', SPEC_DID + '\n'],
    ['hex multibase f', 'did:key:fed01' + SPEC_KEY_HEX],
  ])('rejects a wrong prefix: %s', (_, text) => {
    expect(didToPublicKeyOrNull(text)).toBeNull();
    expect(isDidKey(text)).toBe(false);
  });

  it.each(['0', 'O', 'I', 'l', '+', '/', '=', '_', '-', 'é', '\u0000'])(
    'rejects a did:key:z whose text holds the non-base58 character %j',
    (bad) => {
      for (const at of [0, 10, body.length - 1]) {
        const text = DID_KEY_PREFIX + body.slice(0, at) + bad + body.slice(at + 1);
        expect(didToPublicKeyOrNull(text)).toBeNull();
      }
    },
  );

  it.each([
    ['secp256k1 (0xe7 0x01)', 0xe7, 0x01],
    ['X25519 (0xec 0x01)', 0xec, 0x01],
    ['the bytes swapped (0x01 0xed)', 0x01, 0xed],
    ['0xed 0x00', 0xed, 0x00],
    ['0xed 0x81', 0xed, 0x81],
  ])('rejects right-length base58 with a wrong multicodec: %s', (_, first, second) => {
    const text = didOfBytes(multicodec(first, second, KEY));
    expect(text.startsWith(DID_KEY_PREFIX)).toBe(true);
    expect(base58.decode(text.slice(DID_KEY_PREFIX.length))).toHaveLength(34);
    expect(didToPublicKeyOrNull(text)).toBeNull();
  });

  it.each([0, 1, 31, 33, 35, 64])(
    'rejects the Ed25519 multicodec followed by %i key bytes',
    (length) => {
      const text = didOfBytes(multicodec(0xed, 0x01, new Uint8Array(length).fill(0x5a)));
      expect(didToPublicKeyOrNull(text)).toBeNull();
    },
  );

  it('rejects 33 and 35 bytes in all (a truncated or extended spec did)', () => {
    const bytes = base58.decode(body);
    expect(didToPublicKeyOrNull(didOfBytes(bytes.slice(0, 33)))).toBeNull();
    expect(didToPublicKeyOrNull(didOfBytes(Uint8Array.of(...bytes, 0)))).toBeNull();
    // A leading zero byte is a leading "1" in base58: 35 bytes, however valid the rest.
    expect(didToPublicKeyOrNull(DID_KEY_PREFIX + '1' + body)).toBeNull();
  });

  it('rejects the empty string and the bare prefix', () => {
    expect(didToPublicKeyOrNull('')).toBeNull();
    expect(didToPublicKeyOrNull('did:key:')).toBeNull();
    expect(didToPublicKeyOrNull(DID_KEY_PREFIX)).toBeNull();
  });

  it('returns null fast for a 1 MB did', () => {
    const hostile = [
      DID_KEY_PREFIX + '2'.repeat(1 << 20),
      SPEC_DID + 'z'.repeat(1 << 20),
      DID_KEY_PREFIX + '1'.repeat(1 << 20),
    ];
    const started = Date.now();
    for (const text of hostile) expect(didToPublicKeyOrNull(text)).toBeNull();
    // Decoding a megabyte of base58 is quadratic (minutes); refusing it is a length check.
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('returns null fast for many 4 000-character dids (under the base58 decoder’s own limit)', () => {
    // @scure/base refuses ~5 000 characters and more by itself, but decoding 4 000 costs
    // milliseconds: a did can be at most 48 characters, and longer ones are never decoded.
    const long = DID_KEY_PREFIX + 'z'.repeat(4000);
    const started = Date.now();
    for (let i = 0; i < 200; i++) expect(didToPublicKeyOrNull(long)).toBeNull();
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('returns null, never throws, for input that is not a string', () => {
    for (const value of [
      undefined,
      null,
      0,
      42n,
      true,
      {},
      [],
      KEY,
      ['did:key:z6Mk'],
      Symbol('d'),
    ]) {
      expect(didToPublicKeyOrNull(value as unknown as string)).toBeNull();
      expect(isDidKey(value)).toBe(false);
    }
    const lookalike = { startsWith: () => true, slice: () => SPEC_DID.slice(9), length: 56 };
    expect(didToPublicKeyOrNull(lookalike as unknown as string)).toBeNull();
  });
});
