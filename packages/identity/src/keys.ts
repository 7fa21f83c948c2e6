import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { publicKeyToDid } from './did-key.js';
import { encodeBase64url } from './encoding.js';
import { InvalidKeyError } from './errors.js';

// noble's synchronous API needs a SHA-512; its async one would use crypto.subtle, which plain-HTTP
// LAN pages do not have. Giving it @noble/hashes makes signing work in every context. This is the
// library's own configuration slot, set once to the same function wherever it is imported.
ed.hashes.sha512 = sha512;

/** A member's (or a device's, or an invitation's) Ed25519 key pair. */
export interface KeyPair {
  /** The 32-byte secret seed (RFC 8032's private key). Never leaves the member's device unencrypted. */
  readonly secretKey: Uint8Array;
  /** The 32-byte public key. */
  readonly publicKey: Uint8Array;
  /** The public key as did:key, the member's identity everywhere. */
  readonly did: string;
}

/** A source of cryptographically secure random bytes (passed in, so tests are exact). */
export type RandomBytes = (length: number) => Uint8Array;

/**
 * The key pair of a 32-byte seed.
 * @throws InvalidKeyError when the seed is not 32 bytes.
 */
export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new InvalidKeyError('an Ed25519 seed is 32 bytes');
  }
  const secretKey = seed.slice();
  const publicKey = ed.getPublicKey(secretKey);
  return { secretKey, publicKey, did: publicKeyToDid(publicKey) };
}

/** A fresh key pair from the given randomness (e.g. `crypto.getRandomValues`). */
export function generateKeyPair(randomBytes: RandomBytes): KeyPair {
  return keyPairFromSeed(randomBytes(32));
}

/** Pure Ed25519 signature (RFC 8032) of `message`: 64 bytes. */
export function sign(keyPair: Pick<KeyPair, 'secretKey'>, message: Uint8Array): Uint8Array {
  return ed.sign(message, keyPair.secretKey);
}

/** The signature of `message` as canonical base64url text (86 characters). */
export function signToText(keyPair: Pick<KeyPair, 'secretKey'>, message: Uint8Array): string {
  return encodeBase64url(sign(keyPair, message));
}
