import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NetworkFacts, PayResult } from '../../src/app/runtime.js';
import { createTabChannel, type ChannelLike, type TabCall } from '../../src/runtime/tab-channel.js';

/** BroadcastChannel in memory: a message reaches every other end, on a later turn. */
function hub(): () => ChannelLike {
  const ends = new Set<{ deliver(data: unknown): void }>();
  return () => {
    const listeners: ((event: { data: unknown }) => void)[] = [];
    const end = {
      deliver: (data: unknown) => listeners.forEach((listener) => listener({ data })),
    };
    ends.add(end);
    return {
      postMessage(message: unknown) {
        const copy = structuredClone(message);
        for (const other of ends) if (other !== end) setTimeout(() => other.deliver(copy), 0);
      },
      addEventListener: (_type, listener) => void listeners.push(listener),
      close: () => void ends.delete(end),
    };
  };
}

let next = 0;
const newId = () => `id-${next++}`;
const PAY: TabCall = { op: 'pay', request: { to: 'did:key:bob', amount: 5, memo: '' } };

describe('the channel between a profile’s tabs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('carries a follower’s call to the leader and the answer back', async () => {
    const open = hub();
    const leader = createTabChannel({ channel: open(), newId });
    const follower = createTabChannel({ channel: open(), newId });
    const calls: TabCall[] = [];
    leader.serve(async (call) => {
      calls.push(call);
      return { ok: true, entry: 'e'.repeat(64) } satisfies PayResult;
    });
    await expect(follower.call(PAY)).resolves.toStrictEqual({ ok: true, entry: 'e'.repeat(64) });
    expect(calls).toStrictEqual([PAY]);
  });

  it('carries out a call sent again while a leader starts only once', async () => {
    vi.useFakeTimers();
    const open = hub();
    const follower = createTabChannel({ channel: open(), newId, resendMs: 100 });
    const leader = createTabChannel({ channel: open(), newId });
    const answer = follower.call(PAY);
    await vi.advanceTimersByTimeAsync(350); // sent 4 times, no leader yet
    let carriedOut = 0;
    let release!: () => void;
    leader.serve(async () => {
      carriedOut += 1;
      await new Promise<void>((resolve) => (release = resolve));
      return { ok: false, reason: 'over-limit' } satisfies PayResult;
    });
    await vi.advanceTimersByTimeAsync(350); // resent while the leader works on it
    release();
    await vi.advanceTimersByTimeAsync(10);
    await expect(answer).resolves.toStrictEqual({ ok: false, reason: 'over-limit' });
    expect(carriedOut).toBe(1);
  });

  it('gives up when no leader answers in time', async () => {
    vi.useFakeTimers();
    const follower = createTabChannel({
      channel: hub()(),
      newId,
      callTimeoutMs: 1_000,
      now: () => Date.now(),
    });
    const unanswered = expect(follower.call({ op: 'invite' })).rejects.toMatchObject({
      name: 'TabCallTimeoutError',
    });
    await vi.advanceTimersByTimeAsync(2_500);
    await unanswered;
  });

  it('says why the leader failed to carry a call out', async () => {
    const open = hub();
    const follower = createTabChannel({ channel: open(), newId });
    const leader = createTabChannel({ channel: open(), newId });
    leader.serve(() => Promise.reject(new Error('storage is full')));
    await expect(follower.call(PAY)).rejects.toMatchObject({
      name: 'TabCallFailedError',
      message: 'storage is full',
    });
  });

  it('tells followers how the network is, when the leader publishes or is asked', async () => {
    const open = hub();
    const leader = createTabChannel({ channel: open(), newId });
    const follower = createTabChannel({ channel: open(), newId });
    const facts: NetworkFacts = {
      role: 'leader',
      relays: [{ address: '/ip4/127.0.0.1/tcp/1/ws/p2p/x', state: 'reserved' }],
      peers: [],
      documents: [],
    };
    leader.onNetworkAsked(() => leader.publishNetwork(facts));
    const heard = new Promise<NetworkFacts>((resolve) => follower.onNetwork(resolve));
    follower.askNetwork();
    await expect(heard).resolves.toStrictEqual(facts);
  });

  it('ignores what is not one of its messages', async () => {
    const open = hub();
    const leader = createTabChannel({ channel: open(), newId });
    const stranger = open();
    let called = false;
    leader.serve(async () => {
      called = true;
      return null;
    });
    for (const junk of [null, 1, 'x', { t: 'call' }, { t: 'call', id: 1, call: {} }, { t: '?' }]) {
      stranger.postMessage(junk);
    }
    stranger.postMessage({ t: 'call', id: 'x', call: { op: 'pay', request: { to: 1 } } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(called).toBe(false);
  });
});
