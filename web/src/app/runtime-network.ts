/*
 * What the network panel shows about the cooperative's documents: for each one, whether each
 * member's device connected directly holds what this device holds, and when something was last
 * received for it. Part of {@link NetworkFacts} (runtime.ts), so a follower tab shows what its
 * leader tab knows.
 */

/** How one document stands with one member's device. */
export type PeerSyncState =
  /** Their last known heads are ours: they hold exactly what this device holds. */
  | 'up-to-date'
  /** Their heads differ from ours (or are not known yet): changes are on their way. */
  | 'syncing';

/** One document with one member's device connected directly. */
export interface PeerDocumentSync {
  /** The device's libp2p PeerId. */
  readonly peerId: string;
  /** The member its certificate names. */
  readonly member: string;
  readonly state: PeerSyncState;
  /** When something (a sync message) for this document last came from it, ms since 1970. */
  readonly lastReceived: number | null;
}

/** Which document of the cooperative: the root, the ledger, or another one the root lists. */
export type DocumentRole = 'root' | 'ledger' | 'other';

/** One of the cooperative's documents. */
export interface DocumentSyncFact {
  /** Its automerge URL. */
  readonly url: string;
  readonly role: DocumentRole;
  /** The root's key it is listed under (`ledger`, …); `root` for the root itself. */
  readonly name: string;
  /** `false` when this device has not opened it yet (no heads to compare). */
  readonly open: boolean;
  /** Each member's device connected directly, sorted by PeerId. */
  readonly peers: readonly PeerDocumentSync[];
  /** The latest of the peers' `lastReceived`, ms since 1970. */
  readonly lastReceived: number | null;
}
