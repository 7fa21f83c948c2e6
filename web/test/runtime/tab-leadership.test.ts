import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  leaseLeadership,
  webLocksLeadership,
  type LeaseStorage,
  type LockManagerLike,
} from '../../src/runtime/tab-leadership.js';

/** An in-memory lock manager with the Web Locks semantics the leadership relies on. */
function fakeLocks(): LockManagerLike {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const grant = (name: string, callback: (lock: unknown) => Promise<void>): Promise<void> => {
    held.add(name);
    return callback({ name }).finally(() => {
      held.delete(name);
      waiting.get(name)?.shift()?.();
    });
  };
  return {
    request(name, options, callback) {
      if (!held.has(name)) return grant(name, callback);
      if (options.ifAvailable) return callback(null);
      return new Promise<void>((resolve, reject) => {
        const next = (): void => void grant(name, callback).then(resolve, reject);
        waiting.set(name, [...(waiting.get(name) ?? []), next]);
        options.signal?.addEventListener('abort', () => {
          waiting.set(
            name,
            (waiting.get(name) ?? []).filter((entry) => entry !== next),
          );
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    },
  };
}

function memoryStorage(): LeaseStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('leadership through Web Locks', () => {
  it('makes the first tab the leader and the next one leader when the first stops', async () => {
    const locks = fakeLocks();
    const first = webLocksLeadership(locks, 'integrale-network-c');
    const second = webLocksLeadership(locks, 'integrale-network-c');
    const seen: string[] = [];
    first.start((leading) => seen.push(`first ${leading}`));
    await flush();
    second.start((leading) => seen.push(`second ${leading}`));
    await flush();
    expect(seen).toStrictEqual(['first true', 'second false']);
    first.stop();
    await flush();
    expect(seen).toStrictEqual(['first true', 'second false', 'second true']);
  });

  it('stops waiting when a follower stops', async () => {
    const locks = fakeLocks();
    const leader = webLocksLeadership(locks, 'n');
    const follower = webLocksLeadership(locks, 'n');
    const third = webLocksLeadership(locks, 'n');
    const seen: string[] = [];
    leader.start(() => undefined);
    await flush();
    follower.start((leading) => seen.push(`follower ${leading}`));
    third.start((leading) => seen.push(`third ${leading}`));
    await flush();
    follower.stop();
    leader.stop();
    await flush();
    expect(seen).toStrictEqual(['follower false', 'third false', 'third true']);
  });
});

describe('leadership through a lease in localStorage', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const lease = (storage: LeaseStorage, tabId: string) =>
    leaseLeadership({ storage, key: 'lease', tabId, ttlMs: 10_000, renewMs: 2_000, settleMs: 200 });

  it('lets one tab take a free lease, and another take it over once it is given up', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const a = lease(storage, 'a');
    const b = lease(storage, 'b');
    const seen: string[] = [];
    a.start((leading) => seen.push(`a ${leading}`));
    await vi.advanceTimersByTimeAsync(250);
    b.start((leading) => seen.push(`b ${leading}`));
    await vi.advanceTimersByTimeAsync(250);
    expect(seen).toStrictEqual(['a true', 'b false']);
    await vi.advanceTimersByTimeAsync(20_000); // renewals keep it
    expect(seen).toStrictEqual(['a true', 'b false']);
    a.stop();
    expect(storage.values.has('lease')).toBe(false);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(seen).toStrictEqual(['a true', 'b false', 'b true']);
  });

  it('takes over a lease its holder stopped renewing (a crashed tab)', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    storage.setItem('lease', JSON.stringify({ tab: 'gone', until: Date.now() + 10_000 }));
    const b = lease(storage, 'b');
    const seen: boolean[] = [];
    b.start((leading) => seen.push(leading));
    await vi.advanceTimersByTimeAsync(9_000);
    expect(seen).toStrictEqual([false]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(seen).toStrictEqual([false, true]);
  });

  it('settles two tabs that both believed they led on the one whose id sorts first', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const a = lease(storage, 'a');
    const b = lease(storage, 'b');
    const seen: string[] = [];
    a.start((leading) => seen.push(`a ${leading}`));
    await vi.advanceTimersByTimeAsync(250);
    storage.removeItem('lease'); // as if b had looked before a's write landed
    b.start((leading) => seen.push(`b ${leading}`));
    await vi.advanceTimersByTimeAsync(250);
    expect(seen).toStrictEqual(['a true', 'b true']);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(seen).toStrictEqual(['a true', 'b true', 'b false']);
    expect(JSON.parse(storage.getItem('lease') ?? '{}')).toMatchObject({ tab: 'a' });
  });
});
