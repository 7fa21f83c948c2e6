import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Repo, type AutomergeUrl, type Message, type PeerId } from '@automerge/automerge-repo';
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs';
import { createLibp2pNetworkAdapter } from '@integrale/sync';
import type { Libp2p } from '@libp2p/interface';
import { entryId } from '@integrale/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import {
  foundCooperative,
  joinCooperative,
  openCooperativePeer,
  type CooperativePeer,
  type CooperativePeerBase,
} from '../src/index.js';
import { keyOf, verifier } from './helpers/cooperative.js';
import { tcpNode } from './helpers/nodes.js';

/*
 * Members' peers as Node processes would run them: real libp2p over loopback TCP, real repos,
 * real signatures. The same composition runs in browser tabs over WebRTC.
 */

const CURRENCY = { code: 'ECO', name: 'Éco', decimals: 2 };
const random = (n: number) => new Uint8Array(randomBytes(n));

let nodes: Libp2p[] = [];
let peers: CooperativePeer[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.allSettled(peers.map((peer) => peer.stop()));
  await Promise.allSettled(nodes.map((node) => node.stop()));
  await Promise.allSettled(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  nodes = [];
  peers = [];
  dirs = [];
});

async function node(): Promise<Libp2p> {
  const created = await tcpNode();
  nodes.push(created);
  return created;
}

async function connect(a: Libp2p, b: Libp2p): Promise<void> {
  await a.dial(b.getMultiaddrs()[0]!);
}

function base(
  member: string,
  libp2p: Libp2p,
  extra: Partial<CooperativePeerBase> = {},
): CooperativePeerBase {
  return { node: libp2p, member: keyOf(member), verifier, readyTimeoutMs: 500, ...extra };
}

async function founded(extra: Partial<CooperativePeerBase> = {}) {
  const aliceNode = await node();
  const alice = await foundCooperative({
    ...base('alice', aliceNode, extra),
    name: 'Coopérative intégrale de Montreuil',
    currency: CURRENCY,
    creditLimit: 10_000,
  });
  peers.push(alice);
  return { alice, aliceNode };
}

/** Invites `name` from `inviter` and runs the whole join handshake from a fresh node. */
async function invited(inviter: CooperativePeer, inviterNode: Libp2p, name: string) {
  const { invite, invitationKey } = await inviter.invite(random);
  const newcomerNode = await node();
  await connect(newcomerNode, inviterNode);
  const newcomer = await joinCooperative({
    ...base(name, newcomerNode),
    coop: inviter.coop,
    invite: entryId(invite),
    invitationKey,
    name,
  });
  peers.push(newcomer);
  return { newcomer, newcomerNode };
}

async function until(check: () => boolean, peersToSettle: CooperativePeer[]): Promise<void> {
  while (!check()) {
    await Promise.all(peersToSettle.map((peer) => peer.settled()));
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a cooperative of Node peers', () => {
  it('founds a cooperative whose founder is its first member', async () => {
    const { alice } = await founded();
    expect(alice.ledger.members().map((m) => m.did)).toStrictEqual([keyOf('alice').did]);
    expect(alice.root().doc()).toMatchObject({
      v: 1,
      coop: alice.coop,
      name: 'Coopérative intégrale de Montreuil',
    });
  });

  it('admits a newcomer through the join handshake, who then syncs the ledger', async () => {
    const { alice, aliceNode } = await founded();
    const { newcomer } = await invited(alice, aliceNode, 'bob');
    expect(newcomer.rootUrl).toBe(alice.rootUrl);
    await until(
      () =>
        newcomer.ledger.isMember(keyOf('bob').did) && newcomer.ledger.isMember(keyOf('alice').did),
      [newcomer],
    );
    expect(alice.ledger.isMember(keyOf('bob').did)).toBe(true);
  });

  it('pays, and the payee’s device accepts automatically; both see the same balances', async () => {
    const { alice, aliceNode } = await founded();
    const { newcomer: bob } = await invited(alice, aliceNode, 'bob');
    await until(() => bob.ledger.isMember(keyOf('alice').did), [bob]);
    const pay = await alice.pay(keyOf('bob').did, 1_250, 'panier de légumes');
    await until(
      () =>
        alice.ledger.report().unaccepted.length === 0 &&
        alice.ledger.balanceOf(keyOf('bob').did) === 1_250,
      [alice, bob],
    );
    expect(bob.ledger.status(entryId(pay))?.state).toBe('valid');
    expect(alice.ledger.report().balances).toStrictEqual(bob.ledger.report().balances);
    expect(alice.ledger.balanceOf(keyOf('alice').did)).toBe(-1_250);
  });

  it('signs payments asked for at once one after the other, never two at one seq', async () => {
    const { alice, aliceNode } = await founded();
    const { newcomer: bob } = await invited(alice, aliceNode, 'bob');
    await until(() => bob.ledger.isMember(keyOf('alice').did), [bob]);
    const pays = await Promise.all([
      alice.pay(keyOf('bob').did, 100, 'un'),
      alice.pay(keyOf('bob').did, 200, 'deux'),
      bob.pay(keyOf('alice').did, 50, 'trois'),
    ]);
    await until(() => alice.ledger.report().unaccepted.length === 0, [alice, bob]);
    expect(new Set(pays.map((pay) => `${pay.author} ${pay.seq}`)).size).toBe(3);
    expect(alice.ledger.report().forks).toStrictEqual([]);
    expect(bob.ledger.report().forks).toStrictEqual([]);
  });

  it('gives a stranger who knows the documents’ ids doc-unavailable and zero bytes of content', async () => {
    const { alice, aliceNode } = await founded();
    const strangerNode = await node();
    const adapter = createLibp2pNetworkAdapter({ node: strangerNode, readyTimeoutMs: 500 });
    const received: Message[] = [];
    adapter.on('message', (message) => received.push(message));
    const stranger = new Repo({
      network: [adapter],
      peerId: strangerNode.peerId.toString() as PeerId,
    });
    await connect(strangerNode, aliceNode);
    const ledgerUrl = alice.root().doc().ledger;
    for (const url of [alice.rootUrl, ledgerUrl]) {
      await expect(stranger.find(url)).rejects.toThrow(/unavailable/);
    }
    // At the wire: every message the stranger received says "unavailable"; none carries a
    // document's data.
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((message) => message.type === 'doc-unavailable')).toBe(true);
    await stranger.shutdown();
  });

  it('hangs up on a stranger that pushes changes into a document it may not see', async () => {
    const { alice, aliceNode } = await founded();
    const strangerNode = await node();
    const adapter = createLibp2pNetworkAdapter({ node: strangerNode, readyTimeoutMs: 500 });
    const stranger = new Repo({
      network: [adapter],
      peerId: strangerNode.peerId.toString() as PeerId,
    });
    await connect(strangerNode, aliceNode);
    await new Promise<void>((resolve) => adapter.once('peer-candidate', () => resolve()));
    const closed = new Promise<void>((resolve) =>
      aliceNode.addEventListener('peer:disconnect', () => resolve(), { once: true }),
    );
    // A forged sync message for the ledger's document id, as a stranger would send it.
    adapter.send({
      type: 'sync',
      senderId: strangerNode.peerId.toString() as PeerId,
      targetId: aliceNode.peerId.toString() as PeerId,
      documentId: alice.root().doc().ledger.slice('automerge:'.length) as never,
      data: new Uint8Array([1, 2, 3]),
    } as Message);
    await closed;
    expect(aliceNode.getConnections(strangerNode.peerId)).toHaveLength(0);
    await stranger.shutdown();
  });

  it('keeps everything across a restart, from the filesystem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'integrale-peer-'));
    dirs.push(dir);
    const { alice, aliceNode } = await founded({ storage: new NodeFSStorageAdapter(dir) });
    const { invite } = await alice.invite(random);
    const rootUrl = alice.rootUrl;
    await alice.repo.flush();
    await alice.stop();
    peers = peers.filter((peer) => peer !== alice);
    const reopened = await openCooperativePeer({
      ...base('alice', aliceNode, { storage: new NodeFSStorageAdapter(dir) }),
      coop: alice.coop,
      rootUrl: rootUrl as AutomergeUrl,
    });
    peers.push(reopened);
    expect(reopened.ledger.status(entryId(invite))?.state).toBe('valid');
  });

  it('converges after a partition: three peers edit on all sides, heal, and lose nothing', async () => {
    const { alice, aliceNode } = await founded();
    const { newcomer: bob, newcomerNode: bobNode } = await invited(alice, aliceNode, 'bob');
    const { newcomer: chloe, newcomerNode: chloeNode } = await invited(alice, aliceNode, 'chloé');
    await connect(bobNode, chloeNode);
    const everyone = [alice, bob, chloe];
    const dids = ['alice', 'bob', 'chloé'].map((name) => keyOf(name).did);
    await until(
      () => everyone.every((peer) => dids.every((did) => peer.ledger.isMember(did))),
      everyone,
    );

    // Partition: every connection closed, and no one dials while it lasts.
    for (const [a, b] of [
      [aliceNode, bobNode],
      [aliceNode, chloeNode],
      [bobNode, chloeNode],
    ] as const) {
      await a.hangUp(b.peerId);
    }
    const paid = [
      await alice.pay(dids[1]!, 100, 'côté Alice'),
      await bob.pay(dids[2]!, 200, 'côté Bob'),
      await chloe.pay(dids[0]!, 300, 'côté Chloé'),
    ];
    const rootEdits = everyone.map((peer, i) => {
      peer.root().change((doc) => {
        (doc as unknown as Record<string, string>)[`note-${i}`] = `écrit par ${i}`;
      });
      return `note-${i}`;
    });

    // Heal.
    await connect(aliceNode, bobNode);
    await connect(bobNode, chloeNode);
    await connect(chloeNode, aliceNode);
    await until(
      () =>
        everyone.every(
          (peer) =>
            paid.every((pay) => peer.ledger.status(entryId(pay))?.state === 'valid') &&
            peer.ledger.report().unaccepted.length === 0 &&
            rootEdits.every((key) => key in (peer.root().doc() as object)),
        ),
      everyone,
    );
    const reports = everyone.map((peer) => JSON.stringify(peer.ledger.report()));
    expect(new Set(reports).size).toBe(1);
    const heads = everyone.map((peer) => JSON.stringify([...peer.root().heads()].sort()));
    expect(new Set(heads).size).toBe(1);
    expect(alice.ledger.report().balances).toStrictEqual({
      [dids[0]!]: -100 + 300,
      [dids[1]!]: 100 - 200,
      [dids[2]!]: 200 - 300,
    });
  });
});
