import { keyPairFromSeed, type KeyPair, type RandomBytes } from '@integrale/identity';
import {
  generateKeyPair as generateLibp2pKey,
  privateKeyFromProtobuf,
  privateKeyToProtobuf,
} from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { KeySlotTakenError, type KeySlot, type KeyStore } from '../key-store.js';

/*
 * This device's two keys, made on first use and kept in the key store: the member's Ed25519 key
 * (their identity in every cooperative) and the device's libp2p key (its PeerId, which the member
 * key certifies). Two tabs opening at once may both make a key; the store's add-only `put` lets one
 * win, and the other adopts the winner's, so a profile never has two identities.
 */

async function loadOrCreate(
  store: KeyStore,
  slot: KeySlot,
  create: () => Promise<Uint8Array> | Uint8Array,
): Promise<Uint8Array> {
  const existing = await store.get(slot);
  if (existing !== undefined) return existing;
  const fresh = await create();
  try {
    await store.put(slot, fresh);
    return fresh;
  } catch (error) {
    fresh.fill(0);
    if (!(error instanceof KeySlotTakenError)) throw error;
    const winner = await store.get(slot);
    if (winner === undefined) throw error;
    return winner;
  }
}

/** The member's key pair, created (from `randomBytes`) the first time. */
export async function loadOrCreateMemberKey(
  store: KeyStore,
  randomBytes: RandomBytes,
): Promise<KeyPair> {
  const seed = await loadOrCreate(store, 'member-key', () => randomBytes(32));
  const pair = keyPairFromSeed(seed);
  seed.fill(0);
  return pair;
}

/** The device's libp2p private key (Ed25519), created the first time. */
export async function loadOrCreateDeviceKey(store: KeyStore): Promise<PrivateKey> {
  const bytes = await loadOrCreate(store, 'device-key', async () =>
    privateKeyToProtobuf(await generateLibp2pKey('Ed25519')),
  );
  return privateKeyFromProtobuf(bytes);
}

/** A throwaway libp2p key: a follower tab's repo needs a PeerId of its own that no one else has. */
export function ephemeralDeviceKey(): Promise<PrivateKey> {
  return generateLibp2pKey('Ed25519');
}
