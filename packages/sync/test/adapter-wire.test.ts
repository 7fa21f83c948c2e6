/*
 * The sync protocol's frame validation, on its own: every verdict is data, nothing throws, and
 * only well-formed hellos and messages pass.
 */
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, parseHello, parseMessage } from '../src/adapter/wire.js';

const documentId = parseAutomergeUrl(generateAutomergeUrl()).documentId;
const base = { senderId: 'alice', targetId: 'bob', documentId };

describe('hello validation', () => {
  it('accepts a hello and keeps only the known metadata fields', () => {
    const verdict = parseHello({
      type: 'hello',
      peerId: 'alice',
      peerMetadata: { storageId: 'store-1', isEphemeral: false, extra: 'dropped' },
      credential: { certificate: 'c' },
    });
    expect(verdict).toEqual({
      ok: true,
      value: {
        type: 'hello',
        peerId: 'alice',
        peerMetadata: { storageId: 'store-1', isEphemeral: false },
        credential: { certificate: 'c' },
      },
    });
  });

  it.each([
    ['not a map', 'hello'],
    ['no type', { peerId: 'alice' }],
    ['a peer id that is not a string', { type: 'hello', peerId: 7 }],
    ['an empty peer id', { type: 'hello', peerId: '' }],
    ['a peer id of 257 chars', { type: 'hello', peerId: 'x'.repeat(257) }],
    ['metadata that is a list', { type: 'hello', peerId: 'a', peerMetadata: [] }],
    ['a numeric storage id', { type: 'hello', peerId: 'a', peerMetadata: { storageId: 1 } }],
    ['a string isEphemeral', { type: 'hello', peerId: 'a', peerMetadata: { isEphemeral: 'y' } }],
  ])('rejects %s', (_name, value) => {
    expect(parseHello(value).ok).toBe(false);
  });

  it('reads only own fields, not ones inherited through a crafted prototype', () => {
    const crafted = Object.create({ type: 'hello', peerId: 'inherited' }) as object;
    expect(parseHello(crafted).ok).toBe(false);
  });
});

describe('message validation', () => {
  const data = Uint8Array.of(1, 2, 3);

  it.each([
    ['sync', { type: 'sync', ...base, data }],
    ['request', { type: 'request', ...base, data }],
    ['doc-unavailable', { type: 'doc-unavailable', ...base }],
    ['ephemeral', { type: 'ephemeral', ...base, data, count: 3, sessionId: 's' }],
    ['remote-subscription-change', { type: 'remote-subscription-change', ...base, add: ['x'] }],
    [
      'remote-heads-changed',
      { type: 'remote-heads-changed', ...base, newHeads: { s: { heads: ['h'], timestamp: 1 } } },
    ],
  ])('accepts a well-formed %s message', (_type, value) => {
    expect(parseMessage(value)).toEqual({ ok: true, value });
  });

  it('passes a well-formed message of an unknown type as null, to be dropped', () => {
    expect(parseMessage({ type: 'from-the-future', senderId: 'a', targetId: 'b' })).toEqual({
      ok: true,
      value: null,
    });
  });

  it.each([
    ['a second hello', { type: 'hello', ...base }],
    ['a sync without data', { type: 'sync', ...base }],
    ['a sync whose data is text', { type: 'sync', ...base, data: 'abc' }],
    ['a bad document id', { type: 'sync', ...base, documentId: 'nope', data }],
    ['no sender', { type: 'sync', targetId: 'bob', documentId, data }],
    ['an ephemeral without count', { type: 'ephemeral', ...base, data, sessionId: 's' }],
    ['a negative count', { type: 'ephemeral', ...base, data, count: -1, sessionId: 's' }],
    ['subscriptions that are not ids', { type: 'remote-subscription-change', ...base, add: [1] }],
    ['heads that are not strings', { type: 'remote-heads-changed', ...base, newHeads: { s: 1 } }],
  ])('rejects %s', (_name, value) => {
    expect(parseMessage(value).ok).toBe(false);
  });
});

describe('frame decoding', () => {
  it('round-trips a message through CBOR, data as bytes', () => {
    const message = { type: 'sync', ...base, data: Uint8Array.of(9) };
    const decoded = decodeFrame(encodeFrame(message as never));
    const parsed = decoded.ok ? parseMessage(decoded.value) : decoded;
    expect(parsed.ok).toBe(true);
    const value = parsed.ok ? parsed.value : null;
    expect(value).toMatchObject({ type: 'sync', ...base });
    // cbor-x gives a Buffer in Node: a Uint8Array all the same.
    expect(value?.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(value?.data ?? [])).toEqual([9]);
  });

  it('returns a verdict, not an exception, for bytes that are not CBOR', () => {
    expect(decodeFrame(Uint8Array.of(0x1c))).toMatchObject({ ok: false });
    expect(decodeFrame(Uint8Array.of(0x01, 0x02))).toMatchObject({ ok: false });
  });
});
