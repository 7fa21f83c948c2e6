import {
  encodeHeads,
  isValidAutomergeUrl,
  parseAutomergeUrl,
  type AutomergeUrl,
  type Repo,
} from '@automerge/automerge-repo/slim';
import type { PeerFact } from '../app/runtime.js';
import type { DocumentRole, DocumentSyncFact, PeerDocumentSync } from '../app/runtime-network.js';

/*
 * How each of the cooperative's documents stands with each member's device connected directly.
 * automerge-repo keeps, per document and peer, a sync state whose `theirHeads` are the heads the
 * peer last told us it has; when they equal our heads, the peer holds exactly what we hold
 * ("à jour"), otherwise changes are on their way ("en cours"). The repo's own `getSyncInfo` is
 * keyed by storage id and skipped for peers without one, so the tracker listens to the
 * synchronizer's `sync-state` events itself, keyed by PeerId, and notes when a message for a
 * document last arrived from each peer.
 */

/** Most documents read from the root (a peer wrote it: bounded). */
export const MAX_LISTED_DOCUMENTS = 32;

/** Longest name of a root key kept for display. */
const MAX_NAME_LENGTH = 80;

/** A document of the cooperative, as the root lists it. */
export interface ListedDocument {
  readonly url: string;
  readonly role: DocumentRole;
  readonly name: string;
}

/**
 * The cooperative's documents: the root itself, then the ledger, then every other valid
 * automerge URL among the root's top-level values (by key). The root comes from peers: anything
 * that is not a URL is ignored, each URL counted once, at most {@link MAX_LISTED_DOCUMENTS}.
 */
export function listedDocuments(rootUrl: string, root: unknown): ListedDocument[] {
  const listed: ListedDocument[] = [{ url: rootUrl, role: 'root', name: 'root' }];
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return listed;
  const seen = new Set([rootUrl]);
  const entries = Object.entries(root as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'string' && isValidAutomergeUrl(value))
    .sort(([a], [b]) => (a === 'ledger' ? -1 : b === 'ledger' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of entries) {
    if (listed.length >= MAX_LISTED_DOCUMENTS) break;
    const url = value as string;
    if (seen.has(url)) continue;
    seen.add(url);
    listed.push({
      url,
      role: key === 'ledger' ? 'ledger' : 'other',
      name: [...key].slice(0, MAX_NAME_LENGTH).join(''),
    });
  }
  return listed;
}

/** Whether two sets of heads are the same set (order does not matter). */
export function sameHeads(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((head) => set.has(head));
}

/** What is known of one document with one peer. */
export interface PeerObservation {
  /** The heads the peer last told us it has (encoded as `handle.heads()`), if any yet. */
  readonly theirHeads: readonly string[] | null;
  readonly lastReceived: number | null;
}

/**
 * The sync fact of one document: per member's device connected directly, `up-to-date` when its
 * last known heads are ours, `syncing` otherwise (not known yet included); the latest time
 * something arrived. `ourHeads` is `null` when this device has not opened the document.
 */
export function documentSync(
  document: ListedDocument,
  ourHeads: readonly string[] | null,
  peers: readonly PeerFact[],
  observe: (peerId: string) => PeerObservation,
): DocumentSyncFact {
  const synced: PeerDocumentSync[] = [];
  for (const peer of peers) {
    if (!peer.direct || peer.member === null) continue;
    const seen = observe(peer.peerId);
    const upToDate =
      ourHeads !== null && seen.theirHeads !== null && sameHeads(ourHeads, seen.theirHeads);
    synced.push({
      peerId: peer.peerId,
      member: peer.member,
      state: upToDate ? 'up-to-date' : 'syncing',
      lastReceived: seen.lastReceived,
    });
  }
  synced.sort((a, b) => (a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : 0));
  const times = synced
    .map((peer) => peer.lastReceived)
    .filter((time): time is number => time !== null);
  return {
    url: document.url,
    role: document.role,
    name: document.name,
    open: ourHeads !== null,
    peers: synced,
    lastReceived: times.length === 0 ? null : Math.max(...times),
  };
}

/** Follows a repo's sync with its peers. */
export interface SyncTracker {
  /** The sync facts of the documents `rootUrl` lists, with the member's devices in `peers`. */
  documents(rootUrl: string, peers: readonly PeerFact[]): DocumentSyncFact[];
  /** Calls `listener` (at most every `throttleMs`) after sync news; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Stops listening to the repo. */
  stop(): void;
}

/** Options of {@link createSyncTracker}. */
export interface SyncTrackerInit {
  readonly repo: Repo;
  /** @default Date.now */
  readonly clock?: () => number;
  /** Least time between two notifications, ms. @default 250 */
  readonly throttleMs?: number;
}

const keyOf = (documentId: string, peerId: string): string => `${documentId} ${peerId}`;

/** Message types that carry a document's changes or a request for them. */
const SYNC_MESSAGES = new Set(['sync', 'request']);

/** Starts following `init.repo`'s synchronizer and incoming messages. */
export function createSyncTracker(init: SyncTrackerInit): SyncTracker {
  const { repo } = init;
  const clock = init.clock ?? Date.now;
  const throttleMs = init.throttleMs ?? 250;
  const theirHeads = new Map<string, readonly string[]>();
  const lastReceived = new Map<string, number>();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function notify(): void {
    if (timer !== undefined || listeners.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      for (const listener of [...listeners]) listener();
    }, throttleMs);
  }

  type SyncStateEvent = Parameters<Parameters<typeof repo.synchronizer.on<'sync-state'>>[1]>[0];
  const onSyncState = ({ peerId, documentId, syncState }: SyncStateEvent): void => {
    if (syncState.theirHeads === null || syncState.theirHeads === undefined) return;
    theirHeads.set(keyOf(documentId, peerId), encodeHeads(syncState.theirHeads));
    notify();
  };
  type MessageEvent = Parameters<Parameters<typeof repo.networkSubsystem.on<'message'>>[1]>[0];
  const onMessage = (message: MessageEvent): void => {
    if (!SYNC_MESSAGES.has(message.type) || !('documentId' in message)) return;
    if (typeof message.documentId !== 'string') return;
    lastReceived.set(keyOf(message.documentId, message.senderId), clock());
    notify();
  };
  repo.synchronizer.on('sync-state', onSyncState);
  repo.networkSubsystem.on('message', onMessage);

  function headsOf(url: string): readonly string[] | null {
    if (!isValidAutomergeUrl(url)) return null;
    const handle = repo.handles[parseAutomergeUrl(url).documentId];
    return handle?.isReady() === true ? handle.heads() : null;
  }

  function rootContent(rootUrl: string): unknown {
    if (!isValidAutomergeUrl(rootUrl)) return null;
    const handle = repo.handles[parseAutomergeUrl(rootUrl as AutomergeUrl).documentId];
    return handle?.isReady() === true ? handle.doc() : null;
  }

  return {
    documents(rootUrl, peers) {
      return listedDocuments(rootUrl, rootContent(rootUrl)).map((document) => {
        const documentId = isValidAutomergeUrl(document.url)
          ? parseAutomergeUrl(document.url).documentId
          : document.url;
        return documentSync(document, headsOf(document.url), peers, (peerId) => ({
          theirHeads: theirHeads.get(keyOf(documentId, peerId)) ?? null,
          lastReceived: lastReceived.get(keyOf(documentId, peerId)) ?? null,
        }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      listeners.clear();
      repo.synchronizer.off('sync-state', onSyncState);
      repo.networkSubsystem.off('message', onMessage);
    },
  };
}
