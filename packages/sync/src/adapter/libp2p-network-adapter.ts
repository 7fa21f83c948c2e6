import { NetworkAdapter } from '@automerge/automerge-repo/slim';
import type {
  Message,
  NetworkAdapterEvents,
  PeerId,
  PeerMetadata,
} from '@automerge/automerge-repo/slim';
import type { Connection, Libp2p, Logger, Stream } from '@libp2p/interface';
import { SyncProtocolError, SyncStreamClosedError } from './errors.js';
import { readFrames } from './frames.js';
import { ReadyGate } from './ready-gate.js';
import { SyncSession } from './session.js';
import {
  DEFAULT_MAX_FRAME_BYTES,
  MAX_HELLO_BYTES,
  SYNC_PROTOCOL,
  decodeFrame,
  encodeFrame,
  parseHello,
  parseMessage,
} from './wire.js';

/** What `authorizePeer` is asked about. */
export interface PeerAuthorization {
  /** The remote's authenticated libp2p peer id, as a string. */
  remotePeer: string;
  /** The repo peer id the remote announced in its hello. */
  repoPeerId: PeerId;
  /** The credential from the remote's hello, unchecked: `undefined` when it sent none. */
  credential: unknown;
}

/** Options of {@link createLibp2pNetworkAdapter}. */
export interface Libp2pNetworkAdapterInit {
  /** The libp2p node to carry sync streams; started and stopped by its owner, not the adapter. */
  node: Libp2p;
  /**
   * Largest frame sent or accepted, in bytes. Default {@link DEFAULT_MAX_FRAME_BYTES} (32 MiB);
   * see there why. Every peer of a network must use the same value.
   */
  maxFrameBytes?: number;
  /**
   * Inbound sync streams libp2p lets one connection hold at once; more are refused before the
   * adapter sees them. Default 2: one live stream, plus the previous one of a peer that just
   * reconnected while its end is still in flight.
   */
  maxInboundStreams?: number;
  /**
   * Require the repo peer id a remote announces to equal its authenticated libp2p peer id.
   * Default true: the product runs each Repo with `peerId = node.peerId.toString()`, so a peer
   * cannot speak for another. Turn off only where repo peer ids are chosen freely (tests).
   */
  strictPeerIds?: boolean;
  /** Computes the credential sent in our hello (a device certificate). Default: none. */
  credential?: () => unknown | Promise<unknown>;
  /**
   * Decides whether a remote whose hello was well formed may sync. False (or a throw) hangs up
   * on it before the repo hears of it. Default: everyone may.
   */
  authorizePeer?: (peer: PeerAuthorization) => boolean | Promise<boolean>;
  /**
   * Decides whether a message from a peer may reach the repo. False (or a throw) means the peer
   * is sending sync traffic for a document it may not see: the adapter logs it and hangs up.
   * Called once per message, in order. Default: every message may.
   */
  mayReceive?: (repoPeerId: PeerId, message: Message) => boolean | Promise<boolean>;
  /**
   * Milliseconds after `connect()` at which `whenReady()` resolves if no peer's hello has
   * arrived by then. Default 2000. See {@link Libp2pNetworkAdapter.whenReady}.
   */
  readyTimeoutMs?: number;
}

const DEFAULT_MAX_INBOUND_STREAMS = 2;
const DEFAULT_READY_TIMEOUT_MS = 2000;

/**
 * An automerge-repo network adapter that carries repo messages between libp2p peers, over one
 * `/integrale/sync/1.0.0` stream per remote peer.
 *
 * - Direct only: it never opens or accepts a sync stream on a limited (relayed) connection,
 *   so document traffic never passes through a relay.
 * - Each stream starts with a hello each way; a peer becomes a `peer-candidate` only after its
 *   hello passed the shape checks, `strictPeerIds` and `authorizePeer`.
 * - Anything malformed, oversized or forbidden from a peer closes that peer's connections; it
 *   never throws out of the adapter and never disturbs other peers.
 * - If both peers open a stream at once, both keep the one opened by the peer whose libp2p
 *   peer id string sorts first, and close the other.
 */
export class Libp2pNetworkAdapter extends NetworkAdapter {
  readonly #node: Libp2p;
  readonly #log: Logger;
  readonly #maxFrameBytes: number;
  readonly #maxInboundStreams: number;
  readonly #strictPeerIds: boolean;
  readonly #readyTimeoutMs: number;
  readonly #credential: Libp2pNetworkAdapterInit['credential'];
  readonly #authorizePeer: Libp2pNetworkAdapterInit['authorizePeer'];
  readonly #mayReceive: Libp2pNetworkAdapterInit['mayReceive'];
  readonly #ready = new ReadyGate();
  #started = false;
  /** Bumped by connect() and disconnect(), so late results of an earlier run are dropped. */
  #generation = 0;
  /** The current session with each remote libp2p peer. */
  readonly #sessions = new Map<string, SyncSession>();
  /** Sessions announced to the repo, by the repo peer id they announced. */
  readonly #announced = new Map<PeerId, SyncSession>();
  /** Remote libp2p peers we are opening a stream to. */
  readonly #opening = new Set<string>();
  /** Their streams held while ours to the same peer is being opened; see #adopt. */
  readonly #parked = new Map<string, { stream: Stream; connection: Connection }>();

  constructor(init: Libp2pNetworkAdapterInit) {
    super();
    this.#node = init.node;
    this.#log = init.node.logger.forComponent('integrale:sync');
    this.#maxFrameBytes = init.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.#maxInboundStreams = init.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS;
    this.#strictPeerIds = init.strictPeerIds ?? true;
    this.#readyTimeoutMs = init.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    this.#credential = init.credential;
    this.#authorizePeer = init.authorizePeer;
    this.#mayReceive = init.mayReceive;
  }

  /** Whether {@link whenReady} has resolved. */
  isReady(): boolean {
    return this.#ready.isReady();
  }

  /**
   * Resolves when the repo may trust "no peer has this document": once the first peer's hello
   * has been accepted (that peer is then known to the repo and can answer requests), or
   * `readyTimeoutMs` after the first `connect()` when no peer has said hello by then, or on
   * `disconnect()`. Without this wait, a `repo.find()` made while the network is still coming
   * up would be answered "unavailable" before any peer had a chance to answer. Once resolved,
   * it stays resolved.
   */
  whenReady(): Promise<void> {
    return this.#ready.whenReady();
  }

  /**
   * Starts syncing: registers the protocol handler and opens a stream on every open direct
   * connection, now and as new ones open. `peerMetadata` defaults to the last one given.
   */
  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    if (this.#started) {
      this.#log('connect() while connected as %s: ignored', this.peerId);
      return;
    }
    this.peerId = peerId;
    this.peerMetadata = peerMetadata ?? this.peerMetadata ?? {};
    if (this.#strictPeerIds && peerId !== this.#node.peerId.toString()) {
      this.#log.error(
        'repo peer id %s is not the libp2p peer id: strict peers will refuse us',
        peerId,
      );
    }
    this.#started = true;
    this.#generation += 1;
    // Registered without runOnLimitedConnection: libp2p then never hands us a relayed stream.
    this.#node
      .handle(SYNC_PROTOCOL, this.#onInboundStream, { maxInboundStreams: this.#maxInboundStreams })
      .catch((err: unknown) => this.#log.error('could not register %s: %e', SYNC_PROTOCOL, err));
    this.#node.addEventListener('connection:open', this.#onConnectionOpen);
    this.#ready.arm(this.#readyTimeoutMs);
    for (const connection of this.#node.getConnections()) this.#openStream(connection);
  }

  /**
   * Stops syncing: unregisters the handler, closes every sync stream and emits
   * `peer-disconnected` for each announced peer. Sends nothing afterwards; `connect()` may
   * start again.
   */
  disconnect(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#generation += 1;
    this.#opening.clear();
    for (const { stream } of this.#parked.values()) {
      stream.abort(new SyncStreamClosedError('sync adapter disconnected'));
    }
    this.#parked.clear();
    this.#node.removeEventListener('connection:open', this.#onConnectionOpen);
    // Unregister before closing, so a peer reacting to the close cannot open a stream to us.
    this.#node
      .unhandle(SYNC_PROTOCOL)
      .catch((err: unknown) => this.#log.error('could not unregister %s: %e', SYNC_PROTOCOL, err));
    for (const session of [...this.#sessions.values()]) this.#end(session, 'we disconnected');
    // No peer can answer any more: let pending finds conclude.
    this.#ready.open();
  }

  /** Sends a repo message to the peer it targets; a logged no-op if that peer is not connected. */
  send(message: Message): void {
    if (!this.#started) {
      this.#log('not connected: dropping %s for %s', message.type, message.targetId);
      return;
    }
    const session = this.#announced.get(message.targetId);
    if (session === undefined || !session.isLive()) {
      this.#log('no open sync stream to %s: dropping %s', message.targetId, message.type);
      return;
    }
    let frame: Uint8Array;
    try {
      frame = encodeFrame(message);
    } catch (err) {
      this.#log.error('could not encode %s for %s: %e', message.type, message.targetId, err);
      return;
    }
    if (frame.byteLength > this.#maxFrameBytes) {
      // The remote would hang up on it; better to lose this message than the peer.
      this.#log.error(
        '%s of %d bytes for %s exceeds the %d-byte frame limit: dropped',
        message.type,
        frame.byteLength,
        message.targetId,
        this.#maxFrameBytes,
      );
      return;
    }
    if (!session.send(frame)) {
      this.#hangUp(session, new SyncProtocolError('not-reading', 'send queue full'));
    }
  }

  readonly #onConnectionOpen = (evt: CustomEvent<Connection>): void => {
    this.#openStream(evt.detail);
  };

  readonly #onInboundStream = (stream: Stream, connection: Connection): void => {
    try {
      this.#adopt(stream, connection);
    } catch (err) {
      this.#log.error('inbound sync stream from %p failed: %e', connection.remotePeer, err);
      stream.abort(err instanceof Error ? err : new Error(String(err)));
    }
  };

  /** Opens our sync stream on `connection` unless we already have or are opening one. */
  #openStream(connection: Connection): void {
    if (!this.#started || !isDirectAndOpen(connection)) return;
    const remote = connection.remotePeer.toString();
    if (this.#opening.has(remote) || this.#sessions.get(remote)?.isLive() === true) return;
    this.#opening.add(remote);
    void this.#open(connection, remote, this.#generation);
  }

  async #open(connection: Connection, remote: string, generation: number): Promise<void> {
    let stream: Stream | undefined;
    try {
      stream = await connection.newStream(SYNC_PROTOCOL);
    } catch (err) {
      this.#log('could not open a sync stream to %s: %s', remote, describe(err));
    }
    try {
      if (generation !== this.#generation) {
        stream?.abort(new SyncStreamClosedError('sync adapter disconnected'));
        return;
      }
      this.#opening.delete(remote);
      const parked = this.#parked.get(remote);
      this.#parked.delete(remote);
      if (stream !== undefined) {
        this.#adopt(stream, connection);
        parked?.stream.abort(new SyncStreamClosedError('duplicate sync stream'));
      } else if (parked !== undefined) {
        this.#adopt(parked.stream, parked.connection);
      }
    } catch (err) {
      this.#log.error('sync stream to %s failed: %e', remote, err);
    }
  }

  /**
   * Takes a newly opened sync stream (ours or theirs) as the session with its peer, or refuses
   * it. At most one session per remote peer.
   */
  #adopt(stream: Stream, connection: Connection): void {
    const remote = connection.remotePeer.toString();
    if (!this.#started) {
      stream.abort(new SyncStreamClosedError('sync adapter is not connected'));
      return;
    }
    if (!isDirectAndOpen(connection)) {
      // Never reached while libp2p honours runOnLimitedConnection; kept as the last guard.
      stream.abort(new SyncStreamClosedError('sync streams run on direct connections only'));
      return;
    }
    if (stream.status !== 'open') return;
    if (
      stream.direction === 'inbound' &&
      this.#opening.has(remote) &&
      this.#node.peerId.toString() < remote
    ) {
      // Both ends are opening and ours will win the tie-break. Hold theirs, unread and with no
      // hello, until ours is open: then refuse it, so the repo never sees the peer come, go and
      // come back; or take it if ours fails.
      this.#log('both ends are opening a stream to %s; holding theirs', remote);
      this.#parked.get(remote)?.stream.abort(new SyncStreamClosedError('duplicate sync stream'));
      this.#parked.set(remote, { stream, connection });
      return;
    }
    const existing = this.#sessions.get(remote);
    if (existing?.isLive() === true) {
      if (existing.stream.direction === stream.direction) {
        if (stream.direction === 'inbound' && existing.connection.id === connection.id) {
          // A peer ends its stream before opening the next one on the same connection, and the
          // muxer delivers in order, so a second stream while the first is open is a flood.
          stream.abort(new SyncProtocolError('stream-flood'));
          this.#hangUp(existing, new SyncProtocolError('stream-flood', 'second sync stream'));
          return;
        }
        // The remote started over, e.g. on a new connection while we still trust the old one.
        this.#end(existing, 'replaced by a newer stream');
      } else if (this.#openedBySmallerPeer(stream, remote)) {
        this.#end(existing, 'both ends opened a stream; keeping the other one');
      } else {
        this.#log('both ends opened a stream to %s; keeping ours', remote);
        stream.abort(new SyncStreamClosedError('duplicate sync stream'));
        return;
      }
    } else if (existing !== undefined) {
      this.#end(existing, 'replaced after its stream closed');
    }
    // Up to two full frames may wait for a slow reader; past that it is not reading at all.
    const session = new SyncSession(stream, connection, 2 * this.#maxFrameBytes, (err) =>
      this.#end(session, `could not write: ${describe(err)}`),
    );
    this.#sessions.set(remote, session);
    this.#run(session).catch((err: unknown) => {
      this.#log.error('sync session with %s failed: %e', remote, err);
    });
  }

  /** Tie-break for simultaneous opens: both ends keep the stream the smaller peer id opened. */
  #openedBySmallerPeer(stream: Stream, remote: string): boolean {
    const local = this.#node.peerId.toString();
    return stream.direction === 'outbound' ? local < remote : remote < local;
  }

  /** Reads a session from hello to end. Handles every error of the peer's making itself. */
  async #run(session: SyncSession): Promise<void> {
    const frames = readFrames(session.stream, {
      maxFrameBytes: this.#maxFrameBytes,
      maxFirstFrameBytes: MAX_HELLO_BYTES,
    });
    session.send(this.#helloFrame());
    try {
      const hello = await frames.next();
      if (hello.done === true) {
        this.#end(session, 'stream closed before the hello', true);
        return;
      }
      if (!(await this.#accept(session, hello.value))) return;
      for await (const frame of frames) {
        if (!(await this.#receive(session, frame))) return;
      }
      this.#end(session, 'remote closed the stream', true);
    } catch (err) {
      if (err instanceof SyncProtocolError) this.#hangUp(session, err);
      else this.#end(session, `stream failed: ${describe(err)}`, true);
    } finally {
      await frames.return(undefined).catch(() => undefined);
    }
  }

  async #helloFrame(): Promise<Uint8Array> {
    const credential = this.#credential === undefined ? undefined : await this.#credential();
    return encodeFrame({
      type: 'hello',
      peerId: this.peerId as PeerId,
      peerMetadata: this.peerMetadata ?? {},
      credential,
    });
  }

  /** Checks the remote's hello and announces the peer. False when the session is over. */
  async #accept(session: SyncSession, frame: Uint8Array): Promise<boolean> {
    const decoded = decodeFrame(frame);
    if (!decoded.ok) {
      return this.#hangUp(session, new SyncProtocolError('malformed-frame', decoded.reason));
    }
    const parsed = parseHello(decoded.value);
    if (!parsed.ok) {
      return this.#hangUp(session, new SyncProtocolError('malformed-hello', parsed.reason));
    }
    const hello = parsed.value;
    if (this.#strictPeerIds && hello.peerId !== session.remotePeer) {
      return this.#hangUp(session, new SyncProtocolError('peer-id-mismatch', hello.peerId));
    }
    if (hello.peerId === this.peerId) {
      return this.#hangUp(session, new SyncProtocolError('repo-peer-id-taken', 'ours'));
    }
    if (this.#authorizePeer !== undefined) {
      const allowed = await this.#ask('authorizePeer', () =>
        this.#authorizePeer?.({
          remotePeer: session.remotePeer,
          repoPeerId: hello.peerId,
          credential: hello.credential,
        }),
      );
      if (session.ended) return false;
      if (!allowed) {
        return this.#hangUp(session, new SyncProtocolError('unauthorized', hello.peerId));
      }
    }
    const holder = this.#announced.get(hello.peerId);
    if (holder !== undefined) {
      if (holder.isLive() && holder.remotePeer !== session.remotePeer) {
        return this.#hangUp(session, new SyncProtocolError('repo-peer-id-taken', hello.peerId));
      }
      this.#end(holder, 'its peer said hello again');
    }
    session.repoPeerId = hello.peerId;
    this.#announced.set(hello.peerId, session);
    this.#log('peer %s (%s) connected', hello.peerId, session.remotePeer);
    this.#safely('peer-candidate', () =>
      this.emit('peer-candidate', { peerId: hello.peerId, peerMetadata: hello.peerMetadata }),
    );
    this.#ready.open();
    return true;
  }

  /** Checks one message and hands it to the repo. False when the session is over. */
  async #receive(session: SyncSession, frame: Uint8Array): Promise<boolean> {
    const decoded = decodeFrame(frame);
    if (!decoded.ok) {
      return this.#hangUp(session, new SyncProtocolError('malformed-frame', decoded.reason));
    }
    const parsed = parseMessage(decoded.value);
    if (!parsed.ok) {
      return this.#hangUp(session, new SyncProtocolError('malformed-message', parsed.reason));
    }
    const message = parsed.value;
    if (message === null) {
      this.#log('dropping a message of a type we do not know from %s', session.repoPeerId);
      return true;
    }
    if (message.targetId !== this.peerId) {
      return this.#hangUp(session, new SyncProtocolError('wrong-target', message.targetId));
    }
    // automerge-repo relays ephemeral messages under their author's id; all others are the
    // sender's own, and a peer may not speak for another.
    if (message.type !== 'ephemeral' && message.senderId !== session.repoPeerId) {
      return this.#hangUp(session, new SyncProtocolError('spoofed-sender', message.senderId));
    }
    if (this.#mayReceive !== undefined) {
      const repoPeerId = session.repoPeerId as PeerId;
      const allowed = await this.#ask('mayReceive', () => this.#mayReceive?.(repoPeerId, message));
      if (session.ended) return false;
      if (!allowed) {
        const about = message.documentId ?? message.type;
        return this.#hangUp(session, new SyncProtocolError('forbidden-message', about));
      }
    }
    if (session.ended) return false;
    this.#safely('message', () => this.emit('message', message));
    return true;
  }

  /** Runs a policy hook; a throw counts as "no" and is logged. */
  async #ask(hook: string, run: () => boolean | Promise<boolean> | undefined): Promise<boolean> {
    try {
      return (await run()) === true;
    } catch (err) {
      this.#log.error('%s threw, treated as a refusal: %e', hook, err);
      return false;
    }
  }

  /**
   * Ends a session. Emits `peer-disconnected` if it had been announced and is still the one
   * the repo knows. With `reopen`, when the end came from the remote or the transport and a
   * direct connection to the peer is still open, tries once to open a fresh stream: this heals
   * a simultaneous-open tie-break lost to a stale connection.
   */
  #end(session: SyncSession, why: string, reopen = false): void {
    if (!session.end()) return;
    this.#log('sync stream with %s ended: %s', session.remotePeer, why);
    if (this.#sessions.get(session.remotePeer) === session)
      this.#sessions.delete(session.remotePeer);
    const repoPeerId = session.repoPeerId;
    if (repoPeerId === undefined) return;
    if (this.#announced.get(repoPeerId) === session) {
      this.#announced.delete(repoPeerId);
      this.#safely('peer-disconnected', () =>
        this.emit('peer-disconnected', { peerId: repoPeerId }),
      );
    }
    if (reopen && this.#started) {
      const again = this.#node
        .getConnections(session.connection.remotePeer)
        .find((connection) => isDirectAndOpen(connection));
      if (again !== undefined) this.#openStream(again);
    }
  }

  /** Drops a peer that broke the protocol or was refused: logs why and closes its connections. */
  #hangUp(session: SyncSession, error: SyncProtocolError): false {
    this.#log.error(
      'hanging up on %s (%s): %s',
      session.remotePeer,
      session.repoPeerId,
      error.message,
    );
    this.#end(session, error.message);
    for (const connection of this.#node.getConnections(session.connection.remotePeer)) {
      connection.abort(error);
    }
    return false;
  }

  /** Emits to the repo; a listener's throw is logged, never allowed to kill a read loop. */
  #safely(event: keyof NetworkAdapterEvents, emit: () => void): void {
    try {
      emit();
    } catch (err) {
      this.#log.error('a %s listener threw: %e', event, err);
    }
  }
}

/**
 * Creates a {@link Libp2pNetworkAdapter}. Pass it to `new Repo({ network: [adapter] })`; the
 * repo calls `connect()`. The node must be started by its owner.
 */
export function createLibp2pNetworkAdapter(init: Libp2pNetworkAdapterInit): Libp2pNetworkAdapter {
  return new Libp2pNetworkAdapter(init);
}

/**
 * A connection we may sync over. A relayed (circuit) connection has `limits`; its `remoteAddr`
 * is no guide, since the dialler's still reads `/p2p-circuit` once upgraded to direct WebRTC.
 */
function isDirectAndOpen(connection: Connection): boolean {
  return connection.status === 'open' && connection.limits == null;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
