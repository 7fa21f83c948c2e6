import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/*
 * Where this device keeps its secrets: the member's key (a 32-byte Ed25519 seed) and the
 * device's own libp2p private key (its protobuf bytes, as @libp2p/crypto's
 * `privateKeyToProtobuf` writes them). The app talks to the `KeyStore` interface; IndexedDB is
 * the browser's implementation, the in-memory one serves tests and ephemeral sessions.
 *
 * The bytes are stored as they are, not wrapped in a non-extractable WebCrypto key: the member
 * key must be exportable for backups, and plain-HTTP LAN pages have no `crypto.subtle`. The
 * browser's origin isolation is the protection, as for every other local-first app.
 */

/** The secrets a device keeps. */
export type KeySlot = 'member-key' | 'device-key';

/** Every slot. */
export const KEY_SLOTS: readonly KeySlot[] = ['member-key', 'device-key'];

/** Size limits per slot: a member seed is exactly 32 bytes; a libp2p key's protobuf is small. */
const SIZES: { readonly [S in KeySlot]: { readonly min: number; readonly max: number } } = {
  'member-key': { min: 32, max: 32 },
  'device-key': { min: 1, max: 8192 },
};

/** Options of {@link KeyStore.put}. */
export interface PutKeyOptions {
  /**
   * Whether to overwrite a key already in the slot. Default false: losing a member key is
   * losing an identity, so replacing one must be asked for.
   */
  readonly replace?: boolean;
}

/** Storage of this device's secret keys. */
export interface KeyStore {
  /** The bytes in a slot (a copy), or `undefined` when it is empty. */
  get(slot: KeySlot): Promise<Uint8Array | undefined>;
  /**
   * Keeps bytes in a slot (a copy of them).
   * @throws KeySlotTakenError when the slot holds a key and `replace` is not set;
   * InvalidKeyBytesError when the bytes do not fit the slot.
   */
  put(slot: KeySlot, bytes: Uint8Array, options?: PutKeyOptions): Promise<void>;
  /** Empties a slot (nothing happens when it is empty). */
  delete(slot: KeySlot): Promise<void>;
  /** Releases the storage; the store cannot be used afterwards. */
  close(): void;
}

/** A slot already holds a key and replacing it was not asked for. */
export class KeySlotTakenError extends Error {
  override name = 'KeySlotTakenError';
  constructor(readonly slot: KeySlot) {
    super(`the ${slot} slot already holds a key`);
  }
}

/** Bytes that cannot go in a slot (a member seed that is not 32 bytes, say). */
export class InvalidKeyBytesError extends Error {
  override name = 'InvalidKeyBytesError';
}

/** The store could not be opened or used (IndexedDB missing, blocked or failing). */
export class KeyStoreUnavailableError extends Error {
  override name = 'KeyStoreUnavailableError';
}

function checkBytes(slot: KeySlot, bytes: Uint8Array): void {
  const size = SIZES[slot];
  if (size === undefined) throw new InvalidKeyBytesError(`no slot is named ${String(slot)}`);
  if (!(bytes instanceof Uint8Array) || bytes.length < size.min || bytes.length > size.max) {
    throw new InvalidKeyBytesError(`the ${slot} slot takes ${size.min}–${size.max} bytes`);
  }
}

/** A key store in memory: for tests, and for a session that must leave nothing behind. */
export function createMemoryKeyStore(): KeyStore {
  const slots = new Map<KeySlot, Uint8Array>();
  let closed = false;
  const open = () => {
    if (closed) throw new KeyStoreUnavailableError('the key store is closed');
  };
  return {
    async get(slot) {
      open();
      return slots.get(slot)?.slice();
    },
    async put(slot, bytes, options = {}) {
      open();
      checkBytes(slot, bytes);
      if (slots.has(slot) && options.replace !== true) throw new KeySlotTakenError(slot);
      slots.set(slot, bytes.slice());
    },
    async delete(slot) {
      open();
      slots.delete(slot);
    },
    close() {
      closed = true;
      for (const bytes of slots.values()) bytes.fill(0);
      slots.clear();
    },
  };
}

/** Default IndexedDB database name. */
export const KEY_DB_NAME = 'integrale-keys';

/** The one object store: out-of-line keys are the slot names. */
const STORE = 'keys';

interface KeyDb extends DBSchema {
  keys: { key: KeySlot; value: { readonly bytes: Uint8Array } };
}

/** Options of {@link openIndexedDbKeyStore}. */
export interface IndexedDbKeyStoreInit {
  /** Database name. Default {@link KEY_DB_NAME}. */
  readonly name?: string;
}

/**
 * The key store in IndexedDB: one database with one small object store. A `put` that must not
 * replace runs `add` in its own transaction, so two tabs creating a key at once cannot both win.
 * @throws KeyStoreUnavailableError when IndexedDB cannot be opened.
 */
export async function openIndexedDbKeyStore(init: IndexedDbKeyStoreInit = {}): Promise<KeyStore> {
  let db: IDBPDatabase<KeyDb>;
  try {
    db = await openDB<KeyDb>(init.name ?? KEY_DB_NAME, 1, {
      upgrade(database) {
        if (!database.objectStoreNames.contains(STORE)) database.createObjectStore(STORE);
      },
    });
  } catch (error) {
    throw new KeyStoreUnavailableError('IndexedDB cannot be opened', { cause: error });
  }
  return {
    async get(slot) {
      const record = await db.get(STORE, slot);
      return record?.bytes instanceof Uint8Array ? record.bytes.slice() : undefined;
    },
    async put(slot, bytes, options = {}) {
      checkBytes(slot, bytes);
      const record = { bytes: bytes.slice() };
      if (options.replace === true) {
        await db.put(STORE, record, slot);
        return;
      }
      try {
        await db.add(STORE, record, slot);
      } catch (error) {
        if (error instanceof DOMException && error.name === 'ConstraintError')
          throw new KeySlotTakenError(slot);
        throw error;
      }
    },
    async delete(slot) {
      await db.delete(STORE, slot);
    },
    close() {
      db.close();
    },
  };
}
