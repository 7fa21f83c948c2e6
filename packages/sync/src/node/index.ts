/**
 * libp2p nodes for Intégrale: the factories of browser and Node peers, discovery of the members of
 * a cooperative through a relay that sees only a hash of its id, and the reconnector that keeps
 * relays and peers dialled.
 * @packageDocumentation
 */
export {
  createBrowserPeer,
  createNodePeer,
  localNetworkGater,
  MissingWebSocketError,
  DEFAULT_NODE_LISTEN,
  type BrowserPeerInit,
  type NodePeerInit,
  type PeerInit,
  type PeerServices,
  type IntegraleNode,
} from './peers.js';
export { discoveryTopic, DISCOVERY_TOPIC_PREFIX, DISCOVERY_TOPIC_PATTERN } from './topic.js';
export {
  TopicDiscovery,
  topicDiscovery,
  DEFAULT_DISCOVERY_INTERVAL_MS,
  type TopicDiscoveryInit,
  type TopicDiscoveryComponents,
} from './discovery.js';
export { relayFloodsub, RELAY_HOP_PROTOCOL, type RelayFloodsubComponents } from './pubsub.js';
export {
  createReconnector,
  reconnector,
  reconnectorHost,
  ReconnectorService,
  RECONNECTOR_DEFAULTS,
  type Reconnector,
  type ReconnectorInit,
  type ReconnectorHost,
  type ReconnectorComponents,
} from './reconnector.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy, type RandomSource } from './backoff.js';
export {
  dialCandidates,
  isCircuitAddress,
  isWebRTCCircuitAddress,
  isDirectConnection,
  isDesignatedDialler,
  type DialCandidates,
} from './addresses.js';
