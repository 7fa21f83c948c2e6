import { createDeviceCertificate } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import { createMembershipGate } from '../src/index.js';
import { foundCooperative, keyOf, verifier } from './helpers/cooperative.js';

const DEVICE = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const OTHER_DEVICE = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK';
const TS = '2026-11-26T18:00:00.000Z';

async function gateWithFounder() {
  const coop = foundCooperative();
  const ledger = coop.newLedger();
  await ledger.add([coop.genesis]);
  const gate = createMembershipGate({ coop: coop.coop, ledger, verifier });
  return { coop, ledger, gate };
}

describe('the membership gate', () => {
  it('serves a peer whose device certificate names a member', async () => {
    const { coop, gate } = await gateWithFounder();
    const credential = createDeviceCertificate(coop.founder, {
      coop: coop.coop,
      device: DEVICE,
      ts: TS,
    });
    expect(await gate.authorizePeer({ remotePeer: DEVICE, repoPeerId: DEVICE, credential })).toBe(
      true,
    );
    expect(gate.isMemberPeer(DEVICE)).toBe(true);
    expect(await gate.shareConfig.access(DEVICE as never, 'doc' as never)).toBe(true);
  });

  it('lets a stranger in to be told doc-unavailable, never to read or push documents', async () => {
    const { gate } = await gateWithFounder();
    expect(
      await gate.authorizePeer({ remotePeer: DEVICE, repoPeerId: DEVICE, credential: undefined }),
    ).toBe(true);
    expect(await gate.shareConfig.access(DEVICE as never, 'doc' as never)).toBe(false);
    expect(await gate.shareConfig.announce(DEVICE as never, 'doc' as never)).toBe(false);
    expect(gate.mayReceive(DEVICE, { type: 'request' } as never)).toBe(true);
    expect(gate.mayReceive(DEVICE, { type: 'sync' } as never)).toBe(false);
    expect(gate.mayReceive(DEVICE, { type: 'ephemeral' } as never)).toBe(false);
  });

  it('hangs up on a certificate presented by another device (a stolen certificate)', async () => {
    const { coop, gate } = await gateWithFounder();
    const credential = createDeviceCertificate(coop.founder, {
      coop: coop.coop,
      device: DEVICE,
      ts: TS,
    });
    expect(
      await gate.authorizePeer({ remotePeer: OTHER_DEVICE, repoPeerId: OTHER_DEVICE, credential }),
    ).toBe(false);
  });

  it('hangs up on a forged certificate', async () => {
    const { coop, gate } = await gateWithFounder();
    const credential = {
      ...createDeviceCertificate(keyOf('mallory'), { coop: coop.coop, device: DEVICE, ts: TS }),
      member: coop.founder.did,
    };
    expect(await gate.authorizePeer({ remotePeer: DEVICE, repoPeerId: DEVICE, credential })).toBe(
      false,
    );
  });

  it('opens the documents to a newcomer the moment their join is valid', async () => {
    const { coop, ledger, gate } = await gateWithFounder();
    const { invite, invitationKey } = coop.invite('bob');
    const { key, join } = coop.join('bob', invite, invitationKey);
    const credential = createDeviceCertificate(key, { coop: coop.coop, device: DEVICE, ts: TS });
    expect(await gate.authorizePeer({ remotePeer: DEVICE, repoPeerId: DEVICE, credential })).toBe(
      true,
    );
    expect(gate.isMemberPeer(DEVICE)).toBe(false);
    expect(gate.memberOf(DEVICE)).toBe(key.did);
    await ledger.add([invite, join]);
    expect(gate.isMemberPeer(DEVICE)).toBe(true);
  });
});

describe('bootstrapping a newcomer', () => {
  it('trusts the vouched peer only until the ledger holds the genesis', async () => {
    const coop = foundCooperative();
    const ledger = coop.newLedger();
    const gate = createMembershipGate({ coop: coop.coop, ledger, verifier });
    gate.vouch(DEVICE);
    expect(await gate.shareConfig.access(DEVICE as never, 'doc' as never)).toBe(true);
    expect(await gate.shareConfig.access(OTHER_DEVICE as never, 'doc' as never)).toBe(false);
    await ledger.add([coop.genesis]);
    // Now membership alone decides, and this peer showed no certificate.
    expect(await gate.shareConfig.access(DEVICE as never, 'doc' as never)).toBe(false);
  });
});

describe('bootstrapping a device that holds no ledger yet (a restored key)', () => {
  it('takes documents from any peer certified for this cooperative until the genesis is valid', async () => {
    const coop = foundCooperative();
    const ledger = coop.newLedger();
    const gate = createMembershipGate({ coop: coop.coop, ledger, verifier });
    // Alice's other device: its certificate verifies, though no ledger says Alice is a member.
    const credential = createDeviceCertificate(coop.founder, {
      coop: coop.coop,
      device: DEVICE,
      ts: TS,
    });
    expect(await gate.authorizePeer({ remotePeer: DEVICE, repoPeerId: DEVICE, credential })).toBe(
      true,
    );
    expect(await gate.shareConfig.access(DEVICE as never, 'doc' as never)).toBe(true);
    expect(gate.mayReceive(DEVICE, { type: 'sync' } as never)).toBe(true);
    await ledger.add([coop.genesis]);
    // The founder is a member: still trusted, now by the ledger.
    expect(await gate.shareConfig.access(DEVICE as never, 'doc' as never)).toBe(true);
  });

  it('stops trusting a certified stranger the moment the genesis is valid', async () => {
    const coop = foundCooperative();
    const ledger = coop.newLedger();
    const gate = createMembershipGate({ coop: coop.coop, ledger, verifier });
    // Mallory is no member, but anyone can certify their own device for a cooperative id.
    const credential = createDeviceCertificate(keyOf('mallory'), {
      coop: coop.coop,
      device: DEVICE,
      ts: TS,
    });
    expect(await gate.authorizePeer({ remotePeer: DEVICE, repoPeerId: DEVICE, credential })).toBe(
      true,
    );
    expect(await gate.shareConfig.announce(DEVICE as never, 'doc' as never)).toBe(true);
    await ledger.add([coop.genesis]);
    expect(await gate.shareConfig.access(DEVICE as never, 'doc' as never)).toBe(false);
    expect(await gate.shareConfig.announce(DEVICE as never, 'doc' as never)).toBe(false);
    expect(gate.mayReceive(DEVICE, { type: 'sync' } as never)).toBe(false);
  });

  it('never trusts a peer without a certificate, or with one for another cooperative or device', async () => {
    const coop = foundCooperative();
    const ledger = coop.newLedger();
    const gate = createMembershipGate({ coop: coop.coop, ledger, verifier });
    expect(
      await gate.authorizePeer({ remotePeer: DEVICE, repoPeerId: DEVICE, credential: null }),
    ).toBe(true);
    expect(await gate.shareConfig.access(DEVICE as never, 'doc' as never)).toBe(false);
    expect(gate.mayReceive(DEVICE, { type: 'sync' } as never)).toBe(false);
    const otherCoop = createDeviceCertificate(coop.founder, {
      coop: 'f'.repeat(64),
      device: OTHER_DEVICE,
      ts: TS,
    });
    expect(
      await gate.authorizePeer({
        remotePeer: OTHER_DEVICE,
        repoPeerId: OTHER_DEVICE,
        credential: otherCoop,
      }),
    ).toBe(false);
    const stolen = createDeviceCertificate(coop.founder, {
      coop: coop.coop,
      device: DEVICE,
      ts: TS,
    });
    expect(
      await gate.authorizePeer({
        remotePeer: OTHER_DEVICE,
        repoPeerId: OTHER_DEVICE,
        credential: stolen,
      }),
    ).toBe(false);
    expect(await gate.shareConfig.access(OTHER_DEVICE as never, 'doc' as never)).toBe(false);
  });
});
