import type { FloodSub, SubscriptionChangeData } from '@libp2p/floodsub';
import {
  serviceDependencies,
  TypedEventEmitter,
  type Connection,
  type Libp2pEvents,
  type Logger,
  type PeerDiscoveryEvents,
  type PeerId,
  type PeerInfo,
  type Startable,
  type TypedEventTarget,
} from '@libp2p/interface';
import {
  PubSubPeerDiscovery,
  type PubSubPeerDiscoveryComponents,
} from '@libp2p/pubsub-peer-discovery';
import { isDesignatedDialler, isDirectConnection } from './addresses.js';

/** Options of {@link topicDiscovery}. */
export interface TopicDiscoveryInit {
  /** The topic to announce on and listen to: {@link discoveryTopic} of the cooperative id. */
  readonly topic: string;
  /**
   * How often this peer re-announces itself, in ms. Announcements also go out at once when a relay
   * starts forwarding the topic and when this peer's addresses change, so the interval is only the
   * safety net for a lost message. @default 10_000
   */
  readonly intervalMs?: number;
}

/** What {@link TopicDiscovery} needs from libp2p's components. */
export interface TopicDiscoveryComponents extends PubSubPeerDiscoveryComponents {
  readonly pubsub: FloodSub;
  readonly events: TypedEventTarget<Libp2pEvents>;
  readonly connectionManager: { getConnections(peer?: PeerId): Connection[] };
}

/** Default of {@link TopicDiscoveryInit.intervalMs}. */
export const DEFAULT_DISCOVERY_INTERVAL_MS = 10_000;

/**
 * Finds the other members of a cooperative: a libp2p service announcing this peer (its public key
 * and addresses) on the cooperative's discovery topic with `@libp2p/pubsub-peer-discovery`, and
 * emitting a `peer` event for every announcement it hears. Dialling is the reconnector's job.
 *
 * On top of the stock module's periodic announcement it announces at once when a relay starts
 * forwarding the topic, when this peer's addresses change (a relay reservation adds the
 * `/p2p-circuit/webrtc` address), and when it hears a peer that is due to dial it (the smaller id
 * dials) and is not connected yet, so that peer learns the address to dial without waiting.
 *
 * It is deliberately not registered as a libp2p peer discovery (no `peerDiscoverySymbol`): libp2p
 * would put every announced address in its peer store and emit `peer:discovery`, on which the
 * circuit-relay transport, while it looks for relays, dials the peer on whatever address comes
 * first — a TCP connection that then stands in for the WebRTC one (seen in this repository's tests).
 */
export class TopicDiscovery extends TypedEventEmitter<PeerDiscoveryEvents> implements Startable {
  readonly [Symbol.toStringTag] = '@integrale/topic-discovery';
  readonly [serviceDependencies]: string[] = ['@libp2p/pubsub'];

  /** The topic this service announces on. */
  readonly topic: string;
  private readonly intervalMs: number;
  private readonly components: TopicDiscoveryComponents;
  private readonly announcer: PubSubPeerDiscovery;
  private readonly log: Logger;
  /** Peers this service answered lately, so a burst of their announcements gets one answer. */
  private readonly answered = new Map<string, ReturnType<typeof setTimeout>>();
  private lastAnnounced = '';
  private running = false;

  constructor(components: TopicDiscoveryComponents, init: TopicDiscoveryInit) {
    super();
    this.components = components;
    this.topic = init.topic;
    this.intervalMs = init.intervalMs ?? DEFAULT_DISCOVERY_INTERVAL_MS;
    this.log = components.logger.forComponent('integrale:sync:discovery');
    this.announcer = new PubSubPeerDiscovery(components, {
      topics: [init.topic],
      interval: this.intervalMs,
    });
  }

  isStarted(): boolean {
    return this.running;
  }

  start(): void {
    this.announcer.start();
  }

  /** Subscribes once the pubsub service runs (libp2p calls `afterStart` after every `start`). */
  afterStart(): void {
    this.announcer.addEventListener('peer', this.onPeer);
    this.components.pubsub.addEventListener('subscription-change', this.onSubscriptionChange);
    this.components.events.addEventListener('self:peer:update', this.onSelfUpdate);
    this.announcer.afterStart();
    this.running = true;
  }

  /** Stops announcing while pubsub still runs, so no announcement races its shutdown. */
  beforeStop(): void {
    this.running = false;
    this.announcer.removeEventListener('peer', this.onPeer);
    this.components.pubsub.removeEventListener('subscription-change', this.onSubscriptionChange);
    this.components.events.removeEventListener('self:peer:update', this.onSelfUpdate);
    this.announcer.beforeStop();
    this.announcer.stop();
  }

  stop(): void {
    this.announcer.stop();
    for (const timer of this.answered.values()) clearTimeout(timer);
    this.answered.clear();
  }

  /** Announces this peer now, if any subscriber (a relay) would forward it. */
  announce(): void {
    if (!this.running) return;
    this.lastAnnounced = this.addressKey();
    this.log.trace('announcing %s', this.lastAnnounced);
    try {
      this.announcer._broadcast();
    } catch (error) {
      this.log.error('could not announce on %s - %e', this.topic, error);
    }
  }

  private addressKey(): string {
    return this.components.addressManager
      .getAddresses()
      .map((address) => address.toString())
      .sort()
      .join(' ');
  }

  private readonly onPeer = (event: CustomEvent<PeerInfo>): void => {
    const peer = event.detail;
    this.safeDispatchEvent('peer', { detail: peer });
    const key = peer.id.toString();
    if (
      isDesignatedDialler(peer.id, this.components.peerId) &&
      !this.answered.has(key) &&
      !this.components.connectionManager.getConnections(peer.id).some(isDirectConnection)
    ) {
      this.answered.set(
        key,
        setTimeout(() => this.answered.delete(key), this.intervalMs),
      );
      this.announce();
    }
  };

  private readonly onSubscriptionChange = (event: CustomEvent<SubscriptionChangeData>): void => {
    const joined = event.detail.subscriptions.some(
      (subscription) => subscription.subscribe && subscription.topic === this.topic,
    );
    if (joined) this.announce();
  };

  private readonly onSelfUpdate = (): void => {
    if (this.addressKey() !== this.lastAnnounced) this.announce();
  };
}

/**
 * The libp2p service factory of {@link TopicDiscovery}; the node must also run a pubsub service
 * named `pubsub` (see {@link relayFloodsub}).
 */
export function topicDiscovery(
  init: TopicDiscoveryInit,
): (components: TopicDiscoveryComponents) => TopicDiscovery {
  return (components) => new TopicDiscovery(components, init);
}
