import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';

/** The key file exists but holds no libp2p private key. */
export class UnusableKeyFileError extends Error {
  override name = 'UnusableKeyFileError';
}

/**
 * The relay's peer key from `file` (libp2p's protobuf encoding), or a new Ed25519 key written
 * there (owner-only permissions) when the file does not exist yet. This key is the one thing the
 * relay persists: it keeps the relay's multiaddr — and the invitations that carry it — valid
 * across restarts.
 */
export async function loadOrCreateKey(file: string): Promise<PrivateKey> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UnusableKeyFileError((error as Error).message);
    }
    const key = await generateKeyPair('Ed25519');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, privateKeyToProtobuf(key), { mode: 0o600, flag: 'wx' });
    return key;
  }
  try {
    return privateKeyFromProtobuf(bytes);
  } catch {
    throw new UnusableKeyFileError('not a libp2p private key');
  }
}
