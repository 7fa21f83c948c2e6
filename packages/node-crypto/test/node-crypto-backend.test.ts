import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { createSignatureVerifier, keyPairFromSeed, sign, utf8 } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import { createNodeCryptoBackend } from '../src/index.js';

const pair = keyPairFromSeed(new Uint8Array(32).fill(42));
const message = utf8('integrale/v1\n{"amount":1500,"type":"pay"}');
const signature = sign(pair, message);

/** RFC 8032 §7.1, test 1: empty message. */
const RFC8032_KEY = Buffer.from(
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  'hex',
);
const RFC8032_SIGNATURE = Buffer.from(
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  'hex',
);

describe('createNodeCryptoBackend', () => {
  it('is named node-crypto and verifies a valid signature synchronously', () => {
    const backend = createNodeCryptoBackend();
    expect(backend.name).toBe('node-crypto');
    expect(backend.verify(pair.publicKey, message, signature)).toBe(true);
  });

  it('verifies RFC 8032 test 1 and a signature made by node:crypto itself', () => {
    const backend = createNodeCryptoBackend();
    expect(backend.verify(RFC8032_KEY, new Uint8Array(0), RFC8032_SIGNATURE)).toBe(true);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    expect(backend.verify(raw, message, nodeSign(null, message, privateKey))).toBe(true);
  });

  it('rejects a tampered signature, message or key', () => {
    const backend = createNodeCryptoBackend();
    const badSignature = signature.slice();
    badSignature[10] = badSignature[10]! ^ 1;
    expect(backend.verify(pair.publicKey, message, badSignature)).toBe(false);
    const badMessage = message.slice();
    badMessage[0] = badMessage[0]! ^ 0x80;
    expect(backend.verify(pair.publicKey, badMessage, signature)).toBe(false);
    const otherKey = keyPairFromSeed(new Uint8Array(32).fill(43)).publicKey;
    expect(backend.verify(otherKey, message, signature)).toBe(false);
  });

  it('returns false, without throwing, for a 31- or 33-byte key, and still verifies afterwards', () => {
    const backend = createNodeCryptoBackend();
    for (const key of [
      pair.publicKey.subarray(0, 31),
      Buffer.concat([pair.publicKey, Buffer.of(0)]),
    ]) {
      expect(() => backend.verify(key, message, signature)).not.toThrow();
      expect(backend.verify(key, message, signature)).toBe(false);
    }
    expect(backend.verify(new Uint8Array(0), message, signature)).toBe(false);
    expect(backend.verify(pair.publicKey, message, signature)).toBe(true);
  });

  it('returns false, without throwing, for a signature of the wrong length', () => {
    const backend = createNodeCryptoBackend();
    for (const length of [0, 63, 65]) {
      const bytes = new Uint8Array(length);
      bytes.set(signature.subarray(0, Math.min(length, 64)));
      expect(backend.verify(pair.publicKey, message, bytes)).toBe(false);
    }
  });

  it('applies the rule when wrapped by createSignatureVerifier: Buffer inputs work, S + L does not', () => {
    const verifier = createSignatureVerifier(createNodeCryptoBackend());
    expect(
      verifier.verify(Buffer.from(pair.publicKey), Buffer.from(message), Buffer.from(signature)),
    ).toBe(true);
    // S + L: the same point equation, a non-canonical S that OpenSSL refuses as well.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const S = BigInt('0x' + Buffer.from(signature.subarray(32)).reverse().toString('hex'));
    const SplusL = Buffer.from((S + L).toString(16).padStart(64, '0'), 'hex').reverse();
    const malleated = Buffer.concat([signature.subarray(0, 32), SplusL]);
    expect(verifier.verify(pair.publicKey, message, malleated)).toBe(false);
  });
});
