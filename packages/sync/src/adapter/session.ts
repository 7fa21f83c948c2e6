import type { PeerId } from '@automerge/automerge-repo/slim';
import type { Connection, Stream } from '@libp2p/interface';
import { SyncStreamClosedError } from './errors.js';
import { FrameWriter } from './frames.js';

/**
 * One sync stream with one remote peer, from adoption to end. Holds I/O state only; the
 * adapter decides what the frames mean.
 */
export class SyncSession {
  /** The remote libp2p peer id, as a string. */
  readonly remotePeer: string;
  readonly stream: Stream;
  readonly connection: Connection;
  /** The repo peer id the remote announced; set once its hello was accepted. */
  repoPeerId: PeerId | undefined;
  readonly #writer: FrameWriter;
  #ended = false;

  constructor(
    stream: Stream,
    connection: Connection,
    maxQueuedBytes: number,
    onWriteError: (err: unknown) => void,
  ) {
    this.remotePeer = connection.remotePeer.toString();
    this.stream = stream;
    this.connection = connection;
    this.#writer = new FrameWriter(stream, maxQueuedBytes, onWriteError);
  }

  /** Whether the adapter has ended this session. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Open at both ends as far as we can tell: not ended here, not reset, and the remote has not
   * closed its side. A session can be dead before its read loop notices; this says so early.
   */
  isLive(): boolean {
    return (
      !this.#ended &&
      this.stream.status === 'open' &&
      this.stream.remoteWriteStatus === 'writable' &&
      this.connection.status === 'open'
    );
  }

  /** Queues a frame; false when the peer has stopped reading and the queue is full. */
  send(payload: Uint8Array | Promise<Uint8Array>): boolean {
    return this.#writer.write(payload);
  }

  /**
   * Marks the session ended and closes our side of the stream. Returns false if it had already
   * ended, so that the caller emits `peer-disconnected` once.
   *
   * The end goes on the wire at once, before any stream we open next on this connection: a FIN
   * when nothing is waiting to be written, otherwise a reset. The remote relies on that order
   * to tell a reconnect from a stream flood.
   */
  end(): boolean {
    if (this.#ended) return false;
    this.#ended = true;
    const stream = this.stream;
    if (stream.status !== 'open') return true;
    if (this.#writer.idle && stream.writeBufferLength === 0 && !stream.writableNeedsDrain) {
      stream.close().catch((err: unknown) => stream.abort(asError(err)));
    } else {
      stream.abort(new SyncStreamClosedError('sync session ended with frames unsent'));
    }
    return true;
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
