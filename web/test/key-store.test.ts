import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from '../src/key-store.js';
import { runKeyStoreContract } from './support/key-store-contract.js';

describe('memory key store', () => {
  runKeyStoreContract('memory', () => Promise.resolve(createMemoryKeyStore()));

  it('cannot be used once closed', async () => {
    const store = createMemoryKeyStore();
    await store.put('member-key', new Uint8Array(32).fill(1));
    store.close();
    await expect(store.get('member-key')).rejects.toMatchObject({
      name: 'KeyStoreUnavailableError',
    });
  });
});
