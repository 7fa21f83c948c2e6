/*
 * automerge-repo's own acceptance suite for network adapters, run over three real libp2p nodes
 * (TCP on 127.0.0.1, noise, yamux, identify) that are all connected to each other before the
 * repos start. The suite uses repo peer ids such as "alice", so strictPeerIds is off.
 */
// The suite builds Repos from automerge-repo's internals, which do not load Automerge's wasm;
// the default entry of @automerge/automerge loads it.
import '@automerge/automerge';
import { runNetworkAdapterTests } from '@automerge/automerge-repo/helpers/tests/network-adapter-tests.js';
import { createLibp2pNetworkAdapter } from '../src/index.js';
import { createMesh, stopNodes } from './helpers/nodes.js';

runNetworkAdapterTests(async () => {
  const nodes = await createMesh(3);
  const [a, b, c] = nodes.map((node) => createLibp2pNetworkAdapter({ node, strictPeerIds: false }));
  return {
    adapters: [a!, b!, c!],
    // The suite calls teardown without awaiting it.
    teardown: () => void stopNodes(nodes),
  };
}, 'libp2p over TCP');
