import { base64urlnopad } from '@scure/base';
import {
  createNobleBackend,
  createSignatureVerifier,
  keyPairFromSeed,
  type KeyPair,
} from '@integrale/identity';
import { createGenesis, createLedger, entryId } from '@integrale/ledger';
import { describe, expect, it, vi } from 'vitest';
import type { AutomergeUrl } from '@automerge/automerge-repo/slim';
import { MAX_BACKUP_FILE_BYTES, MIN_PASSPHRASE_LENGTH } from '../../src/app/runtime-keys.js';
import { KEY_BACKUP_FORMAT, MAX_BACKUP_TEXT_LENGTH } from '../../src/key-backup.js';
import type { KeySlot, KeyStore } from '../../src/key-store.js';
import {
  createKeysSide,
  isStrongEnoughPassphrase,
  makeBackup,
  openBackup,
  signingState,
  type KeysSideDeps,
} from '../../src/runtime/keys.js';
import type { Membership } from '../../src/runtime/membership-store.js';

/** Cheap scrypt: the format and every code path are the real ones. */
const CHEAP = { scryptParams: { N: 16, r: 1, p: 1 } };
const PASSPHRASE = 'cheval correct pile agrafe';

const key = (n: number): KeyPair => keyPairFromSeed(new Uint8Array(32).fill(n));
const alice = key(1);
let counter = 0;
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => counter++ & 0xff);

const MEMBERSHIP: Membership = {
  coop: 'b65b037e294862a361704ba6c47f4d4aa4f482af20afaa3c2ca3cb99aec9fb3c',
  rootUrl: 'automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu' as AutomergeUrl,
  relays: ['/ip4/127.0.0.1/tcp/4001/ws/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'],
};

async function backup(passphrase = PASSPHRASE) {
  const made = await makeBackup(
    {
      member: alice,
      membership: MEMBERSHIP,
      name: 'La Fourmilière',
      randomBytes,
      day: '2026-11-26',
    },
    passphrase,
    CHEAP,
  );
  if (!made.ok) throw new Error(made.reason);
  return made;
}

describe('making a backup', () => {
  it('asks for a passphrase of at least 10 characters', async () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(10);
    expect(isStrongEnoughPassphrase('123456789')).toBe(false);
    expect(isStrongEnoughPassphrase('         1')).toBe(false);
    expect(isStrongEnoughPassphrase('1234567890')).toBe(true);
    const weak = await makeBackup(
      { member: alice, membership: MEMBERSHIP, name: '', randomBytes, day: '2026-11-26' },
      'court',
      CHEAP,
    );
    expect(weak).toStrictEqual({ ok: false, reason: 'weak-passphrase' });
  });

  it('gives a file and a QR text of one sealing, named by the day', async () => {
    const made = await backup();
    expect(made.fileName).toBe('integrale-cle-2026-11-26.json');
    expect(JSON.parse(made.file)).toMatchObject({ format: KEY_BACKUP_FORMAT, version: 2 });
    // Same ciphertext in both forms.
    const ciphertext = (JSON.parse(made.file) as { ciphertext: string }).ciphertext;
    const compact = base64urlnopad.decode(made.text.slice('IKB2.'.length));
    expect(base64urlnopad.encode(compact.slice(44, -4))).toBe(ciphertext);
    // The secret is not in the clear, nor the cooperative's whereabouts.
    for (const text of [made.file, made.text]) {
      expect(text).not.toContain(MEMBERSHIP.coop);
      expect(text).not.toContain('Fourmilière');
      expect(text).not.toContain(MEMBERSHIP.rootUrl);
    }
  });
});

describe('opening a backup (every hostile input named)', () => {
  it('gives back the key, the membership and the name, from the file or the QR text', async () => {
    const made = await backup();
    for (const text of [made.file, made.text, `\n  ${made.text}  \n`]) {
      const opened = await openBackup(text, PASSPHRASE);
      expect(opened.ok).toBe(true);
      if (!opened.ok) continue;
      expect(opened.backup.member.did).toBe(alice.did);
      expect(opened.backup.membership).toStrictEqual(MEMBERSHIP);
      expect(opened.backup.name).toBe('La Fourmilière');
    }
  });

  it('says the passphrase is wrong', async () => {
    const made = await backup();
    for (const wrong of ['cheval correct pile agrafé', '', 'x'.repeat(5000)]) {
      expect(await openBackup(made.file, wrong)).toStrictEqual({
        ok: false,
        reason: 'wrong-passphrase',
      });
    }
  });

  it('says a damaged file is damaged', async () => {
    const made = await backup();
    const file = JSON.parse(made.file) as Record<string, string>;
    const flipped = { ...file, ciphertext: `B${(file['ciphertext'] as string).slice(1)}` };
    expect(await openBackup(JSON.stringify(flipped), PASSPHRASE)).toStrictEqual({
      ok: false,
      reason: 'damaged',
    });
    expect(await openBackup(made.text.slice(0, -3), PASSPHRASE)).toStrictEqual({
      ok: false,
      reason: 'damaged',
    });
  });

  it('says a file of an unknown version is one', async () => {
    const made = await backup();
    const file = JSON.parse(made.file) as Record<string, unknown>;
    expect(await openBackup(JSON.stringify({ ...file, version: 9 }), PASSPHRASE)).toStrictEqual({
      ok: false,
      reason: 'unsupported-version',
    });
    expect(await openBackup(made.text.replace('IKB2.', 'IKB1.'), PASSPHRASE)).toStrictEqual({
      ok: false,
      reason: 'unsupported-version',
    });
  });

  it('says what is not a backup is not one', async () => {
    for (const text of [
      'bonjour',
      '{"format":"autre chose"}',
      '[1,2,3]',
      'null',
      '<html></html>',
      '\u0000\u0001\u0002',
    ]) {
      expect(await openBackup(text, PASSPHRASE)).toStrictEqual({
        ok: false,
        reason: 'not-a-backup',
      });
    }
  });

  it('refuses an empty or huge input before parsing it', async () => {
    expect(await openBackup('', PASSPHRASE)).toStrictEqual({ ok: false, reason: 'empty' });
    expect(await openBackup('  \n', PASSPHRASE)).toStrictEqual({ ok: false, reason: 'empty' });
    const parse = vi.spyOn(JSON, 'parse');
    const huge = `{"format":"${'a'.repeat(MAX_BACKUP_TEXT_LENGTH)}"}`;
    expect(await openBackup(huge, PASSPHRASE)).toStrictEqual({ ok: false, reason: 'too-large' });
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(MAX_BACKUP_FILE_BYTES).toBeGreaterThanOrEqual(MAX_BACKUP_TEXT_LENGTH);
  });
});

/** A keys side over a key store whose slots the test can read (each use closes its view). */
function side(overrides: Partial<KeysSideDeps> = {}) {
  const slots = new Map<KeySlot, Uint8Array>();
  const adopt = vi.fn(async (_member: KeyPair, _membership: Membership) => undefined);
  let membership: Membership | null = null;
  const openKeyStore = async (): Promise<KeyStore> => ({
    get: async (slot) => slots.get(slot)?.slice(),
    put: async (slot, bytes) => void slots.set(slot, bytes.slice()),
    delete: async (slot) => void slots.delete(slot),
    close: () => undefined,
  });
  const deps: KeysSideDeps = {
    peer: () => null,
    member: () => key(7),
    thisDevice: () => '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK',
    verifier: () => null,
    membership: () => membership,
    relays: () => [],
    free: () => true,
    openKeyStore,
    randomBytes,
    clock: () => 0,
    changed: () => undefined,
    adopt: async (member, next) => {
      await adopt(member, next);
      membership = next;
    },
    options: CHEAP,
    ...overrides,
  };
  return { keys: createKeysSide(deps), adopt, slots };
}

describe('restoring on a device', () => {
  it('puts the key in the store, leaves the device key alone, and opens the cooperative', async () => {
    const made = await backup();
    const { keys, adopt, slots } = side();
    const deviceKey = Uint8Array.of(1, 2, 3);
    slots.set('device-key', deviceKey);
    slots.set('member-key', key(7).secretKey);
    const result = await keys.restoreKey({ text: made.file, passphrase: PASSPHRASE });
    expect(result).toStrictEqual({ ok: true, coop: MEMBERSHIP.coop, name: 'La Fourmilière' });
    expect(slots.get('member-key')).toStrictEqual(alice.secretKey);
    expect(slots.get('device-key')).toStrictEqual(deviceKey);
    expect(adopt).toHaveBeenCalledOnce();
    const [member, membership] = adopt.mock.calls[0] as [KeyPair, Membership];
    expect(member.did).toBe(alice.did);
    expect(membership).toStrictEqual(MEMBERSHIP);
    // Once it belongs to the cooperative, a second restore is refused.
    expect(await keys.restoreKey({ text: made.file, passphrase: PASSPHRASE })).toStrictEqual({
      ok: false,
      reason: 'already-member',
    });
  });

  it('loses nothing when the passphrase is wrong, and then restores with the right one', async () => {
    const made = await backup();
    const { keys, adopt, slots } = side();
    slots.set('member-key', key(7).secretKey);
    expect(await keys.restoreKey({ text: made.text, passphrase: 'pas la bonne' })).toStrictEqual({
      ok: false,
      reason: 'wrong-passphrase',
    });
    expect(slots.get('member-key')).toStrictEqual(key(7).secretKey);
    expect(adopt).not.toHaveBeenCalled();
    expect((await keys.restoreKey({ text: made.text, passphrase: PASSPHRASE })).ok).toBe(true);
  });

  it('refuses on a device that belongs to a cooperative or is busy', async () => {
    const made = await backup();
    const member = side({ membership: () => MEMBERSHIP });
    expect(await member.keys.restoreKey({ text: made.file, passphrase: PASSPHRASE })).toStrictEqual(
      { ok: false, reason: 'already-member' },
    );
    const busy = side({ free: () => false });
    expect(await busy.keys.restoreKey({ text: made.file, passphrase: PASSPHRASE })).toStrictEqual({
      ok: false,
      reason: 'not-ready',
    });
    expect(busy.adopt).not.toHaveBeenCalled();
  });

  it('makes no backup outside a cooperative', async () => {
    const { keys } = side();
    expect(await keys.backUpKey({ passphrase: PASSPHRASE })).toStrictEqual({
      ok: false,
      reason: 'not-ready',
    });
  });
});

describe('signing on a restored device', () => {
  it('waits until the ledger holds this member’s feed', async () => {
    const verifier = createSignatureVerifier(createNobleBackend());
    const genesis = createGenesis(alice, {
      name: 'La Fourmilière',
      currency: { code: 'ECO', name: 'Éco', decimals: 2 },
      creditLimit: 1_000,
      ts: '2026-11-26T10:00:00.000Z',
    });
    const ledger = createLedger({ coop: entryId(genesis), verifier });
    expect(signingState(undefined, alice.did)).toBe('none');
    expect(signingState(ledger, null)).toBe('none');
    expect(signingState(ledger, alice.did)).toBe('syncing');
    await ledger.add([genesis]);
    expect(signingState(ledger, alice.did)).toBe('ready');
    expect(signingState(ledger, key(2).did)).toBe('syncing');
  });
});
