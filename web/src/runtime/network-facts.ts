import type { Connection, Libp2p } from '@libp2p/interface';
import type { NetworkFacts, PeerFact, RelayFact } from '../app/runtime.js';
import { relayPeerId } from './relays.js';

/*
 * What the leader tab's libp2p node says about the network, in the terms the screens (and the
 * browser tests) use. A connection is direct when it has no relay limits (NETWORK-NOTES gotcha 4:
 * the dialling side's address still reads `/p2p-circuit/webrtc` after the upgrade, so the address
 * alone cannot tell); it is WebRTC when its address has a `webrtc` part.
 */

/** One libp2p connection, for the test hook. */
export interface ConnectionFact {
  readonly remotePeer: string;
  readonly remoteAddr: string;
  readonly status: string;
  /** No relay limits: the bytes go straight to the peer. */
  readonly direct: boolean;
  /** The address names WebRTC. */
  readonly webrtc: boolean;
  /** The remote is one of this node's relays. */
  readonly relay: boolean;
  readonly direction: string;
}

function hasWebRTC(connection: Connection): boolean {
  return connection.remoteAddr
    .getComponents()
    .some((component) => component.name === 'webrtc' || component.name === 'webrtc-direct');
}

const isDirect = (connection: Connection): boolean =>
  connection.status === 'open' && connection.limits == null;

/** Every open connection of `node`. */
export function connectionFacts(node: Libp2p, relays: readonly string[]): ConnectionFact[] {
  const relayIds = new Set(relays.map(relayPeerId));
  return node
    .getConnections()
    .filter((connection) => connection.status === 'open')
    .map((connection) => ({
      remotePeer: connection.remotePeer.toString(),
      remoteAddr: connection.remoteAddr.toString(),
      status: connection.status,
      direct: connection.limits == null,
      webrtc: hasWebRTC(connection),
      relay: relayIds.has(connection.remotePeer.toString()),
      direction: connection.direction,
    }));
}

/**
 * The network as the screens show it: each relay's state, and every other connected device with
 * the member its certificate names (`memberOf`) and how it is connected.
 */
export function networkFacts(
  node: Libp2p,
  relays: readonly string[],
  memberOf: (peerId: string) => string | null,
): NetworkFacts {
  const ownAddresses = node.getMultiaddrs().map((address) => address.toString());
  const relayFacts: RelayFact[] = [];
  const seenRelays = new Set<string>();
  for (const address of relays) {
    const id = relayPeerId(address);
    // Several addresses of one relay are one relay: show it once, under its first address.
    if (seenRelays.has(id)) continue;
    seenRelays.add(id);
    const connected = node
      .getConnections()
      .some((connection) => connection.remotePeer.toString() === id && isDirect(connection));
    const reserved = ownAddresses.some((own) => own.includes(`/p2p/${id}/p2p-circuit`));
    relayFacts.push({
      address,
      state: connected ? (reserved ? 'reserved' : 'connected') : 'connecting',
    });
  }

  const byPeer = new Map<string, Connection[]>();
  for (const connection of node.getConnections()) {
    const id = connection.remotePeer.toString();
    if (seenRelays.has(id) || connection.status !== 'open') continue;
    byPeer.set(id, [...(byPeer.get(id) ?? []), connection]);
  }
  const peers: PeerFact[] = [...byPeer]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([peerId, connections]) => {
      const direct = connections.filter(isDirect);
      return {
        peerId,
        member: memberOf(peerId),
        direct: direct.length > 0,
        transport: direct.length === 0 ? 'relayed' : direct.some(hasWebRTC) ? 'webrtc' : 'other',
      };
    });
  return { role: 'leader', relays: relayFacts, peers };
}
