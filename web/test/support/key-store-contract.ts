import { expect, it } from 'vitest';
import type { KeyStore } from '../../src/key-store.js';

/**
 * What every `KeyStore` must do. The in-memory store runs it here; the IndexedDB store will run
 * it in the browser tests (Node has no IndexedDB, and fake-indexeddb is not a dependency).
 */
export function runKeyStoreContract(name: string, open: () => Promise<KeyStore>): void {
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const device = Uint8Array.from({ length: 68 }, (_, i) => 200 - i);

  it(`${name}: starts empty`, async () => {
    const store = await open();
    expect(await store.get('member-key')).toBeUndefined();
    expect(await store.get('device-key')).toBeUndefined();
    store.close();
  });

  it(`${name}: keeps a copy of each key, and gives copies back`, async () => {
    const store = await open();
    const given = seed.slice();
    await store.put('member-key', given);
    await store.put('device-key', device);
    given.fill(0);
    const first = await store.get('member-key');
    expect(first).toEqual(seed);
    first?.fill(0);
    expect(await store.get('member-key')).toEqual(seed);
    expect(await store.get('device-key')).toEqual(device);
    store.close();
  });

  it(`${name}: refuses to replace a key unless asked`, async () => {
    const store = await open();
    await store.put('member-key', seed);
    await expect(store.put('member-key', new Uint8Array(32))).rejects.toMatchObject({
      name: 'KeySlotTakenError',
      slot: 'member-key',
    });
    expect(await store.get('member-key')).toEqual(seed);
    await store.put('member-key', new Uint8Array(32).fill(9), { replace: true });
    expect(await store.get('member-key')).toEqual(new Uint8Array(32).fill(9));
    store.close();
  });

  it(`${name}: refuses bytes that do not fit the slot`, async () => {
    const store = await open();
    await expect(store.put('member-key', new Uint8Array(31))).rejects.toMatchObject({
      name: 'InvalidKeyBytesError',
    });
    await expect(store.put('member-key', new Uint8Array(33))).rejects.toMatchObject({
      name: 'InvalidKeyBytesError',
    });
    await expect(store.put('device-key', new Uint8Array(0))).rejects.toMatchObject({
      name: 'InvalidKeyBytesError',
    });
    await expect(
      store.put('member-key', Array.from(seed) as unknown as Uint8Array),
    ).rejects.toMatchObject({ name: 'InvalidKeyBytesError' });
    expect(await store.get('member-key')).toBeUndefined();
    store.close();
  });

  it(`${name}: empties a slot`, async () => {
    const store = await open();
    await store.put('device-key', device);
    await store.delete('device-key');
    await store.delete('device-key');
    expect(await store.get('device-key')).toBeUndefined();
    await store.put('device-key', device);
    expect(await store.get('device-key')).toEqual(device);
    store.close();
  });
}
