import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import type { Ed25519Backend } from './verifier.js';

/** L, the order of the prime-order subgroup. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function littleEndianToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/**
 * Check 5 in pure JavaScript with @noble/ed25519's point arithmetic, for platforms without a
 * native Ed25519 (plain-HTTP LAN pages have no `crypto.subtle`). noble's own `verify` checks the
 * cofactored equation, which the rule does not allow, so the cofactorless one is computed here:
 * [S]B − [k]A must encode to exactly the bytes of R.
 */
export function createNobleBackend(): Ed25519Backend {
  // Decoding A costs a square root; a member signs many entries, so keep the decoded point.
  const points = new Map<string, ed.Point>();
  return {
    name: 'noble',
    verify(publicKey, message, signature) {
      const keyText = ed.etc.bytesToHex(publicKey);
      let A = points.get(keyText);
      if (A === undefined) {
        A = ed.Point.fromBytes(publicKey, false);
        if (points.size > 10_000) points.clear();
        points.set(keyText, A);
      }
      const R = signature.subarray(0, 32);
      const S = littleEndianToBigInt(signature.subarray(32, 64));
      const k = littleEndianToBigInt(sha512(ed.etc.concatBytes(R, publicKey, message))) % L;
      const recomputedR = ed.Point.BASE.multiply(S, false).subtract(A.multiply(k, false));
      const encoded = recomputedR.toBytes();
      for (let i = 0; i < 32; i++) if (encoded[i] !== R[i]) return false;
      return true;
    },
  };
}
