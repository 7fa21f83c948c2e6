import type { Ed25519Backend } from './verifier.js';

/**
 * The part of WebCrypto's `SubtleCrypto` this backend uses, declared here so the pure package
 * needs no DOM types; pass `globalThis.crypto.subtle` in.
 */
export interface SubtleEd25519 {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    keyUsages: ['verify'],
  ): Promise<unknown>;
  verify(
    algorithm: { name: 'Ed25519' },
    key: never,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}

const ED25519 = { name: 'Ed25519' } as const;

/** The public key of RFC 8032's first test vector: a valid point to probe support with. */
const RFC8032_TEST_KEY = Uint8Array.from(
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'.match(/../g)!,
  (byte) => parseInt(byte, 16),
);

/**
 * Check 5 with the platform's native Ed25519 (WebCrypto: Chromium, Firefox, Safari, Node).
 * Native implementations compute the cofactorless equation and compare R byte for byte, which is
 * what the rule asks; the checks they may skip (small order, subgroup) were done before.
 */
export function createWebCryptoBackend(subtle: SubtleEd25519): Ed25519Backend {
  const keys = new Map<string, Promise<unknown>>();
  return {
    name: 'webcrypto',
    async verify(publicKey, message, signature) {
      const keyText = String.fromCharCode.apply(null, publicKey as unknown as number[]);
      let key = keys.get(keyText);
      if (key === undefined) {
        key = subtle.importKey('raw', publicKey, ED25519, false, ['verify']);
        if (keys.size > 10_000) keys.clear();
        keys.set(keyText, key);
      }
      return subtle.verify(ED25519, (await key) as never, signature, message);
    },
  };
}

/** Whether this `SubtleCrypto` supports Ed25519 (older browsers lack it). */
export async function supportsWebCryptoEd25519(
  subtle: SubtleEd25519 | undefined,
): Promise<boolean> {
  if (subtle === undefined) return false;
  try {
    await subtle.importKey('raw', RFC8032_TEST_KEY, ED25519, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}
