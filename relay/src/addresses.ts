import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

/** The non-internal IPv4 addresses of this machine: where LAN members reach it. */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  return Object.values(interfaces)
    .flatMap((infos) => infos ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal)
    .map((info) => info.address);
}

/** Where the relay's libp2p WebSocket listener is. */
export interface RelayEndpoint {
  readonly port: number;
  readonly peerId: string;
  /** WSS (`/tls/ws`) instead of WS. */
  readonly secure: boolean;
}

const DNS_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * The relay multiaddr a page requested on `hostname` should dial: the same host, the libp2p port.
 * `localhost` becomes 127.0.0.1 (a browser dials an IP without a DNS step). Undefined for a
 * hostname that is neither an IP address nor a DNS name.
 */
export function relayMultiaddrFor(hostname: string, endpoint: RelayEndpoint): string | undefined {
  const tail = `/tcp/${endpoint.port}/${endpoint.secure ? 'tls/ws' : 'ws'}/p2p/${endpoint.peerId}`;
  const name = hostname.toLowerCase();
  if (name === 'localhost') return `/ip4/127.0.0.1${tail}`;
  switch (isIP(name)) {
    case 4:
      return `/ip4/${name}${tail}`;
    case 6:
      return `/ip6/${name}${tail}`;
    default:
      return DNS_NAME.test(name) ? `/dns/${name}${tail}` : undefined;
  }
}
