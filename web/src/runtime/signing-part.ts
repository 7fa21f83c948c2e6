import type { SignatureVerifier, KeyPair } from '@integrale/identity';
import type { CooperativePeer } from '@integrale/peer';

/*
 * What a part of the browser runtime that signs entries needs from the tab around it
 * (browser-runtime.ts gives the same to each): the peer shown, this member's key, whether this
 * tab may act and whether it leads, the leader's signing queue, and the way to the leader tab
 * for a follower (each part has its own calls and answers).
 */

/** The tab's facts and means, for a part whose follower calls are `Call`, answered by `Result`. */
export interface SigningPartInit<Call, Result> {
  /** The peer whose data the screens show, or `null`. */
  readonly peer: () => CooperativePeer | null;
  /** This member's key, once loaded. */
  readonly member: () => KeyPair | null;
  readonly verifier: () => SignatureVerifier | null;
  /** Whether this tab may act now (the cooperative is open, the key may sign). */
  readonly ready: () => boolean;
  /** Whether this tab is the one that signs. */
  readonly leading: () => boolean;
  /** Runs a signing task in the leader's turn (after the peer settled; flushed to storage). */
  readonly sign: <T>(peer: CooperativePeer, task: () => Promise<T>) => Promise<T>;
  /** Follower: hands the action to the leader tab. */
  readonly callLeader: (call: Call) => Promise<Result>;
  /** Resolves once this tab's ledger holds `id` (or after a while). */
  readonly untilHeld: (peer: CooperativePeer, id: string) => Promise<void>;
  /** Registers a listener called first on each change of the runtime (caches go stale there). */
  readonly subscribe: (listener: () => void) => () => void;
  /** Tells the screens something changed. */
  readonly changed: () => void;
  /** Milliseconds since 1970. */
  readonly clock: () => number;
  readonly log: (message: string) => void;
}
