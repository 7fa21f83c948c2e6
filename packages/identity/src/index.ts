/**
 * Member identity for Intégrale: Ed25519 keys, their did:key text, canonical JSON, and signature
 * verification under the ledger format's strict rule. Pure: no IO; randomness and the platform's
 * crypto are passed in.
 * @packageDocumentation
 */
export { InvalidDidError, InvalidKeyError } from './errors.js';
export {
  DID_KEY_PREFIX,
  publicKeyToDid,
  didToPublicKey,
  didToPublicKeyOrNull,
  isDidKey,
} from './did-key.js';
export {
  utf8,
  canonicalJson,
  sha256Hex,
  encodeBase64url,
  decodeSignatureText,
  isSignatureText,
} from './encoding.js';
export {
  type KeyPair,
  type RandomBytes,
  keyPairFromSeed,
  generateKeyPair,
  sign,
  signToText,
} from './keys.js';
export {
  SMALL_ORDER_ENCODINGS,
  isScalarCanonical,
  isEncodingCanonical,
  isSmallOrderEncoding,
  isSignatureShapeValid,
  vetPublicKey,
} from './verification-rule.js';
export {
  type Ed25519Backend,
  type SignatureVerifier,
  type SignatureVerifierInit,
  createSignatureVerifier,
} from './verifier.js';
export { createNobleBackend } from './noble-backend.js';
export {
  type SubtleEd25519,
  createWebCryptoBackend,
  supportsWebCryptoEd25519,
} from './webcrypto-backend.js';
export {
  DEVICE_CERTIFICATE_PREFIX,
  type DeviceCertificate,
  type DeviceCertificateProblem,
  createDeviceCertificate,
  checkDeviceCertificate,
} from './device-certificate.js';
