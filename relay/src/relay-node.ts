import { circuitRelayServer, type CircuitRelayService } from '@libp2p/circuit-relay-v2';
import {
  floodsub,
  TopicValidatorResult,
  type FloodSub,
  type SubscriptionChangeData,
} from '@libp2p/floodsub';
import { identify, type Identify } from '@libp2p/identify';
import type { Libp2p, PeerId, PrivateKey } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { ping, type Ping } from '@libp2p/ping';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import { createLibp2p } from 'libp2p';

/**
 * Limits of the circuit-relay server, sized for signalling — identify, the SDP offer and answer and
 * the ICE candidates of a WebRTC upgrade — never for carrying members' data. relay/README.md
 * explains each figure.
 */
export const RELAY_LIMITS = {
  /** Reservations held at once: every connected member holds one. libp2p's default is 15. */
  maxReservations: 512,
  /** How long a reservation lasts before the member renews it (it renews 5 min before). */
  reservationTtlMs: 30 * 60 * 1000,
  /** Lifetime of one relayed connection: room for a slow ICE exchange, not for a session. */
  connectionDurationMs: 60 * 1000,
  /** Bytes one relayed connection may carry: a whole signalling exchange measured 4–8 KiB. */
  connectionDataBytes: 64 * 1024,
  /** Connections the relay keeps before pruning (members' WebSockets). */
  maxConnections: 1024,
  /** Relayed connections being set up at once (hop streams in). */
  maxInboundHopStreams: 64,
} as const;

/** What a discovery topic looks like: the hex SHA-256 made by `discoveryTopic` in @integrale/sync. */
export const DISCOVERY_TOPIC_PATTERN = /^[0-9a-f]{64}$/;

/** Topics the relay forwards at once: one per cooperative using it. */
export const MAX_FORWARDED_TOPICS = 1024;

/** Largest discovery announcement forwarded: a public key and a handful of addresses. */
export const MAX_ANNOUNCEMENT_BYTES = 4096;

/** The services of the relay node. */
export interface RelayServices extends Record<string, unknown> {
  identify: Identify;
  ping: Ping;
  relay: CircuitRelayService;
  pubsub: FloodSub;
}

/** The relay's libp2p node. */
export type RelayNode = Libp2p<RelayServices>;

/** Options of {@link createRelayNode}. */
export interface RelayNodeInit {
  /** IP address to listen on. */
  readonly host: string;
  /** WebSocket port (0: any free port). */
  readonly port: number;
  /** Extra addresses to announce. @default [] */
  readonly announce?: readonly string[];
  /** PEM certificate and key: listen on WSS (`/tls/ws`) instead of WS. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** The relay's key; a new one when absent (its peer id then changes on every start). */
  readonly privateKey?: PrivateKey;
}

/**
 * Forwards discovery announcements without knowing any cooperative: pubsub publishers only send to
 * peers subscribed to a topic, so the relay subscribes to every well-formed topic one of its peers
 * subscribes to — it only ever sees the hash — and leaves it when no connected peer is left on it.
 * Returns the function that stops forwarding.
 */
export function forwardDiscoveryTopics(node: RelayNode): () => void {
  const pubsub = node.services.pubsub;
  const validator = (_peer: PeerId, message: { data: Uint8Array }): TopicValidatorResult =>
    message.data.length <= MAX_ANNOUNCEMENT_BYTES
      ? TopicValidatorResult.Accept
      : TopicValidatorResult.Reject;

  const leaveIfEmpty = (topic: string): void => {
    const present = pubsub
      .getSubscribers(topic)
      .some((peer) => node.getConnections(peer).some((c) => c.status === 'open'));
    if (!present) {
      pubsub.unsubscribe(topic);
      pubsub.topicValidators.delete(topic);
    }
  };

  const onSubscriptionChange = (event: CustomEvent<SubscriptionChangeData>): void => {
    for (const { topic, subscribe } of event.detail.subscriptions) {
      if (!DISCOVERY_TOPIC_PATTERN.test(topic)) continue;
      const forwarding = pubsub.getTopics().includes(topic);
      if (subscribe && !forwarding && pubsub.getTopics().length < MAX_FORWARDED_TOPICS) {
        pubsub.topicValidators.set(topic, validator);
        pubsub.subscribe(topic);
      } else if (!subscribe && forwarding) {
        leaveIfEmpty(topic);
      }
    }
  };

  const onPeerDisconnect = (): void => {
    for (const topic of pubsub.getTopics()) leaveIfEmpty(topic);
  };

  pubsub.addEventListener('subscription-change', onSubscriptionChange);
  node.addEventListener('peer:disconnect', onPeerDisconnect);
  return () => {
    pubsub.removeEventListener('subscription-change', onSubscriptionChange);
    node.removeEventListener('peer:disconnect', onPeerDisconnect);
  };
}

/**
 * Starts the relay's libp2p node: a WebSocket (or WSS) listener, the circuit-relay-v2 server with
 * {@link RELAY_LIMITS}, identify, ping and floodsub forwarding discovery topics. It runs no
 * document protocol: members' data never reaches it.
 */
export async function createRelayNode(init: RelayNodeInit): Promise<RelayNode> {
  const family = init.host.includes(':') ? 'ip6' : 'ip4';
  const listen = `/${family}/${init.host}/tcp/${init.port}/${init.tls ? 'tls/ws' : 'ws'}`;
  const node = await createLibp2p<RelayServices>({
    ...(init.privateKey === undefined ? {} : { privateKey: init.privateKey }),
    addresses: {
      listen: [listen],
      ...(init.announce === undefined || init.announce.length === 0
        ? {}
        : { appendAnnounce: [...init.announce] }),
    },
    transports: [webSockets(init.tls ? { https: { cert: init.tls.cert, key: init.tls.key } } : {})],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { maxConnections: RELAY_LIMITS.maxConnections },
    services: {
      identify: identify(),
      ping: ping(),
      relay: circuitRelayServer({
        maxInboundHopStreams: RELAY_LIMITS.maxInboundHopStreams,
        reservations: {
          maxReservations: RELAY_LIMITS.maxReservations,
          reservationTtl: RELAY_LIMITS.reservationTtlMs,
          applyDefaultLimit: true,
          defaultDurationLimit: RELAY_LIMITS.connectionDurationMs,
          defaultDataLimit: BigInt(RELAY_LIMITS.connectionDataBytes),
        },
      }),
      // Only topics it forwards on purpose: nothing else passes through.
      pubsub: floodsub({ canRelayMessage: false }),
    },
  });
  const stopForwarding = forwardDiscoveryTopics(node);
  node.addEventListener('stop', stopForwarding, { once: true });
  return node;
}
