import { createDeviceCertificate } from '@integrale/identity';
import type { Libp2p } from '@libp2p/interface';
import { afterEach, describe, expect, it } from 'vitest';
import {
  foundCooperative,
  openCooperativePeer,
  readDevices,
  type CooperativePeer,
} from '../src/index.js';
import { keyOf, verifier } from './helpers/cooperative.js';
import { tcpNode } from './helpers/nodes.js';

/*
 * A member restores their key on a new device: same member key, a device key of its own, no
 * documents, no bootstrap peer named by a join handshake. Its gate lets the documents in from
 * the member's other device (a valid certificate for this cooperative) because it holds no
 * genesis yet; a stranger's device gets nothing from the members.
 */

const CURRENCY = { code: 'ECO', name: 'Éco', decimals: 2 };
let nodes: Libp2p[] = [];
let peers: CooperativePeer[] = [];
afterEach(async () => {
  await Promise.allSettled(peers.map((peer) => peer.stop()));
  await Promise.allSettled(nodes.map((node) => node.stop()));
  nodes = [];
  peers = [];
});

async function node(): Promise<Libp2p> {
  const created = await tcpNode();
  nodes.push(created);
  return created;
}

describe('a device where the member restored their key', () => {
  it('opens the cooperative from the member’s other device, and both list two devices', async () => {
    const firstNode = await node();
    const first = await foundCooperative({
      node: firstNode,
      member: keyOf('alice'),
      verifier,
      name: 'Coopérative intégrale de Montreuil',
      currency: CURRENCY,
      creditLimit: 10_000,
    });
    peers.push(first);
    const secondNode = await node();
    await secondNode.dial(firstNode.getMultiaddrs()[0]!);
    const second = await openCooperativePeer({
      node: secondNode,
      member: keyOf('alice'),
      verifier,
      coop: first.coop,
      rootUrl: first.rootUrl,
      readyTimeoutMs: 2_000,
    });
    peers.push(second);
    // The founder's feed: the genesis, then the common services' accounts (services.ts).
    const head = first.ledger.feedHead(keyOf('alice').did)?.id;
    await expect.poll(() => second.ledger.feedHead(keyOf('alice').did)?.id).toBe(head);
    expect(second.ledger.genesis()?.name).toBe('Coopérative intégrale de Montreuil');
    for (const peer of [first, second]) {
      await expect
        .poll(
          async () =>
            (await readDevices(peer.root().doc().devices, { coop: peer.coop, verifier })).length,
        )
        .toBe(2);
    }
  });

  it('gives a stranger’s restored-looking device nothing: the members’ gates know the genesis', async () => {
    const firstNode = await node();
    const first = await foundCooperative({
      node: firstNode,
      member: keyOf('alice'),
      verifier,
      name: 'Coopérative intégrale de Montreuil',
      currency: CURRENCY,
      creditLimit: 10_000,
    });
    peers.push(first);
    const strangerNode = await node();
    const certificate = createDeviceCertificate(keyOf('mallory'), {
      coop: first.coop,
      device: strangerNode.peerId.toString(),
      ts: '2026-11-26T18:00:00.000Z',
    });
    expect(
      await first.gate.authorizePeer({
        remotePeer: strangerNode.peerId.toString(),
        repoPeerId: strangerNode.peerId.toString(),
        credential: certificate,
      }),
    ).toBe(true);
    expect(first.gate.isMemberPeer(strangerNode.peerId.toString())).toBe(false);
    await strangerNode.dial(firstNode.getMultiaddrs()[0]!);
    await expect(
      openCooperativePeer({
        node: strangerNode,
        member: keyOf('mallory'),
        verifier,
        coop: first.coop,
        rootUrl: first.rootUrl,
        readyTimeoutMs: 500,
      }),
    ).rejects.toThrow();
  });
});
