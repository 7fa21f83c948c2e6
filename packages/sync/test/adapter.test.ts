/*
 * The libp2p network adapter with real nodes (TCP on 127.0.0.1) and real automerge Repos:
 * peer identity, reconnects, readiness, multi-hop sync, direct-only, authorization, and the
 * one-stream-per-peer rule.
 */
import { generateAutomergeUrl, type DocHandle } from '@automerge/automerge-repo';
import type { ComponentLogger, Connection, Libp2p, Stream } from '@libp2p/interface';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL, type PeerAuthorization } from '../src/index.js';
import { disconnectedFrom, nextEmitted } from './helpers/events.js';
import { createRelayNode, createRelayOnlyNode, dial, stopNodes } from './helpers/nodes.js';
import { openRawStream, hello, sendValue } from './helpers/raw-peer.js';
import { announced, startPeer, stopPeers, type TestPeer } from './helpers/peers.js';
import { createTestNode } from './helpers/nodes.js';

interface Note {
  text?: string;
}

const peers: TestPeer[] = [];
const nodes: Libp2p[] = [];

async function persona(...args: Parameters<typeof startPeer>): Promise<TestPeer> {
  const peer = await startPeer(...args);
  peers.push(peer);
  return peer;
}

afterEach(async () => {
  await stopPeers(peers.splice(0));
  await stopNodes(nodes.splice(0));
});

function syncStreams(connections: readonly Connection[]): Stream[] {
  return connections.flatMap((c) => c.streams.filter((s) => s.protocol === SYNC_PROTOCOL));
}

/** Resolves when `handle` shows `text`, waiting on change events. */
async function shows(handle: DocHandle<Note>, text: string): Promise<void> {
  while (handle.doc()?.text !== text) await nextEmitted(handle, 'change');
}

describe('Libp2pNetworkAdapter', { timeout: 30_000 }, () => {
  it('syncs repos whose peer ids are their libp2p peer ids (strict peer ids)', async () => {
    const alice = await persona('alice');
    const bob = await persona('bob');
    await dial(alice.node, bob.node);
    await announced(bob, 1);
    expect(bob.events).toEqual([`candidate:${alice.node.peerId.toString()}`]);

    const handle = alice.repo.create<Note>({ text: 'bonjour' });
    const found = await bob.repo.find<Note>(handle.url);
    expect(found.doc().text).toBe('bonjour');
    found.change((d) => {
      d.text = 'salut';
    });
    await shows(handle, 'salut');
  });

  it('hangs up on a remote that claims a repo peer id other than its libp2p peer id', async () => {
    const bob = await persona('bob');
    const alice = await persona('alice');
    // Mallory's repo runs under Alice's identity; her node cannot prove it.
    const mallory = await persona('mallory', { repoPeerId: alice.node.peerId.toString() });
    await dial(mallory.node, bob.node).catch(() => undefined);
    await disconnectedFrom(bob.node, mallory.node);
    expect(await bob.log.logged(/peer-id-mismatch/)).toContain(alice.node.peerId.toString());
    expect(bob.events).toEqual([]);

    // The real Alice is still welcome.
    await dial(alice.node, bob.node);
    await announced(bob, 1);
    expect(bob.events).toEqual([`candidate:${alice.node.peerId.toString()}`]);
  });

  it('emits peer-disconnected before the new peer-candidate across a connection drop', async () => {
    const alice = await persona('alice');
    const bob = await persona('bob');
    const bobId = bob.repoPeerId;
    await dial(alice.node, bob.node);
    await announced(alice, 1);

    const gone = nextEmitted(alice.adapter, 'peer-disconnected');
    await alice.node.hangUp(bob.node.peerId);
    await Promise.all([gone, disconnectedFrom(bob.node, alice.node)]);
    await dial(bob.node, alice.node);
    await Promise.all([announced(alice, 2), announced(bob, 2)]);
    expect(alice.events).toEqual([
      `candidate:${bobId}`,
      `disconnected:${bobId}`,
      `candidate:${bobId}`,
    ]);

    // And the new session syncs.
    const handle = alice.repo.create<Note>({ text: 'after the drop' });
    expect((await bob.repo.find<Note>(handle.url)).doc().text).toBe('after the drop');
  });

  it('ends the old session before announcing a peer that returns before its old stream is known closed', async () => {
    const victim = await persona('victim', { strictPeerIds: false });
    const returning = await createTestNode();
    nodes.push(returning);

    const first = await openRawStream(returning, victim.node);
    sendValue(first.stream, hello('returning'));
    await announced(victim, 1);
    // A second connection and stream while the first is still open, as after a silent drop.
    const second = await openRawStream(returning, victim.node, { force: true });
    expect(second.connection.id).not.toBe(first.connection.id);
    sendValue(second.stream, hello('returning'));
    await announced(victim, 2);

    expect(victim.events).toEqual([
      'candidate:returning',
      'disconnected:returning',
      'candidate:returning',
    ]);
  });

  it('holds whenReady until a peer said hello, so a find made before connecting succeeds', async () => {
    const alice = await persona('alice');
    const bob = await persona('bob', { readyTimeoutMs: 20_000 });
    const handle = alice.repo.create<Note>({ text: 'held by alice only' });

    const found = bob.repo.find<Note>(handle.url);
    expect(bob.adapter.isReady()).toBe(false);
    await dial(bob.node, alice.node);

    expect((await found).doc().text).toBe('held by alice only');
    expect(bob.adapter.isReady()).toBe(true);
  });

  it('becomes ready after readyTimeoutMs when no peer answers, so a find can fail', async () => {
    const alone = await persona('alone', { readyTimeoutMs: 50 });
    await expect(alone.repo.find(generateAutomergeUrl())).rejects.toThrow(/unavailable/);
    expect(alone.adapter.isReady()).toBe(true);
  });

  it('carries a document from A to C through B, and C’s change back, when A and C never connect', async () => {
    const alice = await persona('alice');
    const bob = await persona('bob');
    const carol = await persona('carol');
    await Promise.all([dial(alice.node, bob.node), dial(carol.node, bob.node)]);
    await announced(bob, 2);

    const handle = alice.repo.create<Note>({ text: 'from alice' });
    const atCarol = await carol.repo.find<Note>(handle.url);
    expect(atCarol.doc().text).toBe('from alice');
    atCarol.change((d) => {
      d.text = 'from carol';
    });
    await shows(handle, 'from carol');
    expect(alice.node.getConnections(carol.node.peerId)).toEqual([]);
  });

  it('syncs nothing over a relayed (limited) connection, and never opens a sync stream on the relay', async () => {
    const relay = await createRelayNode();
    nodes.push(relay);
    // Every stream the relay is asked to open, whatever its protocol (read once negotiated).
    const atRelay: Stream[] = [];
    relay.addEventListener('connection:open', (evt) => {
      // The muxer is not part of the Connection interface; the test reaches in to listen.
      const muxer = (evt.detail as unknown as { muxer?: EventTarget }).muxer;
      muxer?.addEventListener('stream', (e) => atRelay.push((e as CustomEvent<Stream>).detail));
    });
    const behindRelay = (logger: ComponentLogger): Promise<Libp2p> =>
      createRelayOnlyNode(relay, { logger });
    const a = await persona('a', { node: behindRelay, readyTimeoutMs: 300 });
    const b = await persona('b', { node: behindRelay, readyTimeoutMs: 300 });
    const circuit = a.node.getMultiaddrs().find((ma) => ma.toString().includes('/p2p-circuit'));
    expect(circuit).toBeDefined();

    const connection = await dial(b.node, circuit!);
    expect(connection.limits).toBeDefined();
    const handle = a.repo.create<Note>({ text: 'not through the relay' });
    await expect(b.repo.find<Note>(handle.url)).rejects.toThrow(/unavailable/);
    // Both adapters tried the relay itself (a direct connection) and were refused.
    await a.log.logged(new RegExp(`could not open a sync stream to ${relay.peerId.toString()}`));
    await b.log.logged(new RegExp(`could not open a sync stream to ${relay.peerId.toString()}`));

    expect(syncStreams(a.node.getConnections(b.node.peerId))).toEqual([]);
    expect(syncStreams(b.node.getConnections(a.node.peerId))).toEqual([]);
    expect(a.events).toEqual([]);
    expect(b.events).toEqual([]);
    // Neither adapter even tried the circuit: nothing in their logs names the other.
    expect(a.log.lines.filter((line) => line.includes(b.node.peerId.toString()))).toEqual([]);
    expect(b.log.lines.filter((line) => line.includes(a.node.peerId.toString()))).toEqual([]);
    expect(atRelay.length).toBeGreaterThan(0);
    expect(atRelay.map((s) => s.protocol)).not.toContain(SYNC_PROTOCOL);
  });

  it('hangs up on a peer that authorizePeer refuses, and never announces it', async () => {
    const asked: PeerAuthorization[] = [];
    const bob = await persona('bob', {
      authorizePeer: (peer) => {
        asked.push(peer);
        return peer.credential === 'member-certificate';
      },
    });
    const alice = await persona('alice', { credential: () => 'member-certificate' });
    const carol = await persona('carol', { credential: () => Promise.resolve('stranger') });

    await dial(alice.node, bob.node);
    await announced(bob, 1);
    await dial(carol.node, bob.node).catch(() => undefined);
    await disconnectedFrom(bob.node, carol.node);
    await bob.log.logged(/unauthorized/);

    expect(bob.events).toEqual([`candidate:${alice.repoPeerId}`]);
    expect(asked).toContainEqual({
      remotePeer: carol.node.peerId.toString(),
      repoPeerId: carol.repoPeerId,
      credential: 'stranger',
    });
    expect(asked).toContainEqual({
      remotePeer: alice.node.peerId.toString(),
      repoPeerId: alice.repoPeerId,
      credential: 'member-certificate',
    });
  });

  it('keeps exactly one sync stream per peer when both ends open one at once', async () => {
    const alice = await persona('alice');
    const bob = await persona('bob');
    // Both adapters are running, so both react to the same new connection.
    await dial(alice.node, bob.node);
    await Promise.all([announced(alice, 1), announced(bob, 1)]);
    const handle = alice.repo.create<Note>({ text: 'one' });
    const atBob = await bob.repo.find<Note>(handle.url);
    atBob.change((d) => {
      d.text = 'two';
    });
    await shows(handle, 'two');

    const atAlice = syncStreams(alice.node.getConnections(bob.node.peerId));
    const atBobSide = syncStreams(bob.node.getConnections(alice.node.peerId));
    expect(atAlice).toHaveLength(1);
    expect(atBobSide).toHaveLength(1);
    const aliceOpened = alice.node.peerId.toString() < bob.node.peerId.toString();
    expect(atAlice[0]!.direction).toBe(aliceOpened ? 'outbound' : 'inbound');
    expect(alice.events).toEqual([`candidate:${bob.repoPeerId}`]);
    expect(bob.events).toEqual([`candidate:${alice.repoPeerId}`]);
  });
});
