import type {
  AbortOptions,
  ComponentLogger,
  Connection,
  Libp2p,
  Libp2pEvents,
  Logger,
  PeerId,
  PeerInfo,
  Startable,
  TypedEventTarget,
} from '@libp2p/interface';
import { logger } from '@libp2p/logger';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { dialCandidates, isDesignatedDialler, isDirectConnection } from './addresses.js';
import { backoffDelay, type BackoffPolicy, type RandomSource } from './backoff.js';

/** The few things the reconnector needs from a libp2p node. */
export interface ReconnectorHost {
  readonly peerId: PeerId;
  readonly events: TypedEventTarget<Libp2pEvents>;
  dial(address: Multiaddr, options: AbortOptions): Promise<Connection>;
  getConnections(peer?: PeerId): Connection[];
}

/** Options of {@link createReconnector}. */
export interface ReconnectorInit {
  /** The node whose connections are kept up. */
  readonly host: ReconnectorHost;
  /**
   * Relay multiaddrs to keep dialled (`/ip4/…/tcp/…/ws/p2p/RELAY`). Several addresses of one relay
   * (its LAN and its public address) count as one relay: any of them connected is enough.
   */
  readonly relays: readonly string[];
  /** Jitter source of the backoff, such as `Math.random`. */
  readonly random: RandomSource;
  /** Retry schedule, for relays and for peers. @default DEFAULT_BACKOFF */
  readonly backoff?: BackoffPolicy;
  /**
   * Whether this node dials peers' `/p2p-circuit/webrtc` addresses (it has the WebRTC and
   * circuit-relay transports). Without it, peers are dialled on their direct addresses only.
   */
  readonly webRTC: boolean;
  /**
   * How long a peer waits for the other one to dial before dialling itself, in ms: the peer with
   * the smaller id dials at once; this delay is also how long a WebRTC-capable peer waits for an
   * announcement carrying a `/p2p-circuit/webrtc` address before settling for a direct one.
   * @default 5_000
   */
  readonly fallbackDialDelayMs?: number;
  /** Failed dials in a row after which a discovered peer is forgotten until it announces itself again. @default 5 */
  readonly maxPeerAttempts?: number;
  /** Time limit of one dial, in ms (gotcha 10: rare dials hang; a retry does better). @default 10_000 */
  readonly dialTimeoutMs?: number;
  /** Where to log. @default the `integrale:sync:reconnector` debug logger */
  readonly log?: Logger;
}

/** Keeps a node connected to its relays and to the peers discovery found. */
export interface Reconnector {
  /** Dials every relay now and keeps watching for drops. Idempotent. */
  start(): void;
  /** Cancels every pending retry and in-flight dial. Idempotent. */
  stop(): void;
  /**
   * A peer announced itself (a discovery `peer` event): dial it if this node is the designated
   * dialler, or later if the other one does not; re-dial it after a drop.
   */
  addPeer(peer: PeerInfo): void;
  /** The peer ids of the relays connected now. */
  connectedRelays(): PeerId[];
}

/** Defaults of {@link ReconnectorInit}. */
export const RECONNECTOR_DEFAULTS = {
  fallbackDialDelayMs: 5_000,
  maxPeerAttempts: 5,
  dialTimeoutMs: 10_000,
} as const;

interface RelayTarget {
  readonly addresses: Multiaddr[];
  peer: PeerId | undefined;
  attempt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  dialling: boolean;
}

interface PeerTarget {
  readonly id: PeerId;
  addresses: Multiaddr[];
  attempt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  dialling: boolean;
}

function relayTargets(relays: readonly string[]): RelayTarget[] {
  const byKey = new Map<string, RelayTarget>();
  for (const text of relays) {
    const address = multiaddr(text);
    const key = address.getComponents().findLast((c) => c.name === 'p2p')?.value ?? text;
    const target = byKey.get(key);
    if (target) target.addresses.push(address);
    else
      byKey.set(key, {
        addresses: [address],
        peer: undefined,
        attempt: 0,
        timer: undefined,
        dialling: false,
      });
  }
  return [...byKey.values()];
}

/**
 * Creates the reconnector of a node: it dials the relays and, when a relay connection drops,
 * dials again with exponential backoff (capped, jittered by the injected random source) for as
 * long as it runs; it dials discovered peers (the smaller peer id at once, the other after
 * `fallbackDialDelayMs` if still unconnected) and re-dials them after a drop, up to
 * `maxPeerAttempts` failures in a row.
 */
export function createReconnector(init: ReconnectorInit): Reconnector {
  const { host, random, webRTC } = init;
  const backoff = init.backoff ?? {};
  const fallbackDelay = init.fallbackDialDelayMs ?? RECONNECTOR_DEFAULTS.fallbackDialDelayMs;
  const maxPeerAttempts = init.maxPeerAttempts ?? RECONNECTOR_DEFAULTS.maxPeerAttempts;
  const dialTimeout = init.dialTimeoutMs ?? RECONNECTOR_DEFAULTS.dialTimeoutMs;
  const log = init.log ?? logger('integrale:sync:reconnector');
  const relays = relayTargets(init.relays);
  const peers = new Map<string, PeerTarget>();
  let running = false;
  let stopping = new AbortController();

  const dialOptions = (): AbortOptions => ({
    signal: AbortSignal.any([AbortSignal.timeout(dialTimeout), stopping.signal]),
  });
  const isRelay = (peer: PeerId): boolean => relays.some((relay) => relay.peer?.equals(peer));
  const connectedDirectly = (peer: PeerId): boolean =>
    host.getConnections(peer).some(isDirectConnection);

  async function connectRelay(relay: RelayTarget): Promise<void> {
    if (!running || relay.dialling || relay.timer !== undefined) return;
    if (relay.peer && connectedDirectly(relay.peer)) return;
    relay.dialling = true;
    let connected = false;
    for (const address of relay.addresses) {
      try {
        const connection = await host.dial(address, dialOptions());
        relay.peer = connection.remotePeer;
        relay.attempt = 0;
        connected = true;
        log('connected to relay %a', address);
        break;
      } catch (error) {
        log('could not dial relay %a - %e', address, error);
        if (!running) break;
      }
    }
    relay.dialling = false;
    if (!connected) scheduleRelay(relay);
  }

  function scheduleRelay(relay: RelayTarget): void {
    if (!running || relay.timer !== undefined) return;
    const delay = backoffDelay(relay.attempt, random, backoff);
    relay.attempt += 1;
    log('dialling relay again in %d ms', delay);
    relay.timer = setTimeout(() => {
      relay.timer = undefined;
      void connectRelay(relay);
    }, delay);
  }

  function forget(peer: PeerTarget): void {
    clearTimeout(peer.timer);
    peers.delete(peer.id.toString());
    log('forgetting %p until it announces itself again', peer.id);
  }

  async function connectPeer(peer: PeerTarget): Promise<void> {
    if (!running || peer.dialling || connectedDirectly(peer.id)) return;
    const candidates = dialCandidates(peer.id, peer.addresses, { webRTC });
    // One kind of address per attempt: a failed WebRTC dial is retried as WebRTC (it usually
    // fails for a passing reason), not traded for a TCP address that may only mean something on
    // the peer's own machine. Direct addresses serve peers that announce no WebRTC address.
    const ordered = candidates.webRTC.length > 0 ? candidates.webRTC : candidates.direct;
    if (ordered.length === 0) return; // nothing dialable yet: wait for the next announcement
    peer.dialling = true;
    let connected = false;
    for (const address of ordered) {
      try {
        log.trace('dialling %a', address);
        const connection = await host.dial(address, dialOptions());
        if (isDirectConnection(connection)) {
          log('connected to %p at %a', peer.id, address);
          connected = true;
          break;
        }
      } catch (error) {
        log('could not dial %a - %e', address, error);
        if (!running) break;
      }
    }
    peer.dialling = false;
    if (connected) {
      peer.attempt = 0;
    } else {
      schedulePeer(peer);
    }
  }

  /** Dials `peer` after its backoff delay (plus the fallback delay when the other side dials). */
  function schedulePeer(peer: PeerTarget): void {
    if (!running || peer.timer !== undefined) return;
    if (peer.attempt >= maxPeerAttempts) {
      forget(peer);
      return;
    }
    const wait = isDesignatedDialler(host.peerId, peer.id) ? 0 : fallbackDelay;
    const delay = wait + backoffDelay(peer.attempt, random, backoff);
    peer.attempt += 1;
    peer.timer = setTimeout(() => {
      peer.timer = undefined;
      void connectPeer(peer);
    }, delay);
  }

  function scheduleFallback(peer: PeerTarget): void {
    if (!running || peer.timer !== undefined) return;
    peer.timer = setTimeout(() => {
      peer.timer = undefined;
      void connectPeer(peer);
    }, fallbackDelay);
  }

  const onClose = (event: CustomEvent<Connection>): void => {
    const remote = event.detail.remotePeer;
    if (!running || connectedDirectly(remote)) return;
    const relay = relays.find((target) => target.peer?.equals(remote));
    if (relay) {
      log('lost relay %p', remote);
      scheduleRelay(relay);
      return;
    }
    const peer = peers.get(remote.toString());
    if (peer && !peer.dialling) schedulePeer(peer);
  };

  return {
    start() {
      if (running) return;
      running = true;
      stopping = new AbortController();
      host.events.addEventListener('connection:close', onClose);
      for (const relay of relays) void connectRelay(relay);
    },

    stop() {
      if (!running) return;
      running = false;
      stopping.abort();
      host.events.removeEventListener('connection:close', onClose);
      for (const relay of relays) {
        clearTimeout(relay.timer);
        relay.timer = undefined;
        relay.attempt = 0;
      }
      for (const peer of peers.values()) clearTimeout(peer.timer);
      peers.clear();
    },

    addPeer(info) {
      if (!running || info.id.equals(host.peerId) || isRelay(info.id)) return;
      const key = info.id.toString();
      let peer = peers.get(key);
      if (!peer) {
        peer = { id: info.id, addresses: [], attempt: 0, timer: undefined, dialling: false };
        peers.set(key, peer);
      }
      peer.addresses = [...info.multiaddrs];
      if (connectedDirectly(peer.id)) {
        clearTimeout(peer.timer);
        peer.timer = undefined;
        peer.attempt = 0;
        return;
      }
      if (peer.dialling) return;
      const candidates = dialCandidates(peer.id, peer.addresses, { webRTC });
      const dialNow =
        isDesignatedDialler(host.peerId, peer.id) &&
        (candidates.webRTC.length > 0 || (!webRTC && candidates.direct.length > 0));
      log.trace('%p announced %d addresses; dial now: %s', peer.id, peer.addresses.length, dialNow);
      if (dialNow) {
        clearTimeout(peer.timer);
        peer.timer = undefined;
        void connectPeer(peer);
      } else {
        scheduleFallback(peer);
      }
    },

    connectedRelays() {
      return relays.flatMap((relay) =>
        relay.peer && host.getConnections(relay.peer).some((c) => c.status === 'open')
          ? [relay.peer]
          : [],
      );
    },
  };
}

/** A {@link ReconnectorHost} over a libp2p node. */
export function reconnectorHost(node: Libp2p): ReconnectorHost {
  return {
    peerId: node.peerId,
    events: node,
    dial: (address, options) => node.dial(address, options),
    getConnections: (peer) => node.getConnections(peer),
  };
}

/** What {@link reconnector} needs from libp2p's components. */
export interface ReconnectorComponents {
  readonly peerId: PeerId;
  readonly events: TypedEventTarget<Libp2pEvents>;
  readonly logger: ComponentLogger;
  readonly connectionManager: {
    openConnection(address: Multiaddr, options?: AbortOptions): Promise<Connection>;
    getConnections(peer?: PeerId): Connection[];
  };
}

/**
 * The reconnector as a libp2p service: it starts once the node has started (its transports
 * listen, so a relay reservation can follow the first connection) and stops before the node stops
 * (so the shutdown's own disconnections are not retried).
 */
export class ReconnectorService implements Startable {
  readonly [Symbol.toStringTag] = '@integrale/reconnector';
  private readonly inner: Reconnector;

  constructor(components: ReconnectorComponents, init: Omit<ReconnectorInit, 'host' | 'log'>) {
    this.inner = createReconnector({
      ...init,
      log: components.logger.forComponent('integrale:sync:reconnector'),
      host: {
        peerId: components.peerId,
        events: components.events,
        dial: (address, options) => components.connectionManager.openConnection(address, options),
        getConnections: (peer) => components.connectionManager.getConnections(peer),
      },
    });
  }

  /** Nothing before the transports listen: see {@link ReconnectorService.afterStart}. */
  start(): void {}

  afterStart(): void {
    this.inner.start();
  }

  beforeStop(): void {
    this.inner.stop();
  }

  stop(): void {
    this.inner.stop();
  }

  /** See {@link Reconnector.addPeer}. */
  addPeer(peer: PeerInfo): void {
    this.inner.addPeer(peer);
  }

  /** See {@link Reconnector.connectedRelays}. */
  connectedRelays(): PeerId[] {
    return this.inner.connectedRelays();
  }
}

/** The libp2p service factory of the reconnector. */
export function reconnector(
  init: Omit<ReconnectorInit, 'host' | 'log'>,
): (components: ReconnectorComponents) => ReconnectorService {
  return (components) => new ReconnectorService(components, init);
}
