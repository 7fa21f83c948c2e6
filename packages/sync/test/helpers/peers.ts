/**
 * Personas for the adapter scenarios: each is a real libp2p node, a Libp2pNetworkAdapter on it
 * and a Repo using that adapter, with the adapter's log lines and events recorded.
 */
import { Repo } from '@automerge/automerge-repo';
import type {
  PeerCandidatePayload,
  PeerDisconnectedPayload,
  PeerId,
} from '@automerge/automerge-repo';
import type { ComponentLogger, Libp2p } from '@libp2p/interface';
import {
  createLibp2pNetworkAdapter,
  type Libp2pNetworkAdapter,
  type Libp2pNetworkAdapterInit,
} from '../../src/index.js';
import { createTestNode, recordingLogger, type LogRecord } from './nodes.js';

/** A node, its adapter and its repo. */
export interface TestPeer {
  name: string;
  node: Libp2p;
  adapter: Libp2pNetworkAdapter;
  repo: Repo;
  /** The repo peer id the repo runs with. */
  repoPeerId: PeerId;
  log: LogRecord;
  /** The adapter's peer events in order, as `candidate:<repo peer id>`/`disconnected:<…>`. */
  events: string[];
}

/** Options of {@link startPeer}: adapter options, plus the node to use and the repo peer id. */
export type TestPeerInit = Omit<Partial<Libp2pNetworkAdapterInit>, 'node'> & {
  /** Makes the node, given the logger to record with. Default: {@link createTestNode}. */
  node?: (logger: ComponentLogger) => Promise<Libp2p>;
  /** Default: the libp2p peer id when strictPeerIds is on (the product's rule), else the name. */
  repoPeerId?: string;
};

/** Starts a persona. Stop it with {@link stopPeers}. */
export async function startPeer(name: string, init: TestPeerInit = {}): Promise<TestPeer> {
  const { node: makeNode, repoPeerId: chosen, ...adapterInit } = init;
  const { logger, record } = recordingLogger();
  const node = await (makeNode ?? ((l) => createTestNode({ logger: l })))(logger);
  const adapter = createLibp2pNetworkAdapter({ node, ...adapterInit });
  const events: string[] = [];
  adapter.on('peer-candidate', ({ peerId }: PeerCandidatePayload) => {
    events.push(`candidate:${peerId}`);
  });
  adapter.on('peer-disconnected', ({ peerId }: PeerDisconnectedPayload) => {
    events.push(`disconnected:${peerId}`);
  });
  const strict = adapterInit.strictPeerIds ?? true;
  const repoPeerId = (chosen ?? (strict ? node.peerId.toString() : name)) as PeerId;
  const repo = new Repo({ network: [adapter], peerId: repoPeerId });
  return { name, node, adapter, repo, repoPeerId, log: record, events };
}

/** Shuts the repos down, then stops the nodes. */
export async function stopPeers(peers: readonly TestPeer[]): Promise<void> {
  await Promise.allSettled(peers.map((peer) => peer.repo.shutdown()));
  await Promise.allSettled(peers.map((peer) => peer.node.stop()));
}

/** Resolves once `peer`'s adapter has announced `count` peers in all. */
export function announced(peer: TestPeer, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (peer.events.filter((event) => event.startsWith('candidate:')).length < count) return;
      peer.adapter.off('peer-candidate', check);
      resolve();
    };
    // Our listener runs after startPeer's recorder, so the event is already counted.
    peer.adapter.on('peer-candidate', check);
    check();
  });
}
