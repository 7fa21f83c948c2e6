/**
 * Why the adapter dropped a remote peer. Carried as data so that logs, tests and the
 * members-only layer can tell the cases apart without parsing messages.
 */
export type SyncRejection =
  | 'frame-too-large'
  | 'malformed-frame'
  | 'malformed-hello'
  | 'malformed-message'
  | 'peer-id-mismatch'
  | 'repo-peer-id-taken'
  | 'unauthorized'
  | 'forbidden-message'
  | 'spoofed-sender'
  | 'wrong-target'
  | 'stream-flood'
  | 'not-reading';

/**
 * The error a sync stream or connection is aborted with when the remote peer broke the sync
 * protocol or was refused. The remote sees only a reset; this is for our own logs.
 */
export class SyncProtocolError extends Error {
  override name = 'SyncProtocolError';

  constructor(
    /** Which rule the peer broke. */
    readonly reason: SyncRejection,
    detail?: string,
  ) {
    super(detail === undefined ? reason : `${reason}: ${detail}`);
  }
}

/**
 * The error our own end of a sync stream is reset with when the adapter drops it for a reason
 * that is not the remote's fault: a duplicate stream, a disconnect, a stream replaced by a newer
 * one.
 */
export class SyncStreamClosedError extends Error {
  override name = 'SyncStreamClosedError';
}
