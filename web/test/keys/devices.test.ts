import '@automerge/automerge-repo'; // loads Automerge's wasm in Node
import { Repo } from '@automerge/automerge-repo/slim';
import {
  createDeviceCertificate,
  createNobleBackend,
  createSignatureVerifier,
  keyPairFromSeed,
  type KeyPair,
} from '@integrale/identity';
import { createGenesis, createLedger, entryId, type Ledger } from '@integrale/ledger';
import type { CooperativePeer, RootDoc } from '@integrale/peer';
import { describe, expect, it } from 'vitest';
import type { DeviceView } from '../../src/app/runtime-keys.js';
import { createKeysSide, type KeysSideDeps } from '../../src/runtime/keys.js';

const verifier = createSignatureVerifier(createNobleBackend());
const key = (n: number): KeyPair => keyPairFromSeed(new Uint8Array(32).fill(n));
const alice = key(1);
const mallory = key(6);
const PHONE = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const LAPTOP = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK';
const OTHER = '12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq';

const genesis = createGenesis(alice, {
  name: 'La Fourmilière',
  currency: { code: 'ECO', name: 'Éco', decimals: 2 },
  creditLimit: 1_000,
  ts: '2026-11-26T10:00:00.000Z',
});
const coop = entryId(genesis);

/** Just what the keys side reads of a peer: its cooperative, ledger and root document. */
function peerStub(ledger: Ledger) {
  const root = new Repo({}).create<RootDoc>({
    v: 1,
    coop,
    name: 'La Fourmilière',
    ledger: 'automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu' as RootDoc['ledger'],
    devices: {},
  });
  const peer = { coop, ledger, root: () => root } as unknown as CooperativePeer;
  return { peer, root };
}

function sideFor(peer: CooperativePeer, onChange: () => void = () => undefined) {
  const deps: KeysSideDeps = {
    peer: () => peer,
    member: () => alice,
    thisDevice: () => PHONE,
    verifier: () => verifier,
    membership: () => null,
    relays: () => [],
    free: () => false,
    openKeyStore: () => Promise.reject(new Error('not used')),
    randomBytes: (n) => new Uint8Array(n),
    clock: () => 0,
    changed: onChange,
    adopt: () => Promise.resolve(),
  };
  return createKeysSide(deps);
}

describe('the keys side of the runtime', () => {
  it('says a device is syncing, and refuses to count it ready, until its ledger holds the feed', async () => {
    const ledger = createLedger({ coop, verifier });
    const keys = sideFor(peerStub(ledger).peer);
    expect(keys.keysSnapshot().signing).toBe('syncing');
    await ledger.add([genesis]);
    expect(keys.keysSnapshot().signing).toBe('ready');
  });

  it('lists this member’s verified devices, marks this one, and skips forged records', async () => {
    const ledger = createLedger({ coop, verifier });
    await ledger.add([genesis]);
    const { peer, root } = peerStub(ledger);
    let seen: readonly DeviceView[] = [];
    let changes = 0;
    const keys = sideFor(peer, () => {
      changes++;
      seen = keys.keysSnapshot().devices;
    });
    const stop = keys.follow(peer);
    const certify = (member: KeyPair, device: string, ts: string) =>
      createDeviceCertificate(member, { coop, device, ts });
    root.change((doc) => {
      doc.devices = {
        [PHONE]: certify(alice, PHONE, '2026-11-26T10:00:00.000Z'),
        [LAPTOP]: certify(alice, LAPTOP, '2026-11-27T10:00:00.000Z'),
        // Mallory's own device, and one she files as Alice's.
        [OTHER]: { ...certify(mallory, OTHER, '2026-11-26T11:00:00.000Z'), member: alice.did },
      };
    });
    await expect.poll(() => seen.length).toBe(2);
    expect(seen).toStrictEqual([
      { device: PHONE, since: '2026-11-26T10:00:00.000Z', current: true },
      { device: LAPTOP, since: '2026-11-27T10:00:00.000Z', current: false },
    ]);
    stop();
    const before = changes;
    root.change((doc) => {
      delete doc.devices?.[LAPTOP];
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(changes).toBe(before);
  });
});
