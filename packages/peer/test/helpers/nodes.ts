import { noise } from '@libp2p/noise';
import { tcp } from '@libp2p/tcp';
import { yamux } from '@libp2p/yamux';
import { identify } from '@libp2p/identify';
import { createLibp2p, type Libp2p } from 'libp2p';

/** A bare libp2p node on loopback TCP, for tests of protocols between two peers. */
export async function tcpNode(): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
  });
}
