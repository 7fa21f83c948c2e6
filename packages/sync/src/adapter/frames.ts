/**
 * Length-prefixed frames over a libp2p stream, with bounded memory in both directions: a peer
 * can make us buffer at most one frame plus a small read-ahead, and a peer that stops reading
 * can make us queue at most `maxQueuedBytes` before we give up on it.
 */
import type { Stream, StreamCloseEvent, StreamMessageEvent } from '@libp2p/interface';
import * as lp from 'it-length-prefixed';
import type { Uint8ArrayList } from 'uint8arraylist';
import { SyncProtocolError } from './errors.js';

/**
 * Bytes received but not yet framed beyond which we pause the stream. Pausing makes yamux stop
 * granting the sender window, so a peer cannot outrun a slow `mayReceive` or repo.
 */
const READ_AHEAD_BYTES = 1024 * 1024;

/** How large frames may be. */
export interface FrameLimits {
  /** Largest frame after the first. */
  maxFrameBytes: number;
  /** Largest first frame (the hello), read before we know who is talking. */
  maxFirstFrameBytes: number;
}

/** Names of it-length-prefixed's errors: the peer broke the framing, not the transport. */
const FRAMING_ERRORS = new Set([
  'InvalidDataLengthError',
  'InvalidDataLengthLengthError',
  'InvalidMessageLengthError',
  'UnexpectedEOFError',
]);

/**
 * Yields the payload of each frame the remote sends until it closes its side.
 *
 * Throws {@link SyncProtocolError} when the remote breaks the framing (a length above the
 * limit is refused as soon as its prefix arrives, before any of the body is buffered), or the
 * stream's own error when the stream is reset or aborted.
 */
export async function* readFrames(stream: Stream, limits: FrameLimits): AsyncGenerator<Uint8Array> {
  let first = true;
  const frames = lp.decode(chunks(stream), {
    maxDataLength: limits.maxFrameBytes,
    onLength: (length) => {
      if (first && length > limits.maxFirstFrameBytes) {
        throw new SyncProtocolError('frame-too-large', `first frame of ${length} bytes`);
      }
      first = false;
    },
  });
  try {
    for await (const frame of frames) yield frame.subarray();
  } catch (err) {
    if (err instanceof SyncProtocolError) throw err;
    if (err instanceof Error && FRAMING_ERRORS.has(err.name)) {
      const reason = err.name === 'InvalidDataLengthError' ? 'frame-too-large' : 'malformed-frame';
      throw new SyncProtocolError(reason, err.message);
    }
    throw err;
  }
}

/**
 * The stream's incoming bytes as an async iterable that pauses the stream while more than
 * {@link READ_AHEAD_BYTES} wait to be consumed. (The stream's own iterator buffers without
 * bound.) Ends on the stream's `end` (remote closed, everything delivered) or `close`.
 */
async function* chunks(stream: Stream): AsyncGenerator<Uint8Array | Uint8ArrayList> {
  const queue: (Uint8Array | Uint8ArrayList)[] = [];
  let queuedBytes = 0;
  let finished = stream.readableEnded || stream.status === 'aborted' || stream.status === 'reset';
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const onMessage = (evt: StreamMessageEvent): void => {
    queue.push(evt.data);
    queuedBytes += evt.data.byteLength;
    if (queuedBytes > READ_AHEAD_BYTES && stream.readStatus === 'readable') stream.pause();
    notify();
  };
  const onEnd = (): void => {
    finished = true;
    notify();
  };
  const onClose = (evt: StreamCloseEvent): void => {
    failure = evt.error;
    finished = true;
    notify();
  };
  stream.addEventListener('message', onMessage);
  stream.addEventListener('end', onEnd);
  stream.addEventListener('close', onClose);
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        queuedBytes -= chunk.byteLength;
        if (queuedBytes <= READ_AHEAD_BYTES / 2 && stream.readStatus === 'paused') stream.resume();
        yield chunk;
        continue;
      }
      if (finished) {
        if (failure !== undefined) throw failure;
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stream.removeEventListener('message', onMessage);
    stream.removeEventListener('end', onEnd);
    stream.removeEventListener('close', onClose);
  }
}

/**
 * Writes frames in order, waiting for the stream to drain between them. `write` refuses a frame
 * (returns false) when more than `maxQueuedBytes` are already waiting: the peer is not reading.
 */
export class FrameWriter {
  readonly #stream: Stream;
  readonly #maxQueuedBytes: number;
  readonly #onError: (err: unknown) => void;
  #tail: Promise<void> = Promise.resolve();
  #queuedBytes = 0;
  #outstanding = 0;

  constructor(stream: Stream, maxQueuedBytes: number, onError: (err: unknown) => void) {
    this.#stream = stream;
    this.#maxQueuedBytes = maxQueuedBytes;
    this.#onError = onError;
  }

  /** True when every frame handed to `write` has been passed to the stream. */
  get idle(): boolean {
    return this.#outstanding === 0;
  }

  /**
   * Queues one frame's payload (or a promise of it, for the hello whose credential may be
   * computed asynchronously). A rejected promise or a failed write goes to `onError`.
   */
  write(payload: Uint8Array | Promise<Uint8Array>): boolean {
    const size = payload instanceof Uint8Array ? payload.byteLength : 0;
    // The chain below handles a rejection; mark it handled now in case it comes before then.
    if (!(payload instanceof Uint8Array)) payload.catch(() => undefined);
    if (this.#queuedBytes + size > this.#maxQueuedBytes) return false;
    this.#queuedBytes += size;
    this.#outstanding += 1;
    const stream = this.#stream;
    this.#tail = this.#tail
      .then(async () => {
        try {
          const bytes = await payload;
          if (stream.writableNeedsDrain) await stream.onDrain();
          if (stream.writeStatus !== 'writable') return;
          // The adapter checked the frame against its own limit before queueing it; without a
          // limit here it-length-prefixed would apply its 4 MiB default, and a document's first
          // sync above that could never be sent. No queued frame exceeds the queue's bound.
          stream.send(lp.encode.single(bytes, { maxDataLength: this.#maxQueuedBytes }));
        } finally {
          this.#queuedBytes -= size;
          this.#outstanding -= 1;
        }
      })
      .catch((err: unknown) => {
        try {
          this.#onError(err);
        } catch {
          // Nothing awaits this chain: a throw here would be an unhandled rejection.
        }
      });
    return true;
  }
}
