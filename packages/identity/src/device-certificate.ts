import { canonicalJson, decodeSignatureText, utf8 } from './encoding.js';
import { didToPublicKeyOrNull, isDidKey } from './did-key.js';
import { signToText, type KeyPair } from './keys.js';
import type { SignatureVerifier } from './verifier.js';

/*
 * A device certificate: the member's key vouches that a device's libp2p peer id acts for them in
 * one cooperative. The device proves it holds its own key in libp2p's encrypted handshake (the
 * remote PeerId is authenticated there); the certificate ties that PeerId to a member, whose
 * membership the ledger then decides. Signed like ledger entries, under its own prefix so a
 * certificate can never be replayed as an entry or the reverse.
 */

/** Prefix of the bytes a member signs to certify a device. */
export const DEVICE_CERTIFICATE_PREFIX = 'integrale/v1/device\n';

/** A member's statement that `device` (a libp2p PeerId string) is theirs, in cooperative `coop`. */
export interface DeviceCertificate {
  readonly v: 1;
  readonly type: 'device';
  /** The cooperative's id (its genesis id). */
  readonly coop: string;
  /** did:key of the member. */
  readonly member: string;
  /** The device's libp2p PeerId, as text. */
  readonly device: string;
  /** When it was issued (the member's clock; informative). */
  readonly ts: string;
  /** base64url Ed25519 signature by `member` over the prefix + JCS(certificate without sig). */
  readonly sig: string;
}

/** Why a certificate was refused. */
export type DeviceCertificateProblem =
  'malformed' | 'wrong-coop' | 'wrong-device' | 'bad-signature';

const FIELDS = ['v', 'type', 'coop', 'member', 'device', 'ts', 'sig'];

function signingBytes(certificate: Omit<DeviceCertificate, 'sig'>): Uint8Array {
  return utf8(DEVICE_CERTIFICATE_PREFIX + canonicalJson(certificate));
}

/** Certifies a device for a member. */
export function createDeviceCertificate(
  member: KeyPair,
  fields: { readonly coop: string; readonly device: string; readonly ts: string },
): DeviceCertificate {
  const unsigned = {
    v: 1 as const,
    type: 'device' as const,
    coop: fields.coop,
    member: member.did,
    device: fields.device,
    ts: fields.ts,
  };
  return { ...unsigned, sig: signToText(member, signingBytes(unsigned)) };
}

/**
 * Checks a certificate received from a peer (untrusted): its shape, that it is for this
 * cooperative and for the device whose authenticated PeerId is `device`, and its signature under
 * the strict rule. Returns the member's did, or the problem.
 */
export async function checkDeviceCertificate(
  value: unknown,
  expected: { readonly coop: string; readonly device: string },
  verifier: SignatureVerifier,
): Promise<{ ok: true; member: string } | { ok: false; problem: DeviceCertificateProblem }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'malformed' };
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== FIELDS.length || !FIELDS.every((field) => Object.hasOwn(record, field))) {
    return { ok: false, problem: 'malformed' };
  }
  const { v, type, coop, member, device, ts, sig } = record;
  if (
    v !== 1 ||
    type !== 'device' ||
    typeof coop !== 'string' ||
    typeof device !== 'string' ||
    typeof ts !== 'string'
  ) {
    return { ok: false, problem: 'malformed' };
  }
  if (coop.length > 128 || device.length > 256 || ts.length > 64 || !isDidKey(member))
    return { ok: false, problem: 'malformed' };
  const signature = decodeSignatureText(sig);
  if (signature === null) return { ok: false, problem: 'malformed' };
  if (coop !== expected.coop) return { ok: false, problem: 'wrong-coop' };
  if (device !== expected.device) return { ok: false, problem: 'wrong-device' };
  const publicKey = didToPublicKeyOrNull(member) as Uint8Array;
  const valid = await verifier.verify(
    publicKey,
    signingBytes({ v: 1, type: 'device', coop, member, device, ts }),
    signature,
  );
  return valid ? { ok: true, member } : { ok: false, problem: 'bad-signature' };
}
