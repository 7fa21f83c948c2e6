/** A did:key string that is not the text form of an Ed25519 public key. */
export class InvalidDidError extends Error {
  override name = 'InvalidDidError';
}

/** Key material of the wrong size or shape (a seed that is not 32 bytes, say). */
export class InvalidKeyError extends Error {
  override name = 'InvalidKeyError';
}
