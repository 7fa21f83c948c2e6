import { describe, expect, it, vi } from 'vitest';
import type { GovernanceResult } from '../../src/app/runtime-governance.js';
import { isGovernanceCall } from '../../src/governance/calls.js';
import { createTabChannel, type ChannelLike, type TabCall } from '../../src/runtime/tab-channel.js';

/** BroadcastChannel in memory: a message reaches every other end, on a later turn. */
function hub(): { open: () => ChannelLike; raw: (message: unknown) => void } {
  const ends = new Set<{ deliver(data: unknown): void }>();
  const open = (): ChannelLike => {
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
  const raw = (message: unknown) => {
    for (const end of ends) end.deliver(structuredClone(message));
  };
  return { open, raw };
}

let next = 0;
const newId = () => `gov-${next++}`;

describe('governance calls between a profile’s tabs', () => {
  it('carries a follower’s vote to the leader, which alone signs, and the answer back', async () => {
    const { open } = hub();
    const leader = createTabChannel({ channel: open(), newId });
    const follower = createTabChannel({ channel: open(), newId });
    const seen: TabCall[] = [];
    leader.serve(async (call) => {
      seen.push(call);
      return { ok: true, entry: 'e'.repeat(64) } satisfies GovernanceResult;
    });
    const call: TabCall = {
      op: 'governance',
      call: { kind: 'vote', proposal: 'a'.repeat(64), choice: 'agree', reason: '' },
    };
    await expect(follower.call(call)).resolves.toStrictEqual({ ok: true, entry: 'e'.repeat(64) });
    expect(seen).toStrictEqual([call]);
    leader.close();
    follower.close();
  });

  it('drops governance messages of the wrong shape without calling the leader', async () => {
    const { open, raw } = hub();
    const leader = createTabChannel({ channel: open(), newId });
    const handler = vi.fn(async () => ({ ok: true }));
    leader.serve(handler);
    const hostile = [
      { op: 'governance' },
      { op: 'governance', call: null },
      { op: 'governance', call: { kind: 'vote', proposal: 1, choice: 'agree', reason: '' } },
      { op: 'governance', call: { kind: 'close', proposal: 'x' } },
      { op: 'governance', call: { kind: 'proxy', assembly: 'a', to: 42 } },
      { op: 'governance', call: { kind: 'propose', input: 'everything' } },
      { op: 'governance', call: { kind: 'rm -rf' } },
    ];
    for (const [i, call] of hostile.entries()) raw({ t: 'call', id: `h-${i}`, call });
    // A good call sent after them is answered: by then the hostile ones were all read.
    const follower = createTabChannel({ channel: open(), newId });
    const good: TabCall = { op: 'governance', call: { kind: 'proxy', assembly: 'ag', to: null } };
    await expect(follower.call(good)).resolves.toStrictEqual({ ok: true });
    expect(handler.mock.calls).toStrictEqual([[good]]);
    leader.close();
    follower.close();
  });

  it('recognises each well-formed governance call', () => {
    expect(isGovernanceCall({ kind: 'proxy', assembly: 'ag', to: null })).toBe(true);
    expect(isGovernanceCall({ kind: 'close', proposal: 'p', withdraw: true })).toBe(true);
    expect(isGovernanceCall({ kind: 'propose', input: {} })).toBe(true);
    expect(isGovernanceCall([])).toBe(false);
  });
});
