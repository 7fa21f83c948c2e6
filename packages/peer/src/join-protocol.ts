import type { Libp2p, Stream } from '@libp2p/interface';
import { checkShape, itemId, type JoinEntry, type Ledger } from '@integrale/ledger';
import * as lp from 'it-length-prefixed';

/*
 * The invitation handshake, `/integrale/join/1.0.0`. A newcomer holds a signed `join` (its own
 * key, with the proof made by the one-time invitation key). It opens this protocol to any
 * member's peer, sends the join, and reads one answer. The member's peer verifies the join
 * against its ledger like any entry; if it is valid it carries it into the ledger document, and
 * from then on the newcomer's device certificate opens the cooperative's documents. The relay
 * runs no such handler: it can admit no one.
 *
 * Wire: one length-prefixed UTF-8 JSON frame each way.
 *   newcomer → member: { "join": <entry> }
 *   member → newcomer: { "ok": true, "root": "<automerge url>" } | { "ok": false, "reason": "…" }
 */

/** The protocol id. */
export const JOIN_PROTOCOL = '/integrale/join/1.0.0';

/** The largest frame either side reads: a join is under 2 KiB. */
export const MAX_JOIN_FRAME = 16 * 1024;

/** Why a member's peer did not admit a newcomer. */
export type JoinRefusal =
  | 'malformed'
  | 'not-a-join'
  | 'unknown-invite'
  | 'invite-used'
  | 'bad-proof'
  | 'invalid'
  | 'timeout'
  | 'unreachable';

/** The answer to a join request. */
export type JoinAnswer =
  | { readonly ok: true; readonly root: string }
  | { readonly ok: false; readonly reason: JoinRefusal };

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

async function readFrame(stream: Stream, signal: AbortSignal): Promise<unknown> {
  for await (const frame of lp.decode(stream, { maxDataLength: MAX_JOIN_FRAME })) {
    if (signal.aborted) throw new Error('timeout');
    return JSON.parse(utf8Decoder.decode(frame.subarray()));
  }
  throw new Error('closed before answering');
}

function sendFrame(stream: Stream, value: unknown): void {
  stream.send(lp.encode.single(utf8Encoder.encode(JSON.stringify(value))));
}

/** Options of {@link handleJoinRequests}. */
export interface JoinHandlerInit {
  readonly node: Libp2p;
  readonly ledger: Ledger;
  /** Carries a valid join into the ledger document. */
  readonly admit: (join: JoinEntry) => Promise<void>;
  /** The url of the cooperative's root document, given to the admitted newcomer. */
  readonly rootUrl: () => string;
  /** How long a newcomer has to send its join (default 10 s). */
  readonly timeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** Decides a join request against the ledger. */
async function decide(request: unknown, init: JoinHandlerInit): Promise<JoinAnswer> {
  if (typeof request !== 'object' || request === null || !('join' in request))
    return { ok: false, reason: 'malformed' };
  const join = checkShape((request as { join: unknown }).join);
  if (join === null) return { ok: false, reason: 'malformed' };
  if (join.type !== 'join') return { ok: false, reason: 'not-a-join' };
  await init.ledger.add([join]);
  const status = init.ledger.status(itemId(join));
  if (status?.state === 'valid') {
    await init.admit(join);
    return { ok: true, root: init.rootUrl() };
  }
  if (status?.state === 'pending') return { ok: false, reason: 'unknown-invite' };
  if (
    status?.state === 'invalid' &&
    (status.reason === 'invite-used' || status.reason === 'bad-proof')
  ) {
    return { ok: false, reason: status.reason };
  }
  return { ok: false, reason: 'invalid' };
}

/** Serves join requests on a member's peer. Returns a function that stops serving. */
export async function handleJoinRequests(init: JoinHandlerInit): Promise<() => Promise<void>> {
  const timeoutMs = init.timeoutMs ?? 10_000;
  await init.node.handle(
    JOIN_PROTOCOL,
    async (stream) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const request = await readFrame(stream, signal);
        const answer = await decide(request, init);
        sendFrame(stream, answer);
        await stream.close();
      } catch (error) {
        // Garbage, an oversized frame or a peer that never sends: drop it, never crash.
        init.log?.(`join request dropped: ${(error as Error).message}`);
        stream.abort(error as Error);
      }
    },
    { maxInboundStreams: 4 },
  );
  return () => init.node.unhandle(JOIN_PROTOCOL);
}

/** Asks a member's peer to admit this newcomer. Never throws: failures are answers. */
export async function requestJoin(
  node: Libp2p,
  peer: Parameters<Libp2p['dialProtocol']>[0],
  join: JoinEntry,
  options: { readonly timeoutMs?: number } = {},
): Promise<JoinAnswer> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  let stream: Stream;
  try {
    stream = await node.dialProtocol(peer, JOIN_PROTOCOL, { signal });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  try {
    sendFrame(stream, { join });
    const answer = await readFrame(stream, signal);
    await stream.close();
    return parseAnswer(answer);
  } catch (error) {
    stream.abort(error as Error);
    return { ok: false, reason: signal.aborted ? 'timeout' : 'unreachable' };
  }
}

const REFUSALS = new Set<JoinRefusal>([
  'malformed',
  'not-a-join',
  'unknown-invite',
  'invite-used',
  'bad-proof',
  'invalid',
  'timeout',
  'unreachable',
]);

/** Reads a member's answer defensively: the newcomer trusts no one yet. */
function parseAnswer(value: unknown): JoinAnswer {
  if (typeof value === 'object' && value !== null) {
    const answer = value as Record<string, unknown>;
    if (
      answer['ok'] === true &&
      typeof answer['root'] === 'string' &&
      answer['root'].length < 256
    ) {
      return { ok: true, root: answer['root'] };
    }
    if (answer['ok'] === false && REFUSALS.has(answer['reason'] as JoinRefusal)) {
      return { ok: false, reason: answer['reason'] as JoinRefusal };
    }
  }
  return { ok: false, reason: 'unreachable' };
}
