import { circuitRelayTransport } from '@libp2p/circuit-relay-v2';
import type { FloodSub } from '@libp2p/floodsub';
import { identify, type Identify } from '@libp2p/identify';
import type { ConnectionGater, Libp2p, PrivateKey } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { ping, type Ping } from '@libp2p/ping';
import { tcp } from '@libp2p/tcp';
import { webRTC } from '@libp2p/webrtc';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2pOptions } from 'libp2p';
import type { BackoffPolicy, RandomSource } from './backoff.js';
import { topicDiscovery, type TopicDiscovery } from './discovery.js';
import { relayFloodsub } from './pubsub.js';
import { reconnector, type ReconnectorService } from './reconnector.js';

/** The services of an Intégrale libp2p node. */
export interface PeerServices extends Record<string, unknown> {
  identify: Identify;
  ping: Ping;
  /** Floodsub towards relays only: it carries discovery announcements. */
  pubsub: FloodSub;
  /** Keeps the relays and the discovered peers dialled. */
  reconnector: ReconnectorService;
  /** Present when the node was given a `discoveryTopic`. */
  discovery?: TopicDiscovery;
}

/** A libp2p node made by {@link createBrowserPeer} or {@link createNodePeer}. */
export type IntegraleNode = Libp2p<PeerServices>;

/** Options shared by {@link createBrowserPeer} and {@link createNodePeer}. */
export interface PeerInit {
  /**
   * This device's libp2p key: keep it (IndexedDB, a file) and pass it back so the peer id, and the
   * addresses others learnt, survive a restart. @default a new Ed25519 key
   */
  readonly privateKey?: PrivateKey;
  /**
   * Relays to keep dialled, as multiaddrs (`/ip4/192.168.1.20/tcp/8081/ws/p2p/RELAY`); empty for a
   * node that others reach directly.
   */
  readonly relays: readonly string[];
  /**
   * The cooperative's discovery topic ({@link discoveryTopic} of its id). Without one the node
   * neither announces itself nor finds anyone.
   */
  readonly discoveryTopic?: string;
  /** Re-announcement interval, in ms. @default 10_000 (see {@link TopicDiscoveryInit.intervalMs}) */
  readonly discoveryIntervalMs?: number;
  /** Jitter source of the reconnection backoff. @default Math.random */
  readonly random?: RandomSource;
  /** Reconnection schedule. @default DEFAULT_BACKOFF (0.5 s doubling up to 30 s, half jitter) */
  readonly backoff?: BackoffPolicy;
  /** See {@link ReconnectorInit.fallbackDialDelayMs}. @default 5_000 */
  readonly fallbackDialDelayMs?: number;
  /** See {@link ReconnectorInit.dialTimeoutMs}. @default 10_000 */
  readonly dialTimeoutMs?: number;
  /** Whether to start the node (and dial the relays) before resolving. @default true */
  readonly start?: boolean;
}

/** Options of {@link createBrowserPeer}. */
export interface BrowserPeerInit extends PeerInit {
  /**
   * STUN/TURN servers for WebRTC. @default [] — offline and LAN meetings have none, and the
   * browser's default public list is unreachable there and slows every dial (gotcha 5)
   */
  readonly iceServers?: RTCIceServer[];
}

/** Options of {@link createNodePeer}. */
export interface NodePeerInit extends PeerInit {
  /**
   * TCP and WebSocket addresses to listen on.
   * @default ['/ip4/0.0.0.0/tcp/0', '/ip4/0.0.0.0/tcp/0/ws']
   */
  readonly listen?: readonly string[];
  /** Addresses to announce instead of the listening ones (a public address behind NAT). */
  readonly announce?: readonly string[];
  /**
   * Also run WebRTC and the circuit-relay transport and listen on `/p2p-circuit` and `/webrtc`,
   * so browsers reach this node directly through a relay's signalling. @default false
   */
  readonly webRTC?: boolean;
  /** STUN/TURN servers for WebRTC. @default [] */
  readonly iceServers?: RTCIceServer[];
  /**
   * The local address WebRTC gathers its ICE candidates on (node-datachannel's `bindAddress`):
   * `127.0.0.1` keeps a test's traffic on loopback. @default every interface
   */
  readonly iceBindAddress?: string;
}

/** A Node peer was asked to dial WebSocket relays but the runtime has no `WebSocket`. */
export class MissingWebSocketError extends Error {
  override name = 'MissingWebSocketError';
}

/** Default of {@link NodePeerInit.listen}. */
export const DEFAULT_NODE_LISTEN = ['/ip4/0.0.0.0/tcp/0', '/ip4/0.0.0.0/tcp/0/ws'] as const;

/**
 * A connection gater that lets the node dial private and loopback addresses and plain `ws://`,
 * which the browser's default gater refuses (gotcha 3): a meeting's relay is a laptop on the LAN.
 */
export function localNetworkGater(): ConnectionGater {
  return { denyDialMultiaddr: () => false };
}

type ServiceFactories = NonNullable<Libp2pOptions<PeerServices>['services']>;

function services(init: PeerInit, webRTCEnabled: boolean): ServiceFactories {
  const factories: ServiceFactories = {
    identify: identify(),
    ping: ping(),
    pubsub: relayFloodsub(),
    reconnector: reconnector({
      relays: init.relays,
      random: init.random ?? Math.random,
      webRTC: webRTCEnabled,
      ...(init.backoff === undefined ? {} : { backoff: init.backoff }),
      ...(init.fallbackDialDelayMs === undefined
        ? {}
        : { fallbackDialDelayMs: init.fallbackDialDelayMs }),
      ...(init.dialTimeoutMs === undefined ? {} : { dialTimeoutMs: init.dialTimeoutMs }),
    }),
  };
  if (init.discoveryTopic !== undefined) {
    factories.discovery = topicDiscovery({
      topic: init.discoveryTopic,
      ...(init.discoveryIntervalMs === undefined ? {} : { intervalMs: init.discoveryIntervalMs }),
    });
  }
  return factories;
}

async function createPeer(
  init: PeerInit,
  options: Omit<Libp2pOptions<PeerServices>, 'services' | 'privateKey' | 'start'>,
  webRTCEnabled: boolean,
): Promise<IntegraleNode> {
  const node = await createLibp2p<PeerServices>({
    ...options,
    ...(init.privateKey === undefined ? {} : { privateKey: init.privateKey }),
    // The reconnector owns re-dialling, with its own backoff; libp2p's keep-alive queue would
    // only race it.
    connectionManager: { reconnectRetries: 0 },
    services: services(init, webRTCEnabled),
    start: false,
  });
  const { discovery, reconnector: keeper } = node.services;
  discovery?.addEventListener('peer', (event) => {
    keeper.addPeer(event.detail);
  });
  if (init.start !== false) await node.start();
  return node;
}

/**
 * Creates the libp2p node of a browser tab: WebSockets to reach relays, the circuit-relay transport
 * for signalling through them, and WebRTC for direct connections to other members. It listens on
 * `/p2p-circuit` (a reservation on each relay) and `/webrtc`, so others reach it at
 * `…/p2p/RELAY/p2p-circuit/webrtc/p2p/SELF`; it allows private addresses and plain `ws://` (a LAN
 * relay), announces itself on the discovery topic and keeps relays and peers dialled.
 */
export function createBrowserPeer(init: BrowserPeerInit): Promise<IntegraleNode> {
  return createPeer(
    init,
    {
      addresses: { listen: ['/p2p-circuit', '/webrtc'] },
      transports: [
        webSockets(),
        webRTC({ rtcConfiguration: { iceServers: init.iceServers ?? [] } }),
        circuitRelayTransport(),
      ],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      connectionGater: localNetworkGater(),
    },
    true,
  );
}

function dialsWebSockets(addresses: readonly string[]): boolean {
  return addresses.some((address) =>
    multiaddr(address)
      .getComponents()
      .some((component) => component.name === 'ws' || component.name === 'wss'),
  );
}

/**
 * Creates the libp2p node of a Node process — a member's always-on device, a test, a benchmark:
 * TCP and WebSocket listeners on `listen`, and with `webRTC` also WebRTC and the circuit-relay
 * transport (listening on `/p2p-circuit` and `/webrtc`) so browsers reach it directly.
 *
 * Node 20 has no global `WebSocket` (gotcha 2): set `globalThis.WebSocket` (from the `ws`
 * package) before creating a peer that dials WebSocket relays, or this throws
 * {@link MissingWebSocketError}.
 */
export function createNodePeer(init: NodePeerInit): Promise<IntegraleNode> {
  if (dialsWebSockets(init.relays) && typeof globalThis.WebSocket !== 'function') {
    return Promise.reject(
      new MissingWebSocketError(
        'no global WebSocket to dial the relays: set globalThis.WebSocket (from the ws package) first',
      ),
    );
  }
  const webRTCEnabled = init.webRTC ?? false;
  const transports: NonNullable<Libp2pOptions<PeerServices>['transports']> = [tcp(), webSockets()];
  if (webRTCEnabled) {
    const rtcConfiguration: RTCConfiguration & { bindAddress?: string } = {
      iceServers: init.iceServers ?? [],
      ...(init.iceBindAddress === undefined ? {} : { bindAddress: init.iceBindAddress }),
    };
    transports.push(webRTC({ rtcConfiguration }), circuitRelayTransport());
  }
  const listen = [...(init.listen ?? DEFAULT_NODE_LISTEN)];
  if (webRTCEnabled) listen.push('/p2p-circuit', '/webrtc');
  return createPeer(
    init,
    {
      addresses: {
        listen,
        ...(init.announce === undefined ? {} : { announce: [...init.announce] }),
      },
      transports,
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
    },
    webRTCEnabled,
  );
}
