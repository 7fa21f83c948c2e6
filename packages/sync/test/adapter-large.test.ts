import { randomBytes } from 'node:crypto';
import '@automerge/automerge';
import { afterEach, describe, expect, it } from 'vitest';
import { dial } from './helpers/nodes.js';
import { announced, startPeer, stopPeers, type TestPeer } from './helpers/peers.js';

let peers: TestPeer[] = [];
afterEach(async () => {
  await stopPeers(peers);
  peers = [];
});

describe('a document larger than it-length-prefixed’s 4 MiB default', () => {
  it(
    'reaches a fresh peer in its first sync (a year of a cooperative’s ledger is this big)',
    { timeout: 60_000 },
    async () => {
      const alice = await startPeer('alice');
      const bob = await startPeer('bob');
      peers.push(alice, bob);
      // Random text does not compress: the first sync message is over 6 MiB.
      const handle = alice.repo.create<{ blob: string[] }>({ blob: [] });
      handle.change((doc) => {
        for (let i = 0; i < 64; i++) doc.blob.push(randomBytes(75_000).toString('base64'));
      });
      await dial(bob.node, alice.node);
      await Promise.all([announced(alice, 1), announced(bob, 1)]);
      const copy = await bob.repo.find<{ blob: string[] }>(handle.url);
      expect(copy.doc().blob).toHaveLength(64);
      expect(copy.heads()).toStrictEqual(handle.heads());
    },
  );
});
