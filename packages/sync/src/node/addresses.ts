import type { Connection, PeerId } from '@libp2p/interface';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';

function componentNames(address: Multiaddr): string[] {
  return address.getComponents().map((component) => component.name);
}

/** A relayed address: traffic through it would pass the relay (`…/p2p-circuit/…`). */
export function isCircuitAddress(address: Multiaddr): boolean {
  return componentNames(address).includes('p2p-circuit');
}

/**
 * A `…/p2p-circuit/webrtc/…` address: dialling it signals through the relay, then opens a direct
 * WebRTC connection to the peer.
 */
export function isWebRTCCircuitAddress(address: Multiaddr): boolean {
  const names = componentNames(address);
  const circuit = names.indexOf('p2p-circuit');
  return circuit >= 0 && names.indexOf('webrtc', circuit) > circuit;
}

/** Where to dial a discovered peer, best first. */
export interface DialCandidates {
  /** `…/p2p-circuit/webrtc/p2p/PEER` addresses (empty when this node has no WebRTC transport). */
  readonly webRTC: readonly Multiaddr[];
  /** Addresses that reach the peer without a relay (TCP, WebSockets). */
  readonly direct: readonly Multiaddr[];
}

/**
 * Sorts a peer's announced addresses into the ones worth dialling. Plain relayed addresses are
 * dropped: they only give a limited connection, which sync never uses and which spends the
 * relay's per-connection data budget. Every candidate ends with `/p2p/PEER`, so the dial fails
 * unless that very peer answers (an address may since have passed to someone else).
 */
export function dialCandidates(
  peer: PeerId,
  addresses: readonly Multiaddr[],
  options: { readonly webRTC: boolean },
): DialCandidates {
  const webRTC: Multiaddr[] = [];
  const direct: Multiaddr[] = [];
  for (const address of addresses) {
    const last = address.getComponents().at(-1);
    if (last?.name === 'p2p' && last.value !== peer.toString()) continue; // names someone else
    const withPeer =
      last?.name === 'p2p' ? address : address.encapsulate(multiaddr(`/p2p/${peer.toString()}`));
    if (isWebRTCCircuitAddress(address)) {
      if (options.webRTC) webRTC.push(withPeer);
    } else if (!isCircuitAddress(address)) {
      direct.push(withPeer);
    }
  }
  return { webRTC, direct };
}

/** An open connection that does not pass through a relay (`limits == null`: gotcha 4). */
export function isDirectConnection(connection: Connection): boolean {
  return connection.status === 'open' && connection.limits == null;
}

/**
 * Who dials when two peers find each other: the one with the smaller peer id. Both dialling at once
 * makes two WebRTC negotiations race (seen here: the initiator's dial never settled), so the other
 * one waits and dials only as a fallback.
 */
export function isDesignatedDialler(self: PeerId, remote: PeerId): boolean {
  return self.toString() < remote.toString();
}
