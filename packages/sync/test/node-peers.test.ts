import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, Libp2pEvents, PeerId, PeerInfo } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { PING_PROTOCOL } from '@libp2p/ping';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import {
  createBrowserPeer,
  createNodePeer,
  discoveryTopic,
  type IntegraleNode,
} from '../src/node/index.js';

/*
 * Real libp2p over loopback: a relay child process (started from its sources), Node peers with
 * WebRTC, discovery through the relay, direct connections, the relay going away and coming back.
 * Every wait is on an event; no test asserts on time.
 */

// Node 20 has no global WebSocket (gotcha 2); the peers dial the relay over ws://.
if (typeof globalThis.WebSocket !== 'function') {
  globalThis.WebSocket = NodeWebSocket as unknown as typeof globalThis.WebSocket;
}

const RELAY_MAIN = fileURLToPath(new URL('../../../relay/src/main.ts', import.meta.url));
const SLOW = 60_000;

interface RelayProcess {
  readonly child: ChildProcess;
  readonly address: string;
  readonly peerId: PeerId;
  readonly port: number;
  readonly exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

async function startRelay(p2pPort: number, keyFile: string): Promise<RelayProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      RELAY_MAIN,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--p2p-port',
      String(p2pPort),
      '--key-file',
      keyFile,
    ],
    { env: { PATH: process.env['PATH'] ?? '', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (status) => {
      children.delete(child);
      resolve(status);
    });
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ready = new Promise<string>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('Ctrl+C to stop.')) resolve(stdout);
    });
  });
  const printed = await Promise.race([
    ready,
    exited.then((status) => {
      throw new Error(`relay exited (${String(status)}): ${stderr}`);
    }),
  ]);
  const address = /\/ip4\/127\.0\.0\.1\/tcp\/\d+\/ws\/p2p\/\S+/.exec(printed)?.[0] ?? '';
  const [, port, id] = /\/tcp\/(\d+)\/ws\/p2p\/(\S+)$/.exec(address) ?? [];
  return { child, address, peerId: peerIdFromString(id ?? ''), port: Number(port), exited };
}

async function stopRelay(relay: RelayProcess): Promise<void> {
  relay.child.kill('SIGTERM');
  expect(await relay.exited).toBe(0);
}

/** Resolves with `check()`'s first defined value, re-checking on each of the node's `events`. */
function until<T>(
  node: IntegraleNode,
  events: ReadonlyArray<keyof Libp2pEvents>,
  check: () => T | undefined,
): Promise<T> {
  return new Promise((resolve) => {
    const listener = (): void => {
      const value = check();
      if (value === undefined) return;
      for (const type of events) node.removeEventListener(type, listener);
      resolve(value);
    };
    for (const type of events) node.addEventListener(type, listener);
    listener();
  });
}

/** Ids of the connections identify has run over: they carried streams, not just a handshake. */
const identified = new WeakMap<IntegraleNode, Set<string>>();

function watchIdentify(node: IntegraleNode): void {
  const ids = new Set<string>();
  identified.set(node, ids);
  node.addEventListener('peer:identify', (event) => ids.add(event.detail.connection.id));
}

/**
 * The direct WebRTC connection from `node` to `peer` once identify has run over it. (A WebRTC
 * negotiation between two node-datachannel peers in one process now and then fails its DTLS
 * handshake; the answering side then sees a connection open and close at once, and the reconnector
 * dials again. Waiting for identify skips such a stillborn connection.)
 */
function directWebRTC(node: IntegraleNode, peer: PeerId): Promise<Connection> {
  return until(node, ['connection:open', 'peer:identify'], () =>
    node
      .getConnections(peer)
      .find(
        (c) =>
          c.status === 'open' &&
          c.limits == null &&
          c.multiplexer === '/webrtc' &&
          identified.get(node)?.has(c.id) === true,
      ),
  );
}

function relayConnected(node: IntegraleNode, relay: PeerId): Promise<true> {
  return until(node, ['connection:open'], () =>
    node.getConnections(relay).some((c) => c.status === 'open') ? true : undefined,
  );
}

function relayGone(node: IntegraleNode, relay: PeerId): Promise<true> {
  return until(node, ['connection:close'], () =>
    node.getConnections(relay).some((c) => c.status === 'open') ? undefined : true,
  );
}

function listensThrough(node: IntegraleNode, relay: PeerId): boolean {
  return node
    .getMultiaddrs()
    .some((a) => a.toString().includes(`/p2p/${relay.toString()}/p2p-circuit/webrtc`));
}

/** Resolves once `node` listens on a `/p2p-circuit/webrtc` address through `relay`. */
function reserved(node: IntegraleNode, relay: PeerId): Promise<true> {
  return until(node, ['self:peer:update'], () => (listensThrough(node, relay) ? true : undefined));
}

/** Resolves once `node` no longer listens through `relay`. */
function unreserved(node: IntegraleNode, relay: PeerId): Promise<true> {
  return until(node, ['self:peer:update'], () => (listensThrough(node, relay) ? undefined : true));
}

/** Sends `payload` on the ping protocol over this very connection; resolves with the echo. */
async function pingOver(connection: Connection, payload: Uint8Array): Promise<Uint8Array> {
  const stream = await connection.newStream(PING_PROTOCOL);
  stream.send(payload);
  const echo = new Uint8Array(payload.length);
  let filled = 0;
  for await (const chunk of stream) {
    const bytes = chunk.subarray();
    echo.set(bytes.subarray(0, payload.length - filled), filled);
    filled += bytes.length;
    if (filled >= payload.length) break;
  }
  await stream.close();
  return echo;
}

/** Every peer `node`'s discovery has heard of, from now on. */
function heard(node: IntegraleNode): PeerInfo[] {
  const seen: PeerInfo[] = [];
  node.services.discovery?.addEventListener('peer', (event) => seen.push(event.detail));
  return seen;
}

const COOP_A = 'a'.repeat(64);
const COOP_B = 'b'.repeat(64);
const nodes: IntegraleNode[] = [];

async function member(relay: RelayProcess, coop: string): Promise<IntegraleNode> {
  const node = await createNodePeer({
    relays: [relay.address],
    discoveryTopic: discoveryTopic(coop),
    webRTC: true,
    listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
    iceBindAddress: '127.0.0.1',
    // A quick schedule so the relay restart below is noticed promptly; a fixed draw so it is exact.
    backoff: { initialDelayMs: 100, maxDelayMs: 1000 },
    random: () => 0.5,
    dialTimeoutMs: 5000,
    start: false,
  });
  watchIdentify(node);
  await node.start();
  nodes.push(node);
  return node;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'integrale-peers-'));
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  for (const child of children) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('createNodePeer', () => {
  it('refuses to dial WebSocket relays without a WebSocket implementation', async () => {
    const saved = globalThis.WebSocket;
    Reflect.deleteProperty(globalThis, 'WebSocket');
    try {
      await expect(
        createNodePeer({ relays: ['/ip4/127.0.0.1/tcp/1/ws'], start: false }),
      ).rejects.toThrow(expect.objectContaining({ name: 'MissingWebSocketError' }));
    } finally {
      globalThis.WebSocket = saved;
    }
  });
});

describe('members of a cooperative, through a relay', () => {
  let relay: RelayProcess;
  let alice: IntegraleNode;
  let bob: IntegraleNode;
  let aliceHeard: PeerInfo[];
  let direct: Connection;

  beforeAll(async () => {
    relay = await startRelay(0, join(dir, 'relay.key'));
  }, SLOW);

  it(
    'find each other without being told each other’s address, and connect directly over WebRTC',
    async () => {
      alice = await member(relay, COOP_A);
      aliceHeard = heard(alice);
      bob = await member(relay, COOP_A);
      const [fromAlice, fromBob] = await Promise.all([
        directWebRTC(alice, bob.peerId),
        directWebRTC(bob, alice.peerId),
      ]);
      for (const connection of [fromAlice, fromBob]) {
        expect(connection.limits).toBeUndefined(); // not relayed (gotcha 4)
        expect(connection.multiplexer).toBe('/webrtc');
      }
      expect(aliceHeard.some((peer) => peer.id.equals(bob.peerId))).toBe(true);
      // The relay forwards the topic — a hash — and was never told the cooperative.
      const forwarders = alice.services.pubsub.getSubscribers(discoveryTopic(COOP_A));
      expect(forwarders.map(String)).toEqual([relay.peerId.toString()]);
      direct = fromAlice;
    },
    SLOW,
  );

  it(
    'never hear of the members of another cooperative on the same relay',
    async () => {
      const carol = await member(relay, COOP_B);
      const dave = await member(relay, COOP_B);
      // Carol and Dave found each other: their announcements went through the relay.
      await directWebRTC(carol, dave.peerId);
      // Barrier: an announcement from Bob sent now reaches Alice after anything the relay had
      // forwarded to her before (one ordered stream from the relay to her).
      const before = aliceHeard.length;
      await new Promise<void>((resolve) => {
        alice.services.discovery?.addEventListener('peer', function onPeer(event) {
          if (!event.detail.id.equals(bob.peerId)) return;
          alice.services.discovery?.removeEventListener('peer', onPeer);
          resolve();
        });
        bob.services.discovery?.announce();
      });
      expect(aliceHeard.length).toBeGreaterThan(before);
      const strangers = [carol.peerId, dave.peerId];
      expect(aliceHeard.filter((peer) => strangers.some((id) => id.equals(peer.id)))).toEqual([]);
      for (const id of strangers) expect(alice.getConnections(id)).toEqual([]);
    },
    SLOW,
  );

  it(
    'include browsers, which reserve a slot and listen on /p2p-circuit/webrtc through the relay',
    async () => {
      // A lone member of a third cooperative: nobody dials it, so its WebRTC (which gathers on
      // every interface, as in a browser) stays idle and the test's traffic stays on loopback.
      const browser = await createBrowserPeer({
        relays: [relay.address],
        discoveryTopic: discoveryTopic('c'.repeat(64)),
      });
      nodes.push(browser);
      await reserved(browser, relay.peerId);
      const own = `/p2p/${relay.peerId.toString()}/p2p-circuit/webrtc/p2p/${browser.peerId.toString()}`;
      expect(browser.getMultiaddrs().some((a) => a.toString().endsWith(own))).toBe(true);
      expect(browser.services.discovery?.topic).toBe(discoveryTopic('c'.repeat(64)));
      expect(browser.services.reconnector.connectedRelays().map(String)).toEqual([
        relay.peerId.toString(),
      ]);
    },
    SLOW,
  );

  it(
    'keep their direct connection when the relay stops',
    async () => {
      await Promise.all([reserved(alice, relay.peerId), reserved(bob, relay.peerId)]);
      await stopRelay(relay);
      await Promise.all([
        relayGone(alice, relay.peerId),
        relayGone(bob, relay.peerId),
        unreserved(alice, relay.peerId),
        unreserved(bob, relay.peerId),
      ]);
      expect(direct.status).toBe('open');
      const payload = crypto.getRandomValues(new Uint8Array(32));
      expect(await pingOver(direct, payload)).toEqual(payload);
    },
    SLOW,
  );

  it(
    'dial the relay again, listen and discover through it again, once it restarts on the same port',
    async () => {
      relay = await startRelay(relay.port, join(dir, 'relay.key'));
      await Promise.all([
        relayConnected(alice, relay.peerId),
        relayConnected(bob, relay.peerId),
        reserved(alice, relay.peerId),
        reserved(bob, relay.peerId),
      ]);
      expect(alice.services.reconnector.connectedRelays().map(String)).toEqual([
        relay.peerId.toString(),
      ]);
      expect(direct.status).toBe('open');
      // Discovery works through the restarted relay: a newcomer finds Alice.
      const erin = await member(relay, COOP_A);
      await directWebRTC(erin, alice.peerId);
    },
    SLOW,
  );
});
