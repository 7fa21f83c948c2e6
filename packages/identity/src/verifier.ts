import { isSignatureShapeValid, vetPublicKey } from './verification-rule.js';

/**
 * The arithmetic of check 5 (the cofactorless equation [S]B = R + [k]A), done by a platform or a
 * library. It is only ever called for a key that passed `vetPublicKey` and a signature that passed
 * `isSignatureShapeValid`, so it need not (and must not be trusted to) apply checks 1–4 itself.
 */
export interface Ed25519Backend {
  /** For reports and benchmarks: `webcrypto`, `node-crypto`, `noble`. */
  readonly name: string;
  verify(
    publicKey: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean>;
}

/** Verifies Ed25519 signatures under the ledger format's verification rule. */
export interface SignatureVerifier {
  /** The backend doing check 5. */
  readonly backend: string;
  /**
   * Whether `signature` is a valid signature of `message` by `publicKey` under the rule. Never
   * throws and never rejects: anything malformed is simply not valid. Synchronous when the
   * backend is.
   */
  verify(
    publicKey: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean>;
}

/** Options of {@link createSignatureVerifier}. */
export interface SignatureVerifierInit {
  /** How many keys' vetting verdicts to remember (default 100,000; a cooperative has far fewer members). */
  maxCachedKeys?: number;
}

/** Text key for a map of byte strings; latin1 is the cheapest faithful mapping. */
function bytesKey(bytes: Uint8Array): string {
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/**
 * A verifier applying the whole verification rule: the byte checks on R and S for every
 * signature, the key checks on A once per key (remembered), then the backend's equation.
 */
export function createSignatureVerifier(
  backend: Ed25519Backend,
  init: SignatureVerifierInit = {},
): SignatureVerifier {
  const maxCachedKeys = init.maxCachedKeys ?? 100_000;
  const vetted = new Map<string, boolean>();

  function isKeyUsable(publicKey: Uint8Array): boolean {
    const key = bytesKey(publicKey);
    let verdict = vetted.get(key);
    if (verdict === undefined) {
      verdict = vetPublicKey(publicKey);
      // A hostile peer could send a stream of fresh keys; forget the oldest rather than grow.
      if (vetted.size >= maxCachedKeys) vetted.delete(vetted.keys().next().value!);
      vetted.set(key, verdict);
    }
    return verdict;
  }

  return {
    backend: backend.name,
    verify(publicKey, message, signature) {
      // The message too: native backends would take a string (node:crypto signs its UTF-8), an
      // ArrayBuffer or another typed array (WebCrypto) where noble refuses, and verdicts must not
      // depend on the backend.
      if (
        !(publicKey instanceof Uint8Array) ||
        !(message instanceof Uint8Array) ||
        !(signature instanceof Uint8Array)
      ) {
        return false;
      }
      if (publicKey.length !== 32 || !isSignatureShapeValid(signature)) return false;
      if (!isKeyUsable(publicKey)) return false;
      try {
        const result = backend.verify(publicKey, message, signature);
        return typeof result === 'boolean' ? result : result.catch(() => false);
      } catch {
        return false;
      }
    },
  };
}
