import {
  floodsub,
  type FloodSub,
  type FloodSubComponents,
  type FloodSubInit,
} from '@libp2p/floodsub';
import type { PeerId, PeerStore } from '@libp2p/interface';

/** The circuit-relay-v2 hop protocol: a peer that speaks it is a relay. */
export const RELAY_HOP_PROTOCOL = '/libp2p/circuit/relay/0.2.0/hop';

/** What {@link relayFloodsub} needs from libp2p's components. */
export interface RelayFloodsubComponents extends FloodSubComponents {
  readonly peerStore: PeerStore;
}

type Registrar = FloodSubComponents['registrar'];
type Topology = Parameters<Registrar['register']>[1];

async function speaksHop(peerStore: PeerStore, peer: PeerId): Promise<boolean> {
  try {
    return (await peerStore.get(peer)).protocols.includes(RELAY_HOP_PROTOCOL);
  } catch {
    return false; // not identified yet, or gone
  }
}

/** The registrar as floodsub sees it: it is told only of connections to relays. */
function relaysOnly(registrar: Registrar, peerStore: PeerStore): Registrar {
  const register = (protocol: string, topology: Topology): Promise<string> =>
    registrar.register(protocol, {
      ...topology,
      onConnect: async (peer, connection) => {
        if (await speaksHop(peerStore, peer)) await topology.onConnect?.(peer, connection);
      },
    });
  return new Proxy(registrar, {
    get(target, property, receiver) {
      if (property === 'register') return register;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

/**
 * Floodsub whose mesh is a star around the relays: this peer opens pubsub streams to relays only,
 * never to the members it is connected to directly.
 *
 * Discovery needs nothing more (the relay forwards every announcement to every member on the
 * topic), and plain floodsub over a full mesh of direct connections would send each announcement
 * once per pair of members — n² copies for n members — where the star sends n.
 */
export function relayFloodsub(
  init: FloodSubInit = {},
): (components: RelayFloodsubComponents) => FloodSub {
  return (components) =>
    floodsub(init)({
      peerId: components.peerId,
      privateKey: components.privateKey,
      logger: components.logger,
      registrar: relaysOnly(components.registrar, components.peerStore),
    });
}
