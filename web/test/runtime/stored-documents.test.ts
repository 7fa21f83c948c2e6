import '@automerge/automerge-repo'; // loads Automerge's wasm in Node
import {
  Repo,
  type Chunk,
  type PeerId,
  type StorageAdapterInterface,
  type StorageKey,
} from '@automerge/automerge-repo/slim';
import { describe, expect, it } from 'vitest';
import { documentsStored } from '../../src/runtime/stored-documents.js';

/** A storage adapter in memory. */
function memoryStorage(): StorageAdapterInterface & { keys(): string[] } {
  const chunks = new Map<string, { key: StorageKey; data: Uint8Array }>();
  const id = (key: StorageKey) => key.join('/');
  const under = (prefix: StorageKey) =>
    [...chunks.values()].filter(({ key }) => prefix.every((part, i) => key[i] === part));
  return {
    keys: () => [...chunks.keys()],
    load: async (key) => chunks.get(id(key))?.data,
    save: async (key, data) => void chunks.set(id(key), { key, data }),
    remove: async (key) => void chunks.delete(id(key)),
    loadRange: async (prefix): Promise<Chunk[]> =>
      under(prefix).map(({ key, data }) => ({ key, data })),
    removeRange: async (prefix) => {
      for (const { key } of under(prefix)) chunks.delete(id(key));
    },
  };
}

describe('whether the documents are in storage', () => {
  it('answers from storage alone, and writes nothing', async () => {
    const storage = memoryStorage();
    const writer = new Repo({ storage, network: [], peerId: 'writer' as PeerId });
    const ledger = writer.create({ entries: {} });
    const root = writer.create({ v: 1, coop: 'c', name: 'n', ledger: ledger.url });
    const orphanRoot = writer.create({
      v: 1,
      coop: 'c',
      name: 'n',
      ledger: 'automerge:2yS5CHrVV1KGuXyHfUFLjkz2zCKP',
    });
    await writer.flush();
    const before = storage.keys().sort();

    expect(await documentsStored(storage, root.url)).toBe(true);
    expect(await documentsStored(storage, orphanRoot.url)).toBe(false);
    expect(await documentsStored(memoryStorage(), root.url)).toBe(false);
    expect(storage.keys().sort()).toStrictEqual(before);
  });
});
