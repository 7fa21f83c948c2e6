import {
  createNobleBackend,
  createSignatureVerifier,
  createWebCryptoBackend,
  supportsWebCryptoEd25519,
  type SignatureVerifier,
  type SubtleEd25519,
} from '@integrale/identity';

/**
 * The signature verifier for this page: WebCrypto's native Ed25519 where the browser has it (about
 * ten times faster), @noble/ed25519 otherwise — a page served over plain HTTP from a LAN address
 * is not a secure context and has no `crypto.subtle` at all (NETWORK-NOTES gotcha 7). Both apply
 * the same verification rule, so verdicts never depend on the choice.
 */
export async function chooseVerifier(subtle: SubtleCrypto | undefined): Promise<SignatureVerifier> {
  const native = subtle as unknown as SubtleEd25519 | undefined;
  if (native !== undefined && (await supportsWebCryptoEd25519(native))) {
    return createSignatureVerifier(createWebCryptoBackend(native));
  }
  return createSignatureVerifier(createNobleBackend());
}
