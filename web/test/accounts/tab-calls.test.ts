import { describe, expect, it } from 'vitest';
import type { AccountsResult } from '../../src/app/runtime-accounts.js';
import { createTabChannel, type ChannelLike, type TabCall } from '../../src/runtime/tab-channel.js';

/** BroadcastChannel in memory: a message reaches every other end, on a later turn. */
function hub(): () => ChannelLike {
  const ends = new Set<{ deliver(data: unknown): void }>();
  return () => {
    const listeners: ((event: { data: unknown }) => void)[] = [];
    const end = { deliver: (data: unknown) => listeners.forEach((l) => l({ data })) };
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
const newId = () => `accounts-${next++}`;

describe('account actions between tabs', () => {
  it('carries a follower’s approval to the leader and its answer back', async () => {
    const open = hub();
    const leader = createTabChannel({ channel: open(), newId });
    const follower = createTabChannel({ channel: open(), newId });
    const seen: TabCall[] = [];
    leader.serve(async (call) => {
      seen.push(call);
      return { ok: true, id: 'r'.repeat(64) } satisfies AccountsResult;
    });
    const call: TabCall = { op: 'accounts', call: { kind: 'approve', request: 'r'.repeat(64) } };
    await expect(follower.call(call)).resolves.toStrictEqual({ ok: true, id: 'r'.repeat(64) });
    expect(seen).toStrictEqual([call]);
  });

  it('ignores malformed account calls on the channel', async () => {
    const open = hub();
    const leader = createTabChannel({ channel: open(), newId });
    const raw = open();
    let served = 0;
    leader.serve(async () => {
      served += 1;
      return { ok: false, reason: 'not-ready' } satisfies AccountsResult;
    });
    raw.postMessage({ t: 'call', id: 'x1', call: { op: 'accounts', call: { kind: 'approve' } } });
    raw.postMessage({ t: 'call', id: 'x2', call: { op: 'accounts', call: 'drop table' } });
    raw.postMessage({
      t: 'call',
      id: 'x3',
      call: { op: 'accounts', call: { kind: 'open', input: 1 } },
    });
    const answered = new Promise<unknown>((resolve) =>
      raw.addEventListener('message', ({ data }) => resolve(data)),
    );
    raw.postMessage({
      t: 'call',
      id: 'x4',
      call: { op: 'accounts', call: { kind: 'approve', request: 'a' } },
    });
    await expect(answered).resolves.toMatchObject({ t: 'reply', id: 'x4' });
    expect(served).toBe(1);
  });
});
