import '@automerge/automerge-repo'; // loads Automerge's wasm in Node
import { Repo, generateAutomergeUrl, type PeerId } from '@automerge/automerge-repo/slim';
import { BroadcastChannelNetworkAdapter } from '@automerge/automerge-repo-network-broadcastchannel';
import { afterEach, describe, expect, it } from 'vitest';
import type { PeerFact } from '../../src/app/runtime.js';
import {
  MAX_LISTED_DOCUMENTS,
  createSyncTracker,
  documentSync,
  listedDocuments,
  sameHeads,
  type SyncTracker,
} from '../../src/runtime/sync-state.js';

const ROOT = generateAutomergeUrl();
const LEDGER = generateAutomergeUrl();

const peer = (peerId: string, member: string | null, direct = true): PeerFact => ({
  peerId,
  member,
  direct,
  transport: direct ? 'webrtc' : 'relayed',
  via: null,
});

describe('listedDocuments', () => {
  it('lists the root, then the ledger, then the other documents the root names', () => {
    const other = generateAutomergeUrl();
    expect(
      listedDocuments(ROOT, { v: 1, coop: 'c', name: 'Coop', zebra: other, ledger: LEDGER }),
    ).toEqual([
      { url: ROOT, role: 'root', name: 'root' },
      { url: LEDGER, role: 'ledger', name: 'ledger' },
      { url: other, role: 'other', name: 'zebra' },
    ]);
  });

  it('ignores what is not a document URL in a root a peer wrote', () => {
    const hostile = {
      ledger: 'javascript:alert(1)',
      name: 'automerge:not-a-doc',
      again: ROOT,
      nested: { url: LEDGER },
      list: [LEDGER],
      number: 42,
    };
    expect(listedDocuments(ROOT, hostile)).toEqual([{ url: ROOT, role: 'root', name: 'root' }]);
    expect(listedDocuments(ROOT, null)).toHaveLength(1);
    expect(listedDocuments(ROOT, 'text')).toHaveLength(1);
    expect(listedDocuments(ROOT, [LEDGER])).toHaveLength(1);
  });

  it('keeps each URL once and at most a bounded number, with names cut short', () => {
    const many: Record<string, string> = { ledger: LEDGER, copy: LEDGER };
    for (let i = 0; i < 100; i++) many[`${'k'.repeat(200)}${i}`] = generateAutomergeUrl();
    const listed = listedDocuments(ROOT, many);
    expect(listed).toHaveLength(MAX_LISTED_DOCUMENTS);
    expect(listed.filter((document) => document.url === LEDGER)).toHaveLength(1);
    expect(Math.max(...listed.map((document) => document.name.length))).toBeLessThanOrEqual(80);
  });
});

describe('documentSync', () => {
  const ledger = { url: LEDGER, role: 'ledger', name: 'ledger' } as const;

  it('says up to date for a member whose heads are ours, in any order, syncing otherwise', () => {
    const fact = documentSync(
      ledger,
      ['a', 'b'],
      [peer('P2', 'did:bob'), peer('P1', 'did:chloe'), peer('P3', 'did:dan')],
      (peerId) =>
        ({
          P1: { theirHeads: ['b', 'a'], lastReceived: 1_000 },
          P2: { theirHeads: ['a'], lastReceived: 3_000 },
          P3: { theirHeads: null, lastReceived: null },
        })[peerId] ?? { theirHeads: null, lastReceived: null },
    );
    expect(fact).toEqual({
      url: LEDGER,
      role: 'ledger',
      name: 'ledger',
      open: true,
      lastReceived: 3_000,
      peers: [
        { peerId: 'P1', member: 'did:chloe', state: 'up-to-date', lastReceived: 1_000 },
        { peerId: 'P2', member: 'did:bob', state: 'syncing', lastReceived: 3_000 },
        { peerId: 'P3', member: 'did:dan', state: 'syncing', lastReceived: null },
      ],
    });
  });

  it('leaves out devices not connected directly or not identified as a member', () => {
    const fact = documentSync(
      ledger,
      ['a'],
      [peer('P1', null), peer('P2', 'did:bob', false)],
      () => ({ theirHeads: ['a'], lastReceived: 5 }),
    );
    expect(fact.peers).toEqual([]);
    expect(fact.lastReceived).toBeNull();
  });

  it('is never up to date for a document this device has not opened', () => {
    const fact = documentSync(ledger, null, [peer('P1', 'did:bob')], () => ({
      theirHeads: [],
      lastReceived: null,
    }));
    expect(fact.open).toBe(false);
    expect(fact.peers[0]?.state).toBe('syncing');
  });

  it('compares heads as sets', () => {
    expect(sameHeads([], [])).toBe(true);
    expect(sameHeads(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameHeads(['a', 'a'], ['a', 'b'])).toBe(false);
    expect(sameHeads(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('createSyncTracker, on two real repos', () => {
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  function repoOn(channel: string, peerId: string): Repo {
    const repo = new Repo({
      network: [new BroadcastChannelNetworkAdapter({ channelName: channel })],
      peerId: peerId as PeerId,
      sharePolicy: async () => true,
    });
    stops.push(() => void repo.shutdown());
    return repo;
  }

  function until(tracker: SyncTracker, check: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      if (check()) return resolve();
      const stop = tracker.subscribe(() => {
        if (!check()) return;
        stop();
        resolve();
      });
    });
  }

  it('reports a document up to date once the other repo holds our change, with the time it came', async () => {
    const channel = `sync-state-test-${Math.random()}`;
    const alice = repoOn(channel, 'alice');
    const bob = repoOn(channel, 'bob');
    let now = 1_000_000;
    const tracker = createSyncTracker({ repo: alice, clock: () => now, throttleMs: 10 });
    stops.push(() => tracker.stop());

    const ledger = alice.create<{ entries: string[] }>({ entries: [] });
    const root = alice.create<{ ledger: string }>({ ledger: ledger.url });
    const bobPeer = [peer('bob', 'did:bob')];
    const documents = () => tracker.documents(root.url, bobPeer);
    const allUpToDate = () =>
      documents().length === 2 &&
      documents().every((document) => document.peers[0]?.state === 'up-to-date');

    const [bobRoot, bobLedger] = await Promise.all([
      bob.find<{ ledger: string }>(root.url),
      bob.find<{ entries: string[] }>(ledger.url),
    ]);
    await until(tracker, allUpToDate);
    expect(documents().map((document) => document.role)).toEqual(['root', 'ledger']);
    expect(documents()[1]?.lastReceived).toBe(1_000_000);

    now = 2_000_000;
    ledger.change((doc) => void doc.entries.push('pay'));
    expect(documents()[1]?.peers[0]?.state).toBe('syncing');
    await until(tracker, allUpToDate);
    expect(bobLedger.doc().entries).toEqual(['pay']);
    expect(documents()[1]?.lastReceived).toBe(2_000_000);
    expect(bobRoot.doc().ledger).toBe(ledger.url);
  });

  it('stops listening when stopped', async () => {
    const channel = `sync-state-test-${Math.random()}`;
    const alice = repoOn(channel, 'alice');
    const tracker = createSyncTracker({ repo: alice, throttleMs: 1 });
    let calls = 0;
    tracker.subscribe(() => (calls += 1));
    tracker.stop();
    const bob = repoOn(channel, 'bob');
    const doc = alice.create({ n: 1 });
    await bob.find(doc.url);
    expect(calls).toBe(0);
  });
});
