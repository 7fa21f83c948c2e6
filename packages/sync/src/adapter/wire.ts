/**
 * The sync protocol's frames and their validation.
 *
 * Wire format, one stream per pair of peers, both directions alike:
 *   frame   = varint length ‖ CBOR value         (it-length-prefixed, automerge-repo's `cbor`)
 *   stream  = hello frame ‖ message frame*
 * The hello is `{ type: 'hello', peerId, peerMetadata, credential }`; every later frame is an
 * automerge-repo `Message`. Everything read here comes from an untrusted peer: each function
 * returns a verdict as data and never throws.
 */
import { cbor, isValidDocumentId } from '@automerge/automerge-repo/slim';
import type { Message, PeerId, PeerMetadata, StorageId } from '@automerge/automerge-repo/slim';

/** The libp2p protocol id of the sync stream. A change to the frames gets a new version. */
export const SYNC_PROTOCOL = '/integrale/sync/1.0.0';

/**
 * Default largest frame, in bytes: 32 MiB.
 *
 * A frame is buffered whole before it is decoded, so this bounds the memory one peer can make
 * us hold per stream. It must still fit the largest single message automerge-repo sends: the
 * first sync of a document carries its whole compressed history in one message, and a
 * co-operative's ledger or minutes with years of history and a few attachments can reach tens
 * of MiB. Both ends must use the same limit: a frame above it is treated as an attack.
 */
export const DEFAULT_MAX_FRAME_BYTES = 32 * 1024 * 1024;

/**
 * Largest hello frame, in bytes: 64 KiB. The hello is read before the peer is known, so a
 * stranger may not make us buffer a full frame; a peer id, metadata and a device certificate
 * fit many times over.
 */
export const MAX_HELLO_BYTES = 64 * 1024;

/** Longest peer id, storage id or session id we accept; libp2p peer ids are about 52 chars. */
const MAX_ID_LENGTH = 256;

/** The first frame each way: who I am, how the repo should treat me, and my credential. */
export interface Hello {
  type: 'hello';
  /** The sender's automerge-repo peer id. */
  peerId: PeerId;
  /** The sender repo's metadata, passed to the local repo with `peer-candidate`. */
  peerMetadata: PeerMetadata;
  /** Opaque proof of membership, checked by `authorizePeer`; `undefined` when none. */
  credential: unknown;
}

/** A verdict on untrusted input. */
export type Verdict<T> = { ok: true; value: T } | { ok: false; reason: string };

/** CBOR-encodes a hello or a repo message for the wire (without the length prefix). */
export function encodeFrame(value: Hello | Message): Uint8Array {
  return cbor.encode(value);
}

/** Decodes one frame's CBOR value; any decoding failure is a verdict, not an exception. */
export function decodeFrame(bytes: Uint8Array): Verdict<unknown> {
  try {
    return { ok: true, value: cbor.decode(bytes) };
  } catch (err) {
    return { ok: false, reason: `not CBOR (${describe(err)})` };
  }
}

/** Checks that a decoded frame is a well-formed hello and copies out only the known fields. */
export function parseHello(value: unknown): Verdict<Hello> {
  if (!isRecord(value)) return fail('hello is not a map');
  if (own(value, 'type') !== 'hello') return fail('first frame is not a hello');
  const peerId = own(value, 'peerId');
  if (!isId(peerId)) return fail('hello.peerId is not a short non-empty string');
  const metadata = parsePeerMetadata(own(value, 'peerMetadata'));
  if (!metadata.ok) return metadata;
  return {
    ok: true,
    value: {
      type: 'hello',
      peerId: peerId as PeerId,
      peerMetadata: metadata.value,
      credential: own(value, 'credential'),
    },
  };
}

function parsePeerMetadata(value: unknown): Verdict<PeerMetadata> {
  if (value === undefined || value === null) return { ok: true, value: {} };
  if (!isRecord(value)) return fail('hello.peerMetadata is not a map');
  const metadata: PeerMetadata = {};
  const storageId = own(value, 'storageId');
  if (storageId !== undefined) {
    if (!isId(storageId)) return fail('peerMetadata.storageId is not a short string');
    metadata.storageId = storageId as StorageId;
  }
  const isEphemeral = own(value, 'isEphemeral');
  if (isEphemeral !== undefined) {
    if (typeof isEphemeral !== 'boolean') return fail('peerMetadata.isEphemeral is not a boolean');
    metadata.isEphemeral = isEphemeral;
  }
  return { ok: true, value: metadata };
}

/**
 * What a message of each known type must carry beyond the common fields, so that nothing
 * malformed reaches automerge-repo (some of its handlers throw on bad input).
 */
const TYPE_CHECKS: Record<string, (m: Record<string, unknown>) => string | undefined> = {
  sync: (m) => needDocument(m) ?? needData(m),
  request: (m) => needDocument(m) ?? needData(m),
  ephemeral: (m) =>
    needDocument(m) ??
    needData(m) ??
    (isCount(own(m, 'count')) ? undefined : 'ephemeral.count is not a count') ??
    (isId(own(m, 'sessionId')) ? undefined : 'ephemeral.sessionId is not a short string'),
  'doc-unavailable': (m) => needDocument(m),
  'remote-subscription-change': (m) =>
    optionalIds(own(m, 'add'), 'add') ?? optionalIds(own(m, 'remove'), 'remove'),
  'remote-heads-changed': (m) => needDocument(m) ?? checkNewHeads(own(m, 'newHeads')),
};

/**
 * Checks a decoded frame against automerge-repo's message shapes. `value: null` means a
 * well-formed message of a type this adapter does not know: drop it, it is not an attack
 * (a newer peer may send it).
 */
export function parseMessage(value: unknown): Verdict<Message | null> {
  if (!isRecord(value)) return fail('message is not a map');
  const type = own(value, 'type');
  if (typeof type !== 'string' || type.length === 0 || type.length > 64) {
    return fail('message.type is not a short string');
  }
  if (type === 'hello') return fail('second hello');
  if (!isId(own(value, 'senderId'))) return fail('message.senderId is not a short string');
  if (!isId(own(value, 'targetId'))) return fail('message.targetId is not a short string');
  const documentId = own(value, 'documentId');
  if (documentId !== undefined && !isValidDocumentId(documentId)) {
    return fail('message.documentId is not a document id');
  }
  const data = own(value, 'data');
  if (data !== undefined && !(data instanceof Uint8Array)) {
    return fail('message.data is not bytes');
  }
  const check = TYPE_CHECKS[type];
  if (check === undefined) return { ok: true, value: null };
  const problem = check(value);
  if (problem !== undefined) return fail(`${type}: ${problem}`);
  return { ok: true, value: value as Message };
}

function needDocument(m: Record<string, unknown>): string | undefined {
  return own(m, 'documentId') === undefined ? 'documentId is missing' : undefined;
}

function needData(m: Record<string, unknown>): string | undefined {
  return own(m, 'data') === undefined ? 'data is missing' : undefined;
}

function optionalIds(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) && value.every(isId) ? undefined : `${field} is not a list of ids`;
}

function checkNewHeads(value: unknown): string | undefined {
  if (!isRecord(value)) return 'newHeads is not a map';
  for (const [storageId, entry] of Object.entries(value)) {
    if (!isId(storageId) || !isRecord(entry)) return 'newHeads entry is malformed';
    const heads = own(entry, 'heads');
    const timestamp = own(entry, 'timestamp');
    if (!Array.isArray(heads) || !heads.every((h) => typeof h === 'string')) {
      return 'newHeads heads are not strings';
    }
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
      return 'newHeads timestamp is not a number';
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Map)
  );
}

/** Reads only the object's own fields, never something inherited through a crafted prototype. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
