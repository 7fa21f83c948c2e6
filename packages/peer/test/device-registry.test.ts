import { Repo } from '@automerge/automerge-repo';
import { createDeviceCertificate } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import {
  MAX_DEVICE_RECORDS,
  foundCooperative as foundPeer,
  readDevices,
  registerDevice,
  type DeviceMap,
} from '../src/index.js';
import { foundCooperative, keyOf, verifier } from './helpers/cooperative.js';
import { tcpNode } from './helpers/nodes.js';

const PHONE = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const LAPTOP = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK';
const TS1 = '2026-11-26T18:00:00.000Z';
const TS2 = '2026-11-27T09:30:00.000Z';

const coop = foundCooperative();
const alice = coop.founder;
const mallory = keyOf('mallory');
const certify = (key = alice, device = PHONE, ts = TS1, forCoop = coop.coop) =>
  createDeviceCertificate(key, { coop: forCoop, device, ts });

function rootWith(devices: unknown) {
  const repo = new Repo({});
  return repo.create<{ devices?: DeviceMap }>(
    devices === undefined ? {} : ({ devices } as { devices: DeviceMap }),
  );
}

describe('the devices in use', () => {
  it('lists the devices whose certificates verify, oldest first', async () => {
    const devices = { [LAPTOP]: certify(alice, LAPTOP, TS2), [PHONE]: certify(alice, PHONE, TS1) };
    expect(await readDevices(devices, { coop: coop.coop, verifier })).toStrictEqual([
      { device: PHONE, member: alice.did, since: TS1 },
      { device: LAPTOP, member: alice.did, since: TS2 },
    ]);
  });

  it('keeps one member’s devices when asked', async () => {
    const devices = { [PHONE]: certify(alice, PHONE), [LAPTOP]: certify(mallory, LAPTOP) };
    const mine = await readDevices(devices, { coop: coop.coop, verifier, member: alice.did });
    expect(mine.map((d) => d.device)).toStrictEqual([PHONE]);
  });

  it('ignores forged, copied, foreign and malformed records (hostile root document)', async () => {
    const good = certify(alice, PHONE);
    const devices: Record<string, unknown> = {
      // Mallory signs and claims it is Alice's.
      [LAPTOP]: { ...certify(mallory, LAPTOP), member: alice.did },
      // Alice's real certificate, copied under another device.
      '12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq': good,
      // For another cooperative.
      '12D3KooWGzBj5Qj3dmwP9mqkBv3R7C4SBHfmDWGY1bQxAMysfS3D': certify(
        alice,
        '12D3KooWGzBj5Qj3dmwP9mqkBv3R7C4SBHfmDWGY1bQxAMysfS3D',
        TS1,
        'f'.repeat(64),
      ),
      // Shapes that are not certificates.
      a: null,
      b: 'certificate',
      c: [good],
      d: { ...good, extra: 1 },
      e: { ...good, ts: { toString: () => TS1 } },
      f: { ...good, sig: 'AAAA' },
    };
    expect(await readDevices(devices, { coop: coop.coop, verifier })).toStrictEqual([]);
    for (const map of [null, undefined, 'x', 42, [good]]) {
      expect(await readDevices(map, { coop: coop.coop, verifier })).toStrictEqual([]);
    }
  });

  it('looks at a bounded number of records', async () => {
    const devices: Record<string, unknown> = {};
    for (let i = 0; i < MAX_DEVICE_RECORDS + 10; i++) devices[`junk-${i}`] = { v: 1 };
    devices[PHONE] = certify(alice, PHONE); // beyond the bound in insertion order
    expect(await readDevices(devices, { coop: coop.coop, verifier })).toStrictEqual([]);
  });

  it('registers a device once, keeping the first date', async () => {
    const root = rootWith({});
    const init = { coop: coop.coop, verifier };
    expect(await registerDevice(root, certify(alice, PHONE, TS1), init)).toBe(true);
    expect(await registerDevice(root, certify(alice, PHONE, TS2), init)).toBe(false);
    const listed = await readDevices(root.doc().devices, init);
    expect(listed).toStrictEqual([{ device: PHONE, member: alice.did, since: TS1 }]);
  });

  it('writes over a forged record filed under its PeerId, and creates a missing map', async () => {
    const root = rootWith({ [PHONE]: { ...certify(mallory, PHONE), member: alice.did } });
    const init = { coop: coop.coop, verifier };
    expect(await registerDevice(root, certify(alice, PHONE, TS2), init)).toBe(true);
    expect(await readDevices(root.doc().devices, init)).toStrictEqual([
      { device: PHONE, member: alice.did, since: TS2 },
    ]);
    const bare = rootWith(undefined);
    expect(await registerDevice(bare, certify(alice, LAPTOP), init)).toBe(true);
    expect((await readDevices(bare.doc().devices, init)).map((d) => d.device)).toStrictEqual([
      LAPTOP,
    ]);
  });

  it('is written by a peer when it opens the cooperative', async () => {
    const node = await tcpNode();
    const peer = await foundPeer({
      node,
      member: alice,
      verifier,
      name: 'Coopérative',
      currency: { code: 'ECO', name: 'Éco', decimals: 2 },
      creditLimit: 100,
    });
    try {
      const listed = await readDevices(peer.root().doc().devices, { coop: peer.coop, verifier });
      expect(listed.map((d) => [d.device, d.member])).toStrictEqual([
        [node.peerId.toString(), alice.did],
      ]);
    } finally {
      await peer.stop();
      await node.stop();
    }
  });
});
