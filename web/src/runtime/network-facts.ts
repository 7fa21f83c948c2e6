import type { Connection, Libp2p } from '@libp2p/interface';
import type { DocumentSyncFact } from '../app/runtime-network.js';
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

/** Longest remote address read when classifying (a multiaddr is far shorter). */
const MAX_ADDRESS_LENGTH = 1024;

/** Four decimal octets, each 0–255, nothing else. */
function ipv4Octets(text: string): number[] | null {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return null;
  const octets = text.split('.').map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

/** Private (RFC 1918), loopback or link-local IPv4. */
function isLanIPv4(text: string): boolean {
  const octets = ipv4Octets(text);
  if (octets === null) return false;
  const [a, b] = octets as [number, number, number, number];
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

/** Loopback, unique-local (fc00::/7), link-local (fe80::/10) or a mapped LAN IPv4. */
function isLanIPv6(text: string): boolean {
  const value = text.toLowerCase().split('%')[0] ?? '';
  if (!/^[0-9a-f:.]{2,45}$/.test(value) || !value.includes(':')) return false;
  if (value === '::1') return true;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped !== null) return isLanIPv4(mapped[1] as string);
  return /^f[cd][0-9a-f]{0,2}:/.test(value) || /^fe[89ab][0-9a-f]?:/.test(value);
}

/** A host name that only means something on this network (`localhost`, mDNS `.local`). */
function isLanName(text: string): boolean {
  const name = text.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local');
}

/**
 * Whether a remote multiaddr's first host part is on this network: a private, loopback or
 * link-local IP, or a local name. Anything odd (not a multiaddr, a malformed IP, a huge string)
 * is not LAN: the panel never claims more than it can see.
 */
export function isLanAddress(address: string): boolean {
  if (typeof address !== 'string' || address.length > MAX_ADDRESS_LENGTH) return false;
  const parts = address.split('/');
  if (parts[0] !== '' || parts.length < 3) return false;
  const [, protocol, value = ''] = parts;
  switch (protocol) {
    case 'ip4':
      return isLanIPv4(value);
    case 'ip6':
      return isLanIPv6(value);
    case 'dns':
    case 'dns4':
    case 'dns6':
      return isLanName(value);
    default:
      return false;
  }
}

/**
 * The device relaying a circuit address (`…/p2p/<hop>/p2p-circuit/…`), or `null` when the address
 * names none (the last hop before the first `p2p-circuit`).
 */
export function circuitHop(address: string): string | null {
  if (typeof address !== 'string' || address.length > MAX_ADDRESS_LENGTH) return null;
  const parts = address.split('/');
  const circuit = parts.indexOf('p2p-circuit');
  if (circuit < 2 || parts[circuit - 2] !== 'p2p') return null;
  const hop = parts[circuit - 1] ?? '';
  return /^[0-9A-Za-z]{30,100}$/.test(hop) ? hop : null;
}

/** What the classification needs of one open connection. */
export interface ConnectionSummary {
  readonly remoteAddr: string;
  /** No relay limits. */
  readonly direct: boolean;
  /** The address names WebRTC. */
  readonly webrtc: boolean;
}

/**
 * How a device is connected, from its open connections: direct WebRTC first (what documents
 * travel on between browsers), then a direct connection on this network (`lan`), then any other
 * direct one; with no direct connection, `relayed`, and `via` names the member whose device
 * relays when the circuit's hop is a member's device rather than a relay.
 */
export function classifyPeer(
  connections: readonly ConnectionSummary[],
  memberOf: (peerId: string) => string | null,
): Pick<PeerFact, 'direct' | 'transport' | 'via'> {
  const direct = connections.filter((connection) => connection.direct);
  if (direct.length === 0) {
    const hops = connections
      .map((connection) => circuitHop(connection.remoteAddr))
      .filter((hop): hop is string => hop !== null);
    const via = hops.map(memberOf).find((member) => member !== null) ?? null;
    return { direct: false, transport: 'relayed', via };
  }
  const transport = direct.some((connection) => connection.webrtc)
    ? 'webrtc'
    : direct.some((connection) => isLanAddress(connection.remoteAddr))
      ? 'lan'
      : 'other';
  return { direct: true, transport, via: null };
}

/**
 * The network as the screens show it: each relay's state, and every other connected device with
 * the member its certificate names (`memberOf`) and how it is connected.
 */
export function networkFacts(
  node: Libp2p,
  relays: readonly string[],
  memberOf: (peerId: string) => string | null,
  documents: (peers: readonly PeerFact[]) => readonly DocumentSyncFact[] = () => [],
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
    .map(([peerId, connections]) => ({
      peerId,
      member: memberOf(peerId),
      ...classifyPeer(
        connections.map((connection) => ({
          remoteAddr: connection.remoteAddr.toString(),
          direct: isDirect(connection),
          webrtc: hasWebRTC(connection),
        })),
        memberOf,
      ),
    }));
  return { role: 'leader', relays: relayFacts, peers, documents: documents(peers) };
}
