/**
 * Speaking the sync protocol by hand, the way a hostile or buggy peer would: no adapter, just a
 * libp2p stream and it-length-prefixed frames.
 */
import { cbor } from '@automerge/automerge-repo/slim';
import type { Connection, Libp2p, Stream } from '@libp2p/interface';
import * as lp from 'it-length-prefixed';
import { SYNC_PROTOCOL } from '../../src/index.js';
import { dial } from './nodes.js';

/** A raw sync stream from one node to another. */
export interface RawSyncStream {
  stream: Stream;
  connection: Connection;
}

/** Dials `to` (a new connection when `force`) and opens one raw sync stream on it. */
export async function openRawStream(
  from: Libp2p,
  to: Libp2p,
  options: { force?: boolean } = {},
): Promise<RawSyncStream> {
  const connection = await dial(from, to, options);
  const stream = await connection.newStream(SYNC_PROTOCOL, { signal: AbortSignal.timeout(3000) });
  return { stream, connection };
}

/** Sends one CBOR value as one length-prefixed frame. */
export function sendValue(stream: Stream, value: unknown): void {
  stream.send(lp.encode.single(cbor.encode(value)));
}

/** Sends bytes as they are: the caller writes its own length prefix (or none). */
export function sendBytes(stream: Stream, bytes: Uint8Array): void {
  stream.send(bytes);
}

/** Frames `payload` with a correct length prefix. */
export function framed(payload: Uint8Array): Uint8Array {
  return lp.encode.single(payload).subarray();
}

/** The unsigned LEB128 varint it-length-prefixed uses for lengths. */
export function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

/** A well-formed hello. */
export function hello(peerId: string, credential?: unknown): Record<string, unknown> {
  return { type: 'hello', peerId, peerMetadata: {}, credential };
}

/** Resolves with the first frame the remote sends, decoded. */
export async function readValue(stream: Stream): Promise<unknown> {
  for await (const frame of lp.decode(stream)) return cbor.decode(frame.subarray());
  throw new Error('stream ended before a frame');
}
