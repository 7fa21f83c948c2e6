import { base58 } from '@scure/base';
import { InvalidDidError } from './errors.js';

/** Every did:key string for Ed25519 starts with this. */
export const DID_KEY_PREFIX = 'did:key:z';

/** Multicodec varint for an Ed25519 public key (0xed, then 0x01). */
const ED25519_MULTICODEC = [0xed, 0x01] as const;

/**
 * The did:key text of an Ed25519 public key: `did:key:z` + base58btc(0xed 0x01 ‖ key).
 * @throws InvalidDidError when the key is not 32 bytes.
 */
export function publicKeyToDid(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new InvalidDidError('an Ed25519 public key is 32 bytes');
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_MULTICODEC, 0);
  bytes.set(publicKey, 2);
  return DID_KEY_PREFIX + base58.encode(bytes);
}

/**
 * The 32-byte public key inside a did:key, or `null` when the text is not well-formed (wrong
 * prefix, not base58btc, not 34 bytes, not the Ed25519 multicodec). Whether those 32 bytes are a
 * usable curve point is for signature checking to say, not for this syntax check.
 */
export function didToPublicKeyOrNull(did: string): Uint8Array | null {
  if (typeof did !== 'string' || !did.startsWith(DID_KEY_PREFIX)) return null;
  // 34 bytes are at most 47 base58 characters; refuse anything longer before decoding it, so a
  // hostile megabyte-long "did" costs nothing.
  const text = did.slice(DID_KEY_PREFIX.length);
  if (text.length === 0 || text.length > 48) return null;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(text);
  } catch {
    return null;
  }
  if (
    bytes.length !== 34 ||
    bytes[0] !== ED25519_MULTICODEC[0] ||
    bytes[1] !== ED25519_MULTICODEC[1]
  ) {
    return null;
  }
  return bytes.slice(2);
}

/**
 * The 32-byte public key inside a did:key.
 * @throws InvalidDidError when the text is not a well-formed Ed25519 did:key.
 */
export function didToPublicKey(did: string): Uint8Array {
  const key = didToPublicKeyOrNull(did);
  if (key === null)
    throw new InvalidDidError(`not an Ed25519 did:key: ${String(did).slice(0, 80)}`);
  return key;
}

/** Whether `value` is a well-formed Ed25519 did:key (syntax only). */
export function isDidKey(value: unknown): value is string {
  return typeof value === 'string' && didToPublicKeyOrNull(value) !== null;
}
