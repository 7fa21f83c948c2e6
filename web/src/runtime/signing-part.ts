import type { SignatureVerifier, KeyPair } from '@integrale/identity';
import type { CooperativePeer } from '@integrale/peer';
import { coalesced } from './coalesced.js';

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

/** What a part keeps about the peer it follows, besides its own state. */
export interface Following {
  readonly peer: CooperativePeer;
  /** Reads the part's records again (coalesced: see coalesced.ts). */
  readonly reread: () => Promise<void>;
}

/** Options of {@link followShownPeer}. */
export interface FollowOptions<S> {
  readonly peer: () => CooperativePeer | null;
  readonly verifier: () => SignatureVerifier | null;
  /** The part's state for a newly shown peer. */
  readonly make: (peer: CooperativePeer, verifier: SignatureVerifier) => S;
  /** Reads the records into the state (called again after each change, coalesced). */
  readonly read: (state: S & Following) => Promise<void>;
  /** Read again on ledger updates too, not only on root-document changes. */
  readonly onLedger?: boolean;
}

/** The peer a part follows now, and whether a state is still the current one. */
export interface Follower<S> {
  /** The state for the peer shown now (made when a new session brings a new peer), or `null`. */
  current(): (S & Following) | null;
  /** Whether `state` is still the one followed (a reading that ends late must not land). */
  isCurrent(state: S & Following): boolean;
  stop(): void;
}

/**
 * Follows the shown peer for a part that reads signed records from the root document: a new
 * session brings a new peer, whose state is made afresh and read at once, then again whenever
 * its root document (and, with `onLedger`, its ledger) changes; the previous one is let go.
 */
export function followShownPeer<S>(options: FollowOptions<S>): Follower<S> {
  let followed: { state: S & Following; stop: () => void } | null = null;
  const stop = (): void => {
    followed?.stop();
    followed = null;
  };
  return {
    current() {
      const peer = options.peer();
      const verifier = options.verifier();
      if (followed !== null && peer === followed.state.peer) return followed.state;
      stop();
      if (peer === null || verifier === null) return null;
      const state: S & Following = {
        ...options.make(peer, verifier),
        peer,
        reread: coalesced(() => options.read(state)),
      };
      const onChange = (): void => {
        if (followed?.state === state) void state.reread();
      };
      const root = peer.root();
      root.on('change', onChange);
      const stopLedger = options.onLedger === true ? peer.onLedgerUpdate(onChange) : () => {};
      followed = {
        state,
        stop: () => {
          root.off('change', onChange);
          stopLedger();
        },
      };
      void state.reread();
      return state;
    },
    isCurrent: (state) => followed?.state === state,
    stop,
  };
}
