/*
 * Hostile peers: an attacker is a raw libp2p node speaking the sync protocol by hand. Each
 * attack must get the attacker's connection closed and logged, must not disturb an honest
 * peer syncing with the same victim, and must not crash the process (vitest fails the run on
 * an unhandled rejection).
 */
import * as Automerge from '@automerge/automerge';
import { generateAutomergeUrl, parseAutomergeUrl, type DocHandle } from '@automerge/automerge-repo';
import type { Libp2p } from '@libp2p/interface';
import { afterEach, describe, expect, it } from 'vitest';
import { cbor } from '@automerge/automerge-repo/slim';
import { DEFAULT_MAX_FRAME_BYTES, MAX_HELLO_BYTES, SYNC_PROTOCOL } from '../src/index.js';
import { disconnectedFrom, nextEmitted } from './helpers/events.js';
import { createTestNode, dial, stopNodes } from './helpers/nodes.js';
import {
  announced,
  startPeer,
  stopPeers,
  type TestPeer,
  type TestPeerInit,
} from './helpers/peers.js';
import { framed, hello, openRawStream, sendBytes, sendValue, varint } from './helpers/raw-peer.js';

interface Counter {
  count: number;
}

interface Arena {
  victim: TestPeer;
  honest: TestPeer;
  attacker: Libp2p;
  /** The honest peer's document, and the victim's copy of it. */
  original: DocHandle<Counter>;
  copy: DocHandle<Counter>;
}

const peers: TestPeer[] = [];
const nodes: Libp2p[] = [];

afterEach(async () => {
  await stopPeers(peers.splice(0));
  await stopNodes(nodes.splice(0));
});

/** A victim syncing a document with an honest peer, and an attacker node ready to dial. */
async function arena(victimInit: TestPeerInit = {}): Promise<Arena> {
  const victim = await startPeer('victim', { strictPeerIds: false, ...victimInit });
  const honest = await startPeer('honest', { strictPeerIds: false });
  peers.push(victim, honest);
  const attacker = await createTestNode();
  nodes.push(attacker);
  await dial(honest.node, victim.node);
  await Promise.all([announced(victim, 1), announced(honest, 1)]);
  const original = honest.repo.create<Counter>({ count: 0 });
  const copy = await victim.repo.find<Counter>(original.url);
  return { victim, honest, attacker, original, copy };
}

/** The honest peer's edits still reach the victim. */
async function honestPeerStillSyncs({ original, copy }: Arena): Promise<void> {
  const target = (original.doc()?.count ?? 0) + 1;
  original.change((d) => {
    d.count = target;
  });
  while (copy.doc()?.count !== target) await nextEmitted(copy, 'change');
}

/** Waits until the victim dropped the attacker, and returns the victim's log line about it. */
async function droppedAttacker({ victim, attacker }: Arena, reason: RegExp): Promise<string> {
  await Promise.all([
    disconnectedFrom(attacker, victim.node),
    disconnectedFrom(victim.node, attacker),
  ]);
  return victim.log.logged(
    new RegExp(`hanging up on ${attacker.peerId.toString()}.*${reason.source}`),
  );
}

describe('Libp2pNetworkAdapter against hostile peers', { timeout: 30_000 }, () => {
  it('hangs up on a frame whose length prefix exceeds the maximum, before reading its body', async () => {
    const a = await arena();
    const { stream } = await openRawStream(a.attacker, a.victim.node);
    sendValue(stream, hello('mallory'));
    await announced(a.victim, 2);
    // A prefix announcing one byte too many, and a little of the body.
    sendBytes(stream, varint(DEFAULT_MAX_FRAME_BYTES + 1));
    sendBytes(stream, new Uint8Array(1024));

    expect(await droppedAttacker(a, /frame-too-large/)).toContain('Message length too long');
    expect(a.victim.events).toContain('disconnected:mallory');
    await honestPeerStillSyncs(a);
  });

  it('hangs up on a first frame larger than a hello may be', async () => {
    const a = await arena();
    const { stream } = await openRawStream(a.attacker, a.victim.node);
    sendBytes(stream, varint(MAX_HELLO_BYTES + 1));

    await droppedAttacker(a, /frame-too-large/);
    expect(a.victim.events).not.toContain('candidate:mallory');
    await honestPeerStillSyncs(a);
  });

  const victimId = 'victim';
  const documentId = (): string => parseAutomergeUrl(generateAutomergeUrl()).documentId;
  const garbage: { name: string; reason: RegExp; frames: () => Uint8Array[] }[] = [
    {
      name: 'bytes that are not CBOR',
      reason: /malformed-frame/,
      frames: () => [framed(Uint8Array.of(0x1c, 0x1d, 0x1e))],
    },
    {
      name: 'a length prefix that never ends',
      reason: /malformed-frame/,
      frames: () => [new Uint8Array(12).fill(0xff)],
    },
    {
      name: 'a hello of the wrong shape',
      reason: /malformed-hello/,
      frames: () => [framed(cbor.encode({ type: 'hello', peerId: 42, peerMetadata: {} }))],
    },
    {
      name: 'a first frame that is not a hello',
      reason: /malformed-hello/,
      frames: () => [
        framed(cbor.encode({ type: 'sync', senderId: 'mallory', targetId: victimId })),
      ],
    },
    {
      name: 'a message of the wrong shape after the hello',
      reason: /malformed-message/,
      frames: () => [
        framed(cbor.encode(hello('mallory'))),
        framed(
          cbor.encode({
            type: 'sync',
            senderId: 'mallory',
            targetId: victimId,
            documentId: 'not a document id',
            data: 'not bytes',
          }),
        ),
      ],
    },
    {
      name: 'a message that claims another sender',
      reason: /spoofed-sender/,
      frames: () => [
        framed(cbor.encode(hello('mallory'))),
        framed(
          cbor.encode({
            type: 'request',
            senderId: 'honest',
            targetId: victimId,
            documentId: documentId(),
            data: Automerge.generateSyncMessage(Automerge.init(), Automerge.initSyncState())[1],
          }),
        ),
      ],
    },
  ];

  it.each(garbage)('hangs up on $name', async ({ reason, frames }) => {
    const a = await arena();
    const { stream } = await openRawStream(a.attacker, a.victim.node);
    for (const frame of frames()) sendBytes(stream, frame);

    await droppedAttacker(a, reason);
    await honestPeerStillSyncs(a);
  });

  it('refuses a flood of streams opened one after another and hangs up on the flooder', async () => {
    const a = await arena();
    const connection = await dial(a.attacker, a.victim.node);
    // Each open waits for the previous one, which keeps under yamux's own early-stream guard
    // (see the next test): only the adapter's one-stream-per-peer rule stands in the way.
    let opened = 0;
    try {
      for (; opened < 200; opened++) {
        await connection.newStream(SYNC_PROTOCOL, {
          maxOutboundStreams: 1000,
          signal: AbortSignal.timeout(5000),
        });
      }
    } catch {
      // Refused: the victim hung up.
    }

    await droppedAttacker(a, /stream-flood/);
    expect(opened).toBeLessThan(200);
    await honestPeerStillSyncs(a);
  });

  it('survives a burst of streams opened all at once, which yamux cuts before the adapter', async () => {
    const a = await arena();
    const connection = await dial(a.attacker, a.victim.node);
    const opens = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        connection.newStream(SYNC_PROTOCOL, {
          maxOutboundStreams: 1000,
          signal: AbortSignal.timeout(5000),
        }),
      ),
    );

    // yamux aborts the muxer once more than 10 streams are unacknowledged (MaxEarlyStreamsError);
    // libp2p then takes about 10 s to report the connection closed, so that is not awaited.
    expect(opens.filter((open) => open.status === 'rejected').length).toBeGreaterThan(0);
    expect(a.victim.events).toEqual(['candidate:honest']);
    await honestPeerStillSyncs(a);
  });

  it('hangs up on a peer sending sync traffic for a document mayReceive denies, before the repo sees it', async () => {
    const denied: string[] = [];
    let secret = '';
    const a = await arena({
      // The payroll is shared with the honest member only.
      mayReceive: (peer, message) => {
        if (message.documentId !== secret || peer === 'honest') return true;
        denied.push(`${peer}:${message.type}`);
        return false;
      },
    });
    const payroll = a.victim.repo.create<{ salary: number }>({ salary: 3200 });
    secret = payroll.documentId;

    const reachedRepo: string[] = [];
    a.victim.repo.networkSubsystem.on('message', (message) => {
      if (message.senderId === 'mallory') reachedRepo.push(message.type);
    });
    const { stream } = await openRawStream(a.attacker, a.victim.node);
    sendValue(stream, hello('mallory'));
    await announced(a.victim, 2);
    sendValue(stream, {
      type: 'request',
      senderId: 'mallory',
      targetId: victimId,
      documentId: payroll.documentId,
      data: Automerge.generateSyncMessage(Automerge.init(), Automerge.initSyncState())[1],
    });

    await droppedAttacker(a, /forbidden-message/);
    expect(denied).toEqual(['mallory:request']);
    expect(reachedRepo).toEqual([]);
    await honestPeerStillSyncs(a);
  });
});
