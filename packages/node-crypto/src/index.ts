/**
 * Node adapters for the identity package: check 5 of the verification rule (the cofactorless
 * Ed25519 equation) through `node:crypto`, which is synchronous and the fastest path on Node.
 * Kept out of the pure identity package; inject it with `createSignatureVerifier`. Also a native
 * SHA-256 for the ledger's ids.
 * @packageDocumentation
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import type { Ed25519Backend } from '@integrale/identity';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A backend running check 5 with OpenSSL through `node:crypto` (synchronous). */
export function createNodeCryptoBackend(): Ed25519Backend {
  const keys = new Map<string, KeyObject | null>();
  function keyObject(publicKey: Uint8Array): KeyObject | null {
    const text = Buffer.from(publicKey).toString('latin1');
    let key = keys.get(text);
    if (key === undefined) {
      try {
        key = createPublicKey({
          key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]),
          format: 'der',
          type: 'spki',
        });
      } catch {
        key = null;
      }
      if (keys.size > 10_000) keys.clear();
      keys.set(text, key);
    }
    return key;
  }
  return {
    name: 'node-crypto',
    verify(publicKey, message, signature) {
      // OpenSSL reads the DER key and ignores bytes after it: a 33-byte "key" (the real one and a
      // trailing byte) would otherwise verify. Only 32-byte keys go in.
      if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
      const key = keyObject(publicKey);
      if (key === null) return false;
      try {
        return nodeVerify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

/** Lowercase hex SHA-256 through OpenSSL: the ledger's ids, faster than pure JavaScript. */
export function nodeSha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** DER prefix of an Ed25519 private key in PKCS#8 (RFC 8410); the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Signs with OpenSSL under a key given by its 32-byte seed (RFC 8032 pure Ed25519). */
export interface NodeSigner {
  /** The 64-byte signature of `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * A native signer for a seed: what benchmarks and generators use to sign many entries (the
 * identity package's pure-JavaScript signer takes about 1 ms a signature; OpenSSL, a few µs).
 */
export function createNodeSigner(seed: Uint8Array): NodeSigner {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { sign: (message) => new Uint8Array(nodeSign(null, message, privateKey)) };
}
