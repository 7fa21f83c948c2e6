import { isValidAutomergeUrl, type AutomergeUrl } from '@automerge/automerge-repo/slim';
import type { JoinEntry } from '@integrale/ledger';
import { requestJoin, type JoinRefusal } from '@integrale/peer';
import type { Libp2p } from '@libp2p/interface';

/*
 * The newcomer's side of the invitation handshake, as `joinCooperative` in packages/peer does it —
 * ask each member's device connected directly until one admits the join — but stopping at the
 * admission: the runtime then opens the cooperative itself, so that it knows the root document's
 * url and the admitting device even if that first opening fails.
 *
 * Why that first opening can fail: right after admission the new repo asks for the root document
 * while the admitting peer's sync hello is arriving. The sync adapter declares itself ready on that
 * hello, and automerge-repo's `find` may then conclude "unavailable" if it checks the document's
 * peers before its share policy has been asked about the new peer (a few microtasks later). Seen
 * in the browser tests, under load, in 3 of about 40 joins — before this module existed, when
 * `joinCooperative` threw and the root url was lost with it, while the join itself had been
 * accepted (asking again is `invite-used`).
 */

/** Refusals after which the invitation cannot work. */
export const FINAL_REFUSALS: ReadonlySet<JoinRefusal> = new Set([
  'invite-used',
  'bad-proof',
  'malformed',
]);

/** A member's device refused the invitation for good. */
export class JoinRefusedError extends Error {
  override name = 'JoinRefusedError';
  constructor(readonly reason: JoinRefusal) {
    super(`the invitation was refused: ${reason}`);
  }
}

/** The newcomer stopped waiting. */
export class JoinCancelledError extends Error {
  override name = 'JoinCancelledError';
}

/** Options of {@link askToJoin}. */
export interface AskToJoinInit {
  /** The newcomer's started node (dialling the relays, announcing itself). */
  readonly node: Libp2p;
  /** The signed join. */
  readonly join: JoinEntry;
  /** PeerIds never to ask: the relays, which run no join handler. */
  readonly skip: ReadonlySet<string>;
  /** Each refusal of a member's device that did not end the attempt. */
  readonly onRefusal?: (reason: JoinRefusal) => void;
  readonly signal: AbortSignal;
  /** How long to wait for a new connection before asking the connected ones again. @default 2_000 */
  readonly retryMs?: number;
}

/** Who admitted the newcomer, and where the cooperative's documents start. */
export interface Admission {
  readonly rootUrl: AutomergeUrl;
  /** The admitting device's PeerId: trusted until this device holds the genesis. */
  readonly admittedBy: string;
}

function nextConnection(node: Libp2p, signal: AbortSignal, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      node.removeEventListener('connection:open', done);
      signal.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    node.addEventListener('connection:open', done);
    signal.addEventListener('abort', done);
  });
}

/**
 * Asks the member devices this node is directly connected to, in turn and again as connections
 * open, until one admits the join. Rejects with {@link JoinRefusedError} on a final refusal and
 * {@link JoinCancelledError} when `signal` aborts.
 */
export async function askToJoin(init: AskToJoinInit): Promise<Admission> {
  const { node, join, skip, signal } = init;
  for (;;) {
    if (signal.aborted) throw new JoinCancelledError('joining was cancelled');
    for (const connection of node.getConnections()) {
      const remote = connection.remotePeer.toString();
      if (connection.limits != null || connection.status !== 'open' || skip.has(remote)) continue;
      const answer = await requestJoin(node, connection.remotePeer, join);
      if (signal.aborted) throw new JoinCancelledError('joining was cancelled');
      if (answer.ok) {
        if (!isValidAutomergeUrl(answer.root)) continue; // a broken member: ask another
        return { rootUrl: answer.root, admittedBy: remote };
      }
      if (FINAL_REFUSALS.has(answer.reason)) throw new JoinRefusedError(answer.reason);
      init.onRefusal?.(answer.reason);
    }
    await nextConnection(node, signal, init.retryMs ?? 2_000);
  }
}
