export {
  Libp2pNetworkAdapter,
  createLibp2pNetworkAdapter,
  type Libp2pNetworkAdapterInit,
  type PeerAuthorization,
} from './libp2p-network-adapter.js';
export { SYNC_PROTOCOL, DEFAULT_MAX_FRAME_BYTES, MAX_HELLO_BYTES, type Hello } from './wire.js';
export { SyncProtocolError, SyncStreamClosedError, type SyncRejection } from './errors.js';
