/*
 * Which tab of a browser profile runs the network. Tabs share documents among themselves over a
 * BroadcastChannel; only one of them — the leader — runs libp2p, so the profile's device dials
 * every other member once, not once per tab. The leader holds a lock for its whole life; when it
 * closes, the lock passes to another tab, which starts libp2p.
 *
 * The Web Locks API does exactly that, but only in secure contexts: a page served over plain HTTP
 * from a LAN address (a meeting's relay on a laptop) has no `navigator.locks`. There a lease in
 * `localStorage`, renewed by the leader and taken over when it lapses, stands in for the lock.
 */

/** Competes for the leadership of one cooperative's network among this profile's tabs. */
export interface TabLeadership {
  /** Which mechanism is in use (for the test hook and logs). */
  readonly kind: 'web-locks' | 'lease';
  /**
   * Starts competing. `onChange(true)` when this tab becomes the leader, `onChange(false)` when it
   * is not (or no longer) — the first call comes as soon as that is known, then one per change.
   */
  start(onChange: (leading: boolean) => void): void;
  /** Gives the leadership up (or stops waiting for it). Idempotent. */
  stop(): void;
}

/** The part of the Web Locks API used here. */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/**
 * Leadership through the Web Locks API: the leader holds lock `name` until it stops or its page
 * goes away (the browser then releases it); the other tabs queue for it.
 */
export function webLocksLeadership(locks: LockManagerLike, name: string): TabLeadership {
  const queued = new AbortController();
  let release: (() => void) | undefined;
  let stopped = false;
  const holdUntilStopped = (): Promise<void> =>
    new Promise<void>((resolve) => {
      release = resolve;
      if (stopped) resolve();
    });

  return {
    kind: 'web-locks',
    start(onChange) {
      locks
        .request(name, { ifAvailable: true }, async (lock) => {
          if (stopped) return;
          if (lock !== null) {
            onChange(true);
            await holdUntilStopped();
            return;
          }
          onChange(false);
          locks
            .request(name, { signal: queued.signal }, async () => {
              if (stopped) return;
              onChange(true);
              await holdUntilStopped();
            })
            .catch(() => undefined); // aborted by stop()
        })
        .catch(() => undefined);
    },
    stop() {
      stopped = true;
      queued.abort();
      release?.();
    },
  };
}

/** The part of `localStorage` the lease uses. */
export interface LeaseStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of {@link leaseLeadership}. */
export interface LeaseLeadershipInit {
  readonly storage: LeaseStorage;
  /** The storage key of the lease. */
  readonly key: string;
  /** This tab's id: random, unique among the profile's tabs. */
  readonly tabId: string;
  /** The clock, in milliseconds. @default Date.now */
  readonly now?: () => number;
  /** How long a lease lasts without renewal. @default 10_000 */
  readonly ttlMs?: number;
  /** How often the leader renews it and the others look whether it lapsed. @default 2_000 */
  readonly renewMs?: number;
  /** How long a tab waits after writing the lease before reading who won. @default 200 */
  readonly settleMs?: number;
}

interface Lease {
  readonly tab: string;
  readonly until: number;
}

/**
 * Leadership through a lease in `localStorage`, where the Web Locks API is missing. A tab takes a
 * lapsed lease by writing its id, then reads it back a moment later: the last writer wins. If two
 * tabs still both believe they lead (their writes crossed), the leader seeing the other's live
 * lease at its next renewal yields when the other id sorts first, so it settles within one period.
 * The leader removes the lease when it stops (its page closing), so another tab takes over at its
 * next look instead of waiting for the lease to lapse.
 */
export function leaseLeadership(init: LeaseLeadershipInit): TabLeadership {
  const { storage, key, tabId } = init;
  const now = init.now ?? Date.now;
  const ttl = init.ttlMs ?? 10_000;
  const renewEvery = init.renewMs ?? 2_000;
  const settle = init.settleMs ?? 200;
  let leading = false;
  let stopped = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let notify: (leading: boolean) => void = () => undefined;
  let told: boolean | undefined;

  const read = (): Lease | undefined => {
    try {
      const value = JSON.parse(storage.getItem(key) ?? 'null') as unknown;
      if (typeof value !== 'object' || value === null) return undefined;
      const { tab, until } = value as Record<string, unknown>;
      return typeof tab === 'string' && typeof until === 'number' ? { tab, until } : undefined;
    } catch {
      return undefined;
    }
  };
  const write = (): void =>
    storage.setItem(key, JSON.stringify({ tab: tabId, until: now() + ttl }));
  const tell = (value: boolean): void => {
    leading = value;
    if (told !== value) {
      told = value;
      notify(value);
    }
  };
  const schedule = (delay: number): void => {
    if (!stopped) timer = setTimeout(tick, delay);
  };

  function tick(): void {
    if (stopped) return;
    const lease = read();
    const live = lease !== undefined && lease.until > now() && lease.tab !== tabId;
    if (leading) {
      if (live && lease.tab < tabId) tell(false);
      else write();
      schedule(renewEvery);
      return;
    }
    if (live) {
      tell(false);
      schedule(renewEvery);
      return;
    }
    write();
    timer = setTimeout(() => {
      if (stopped) return;
      tell(read()?.tab === tabId);
      schedule(renewEvery);
    }, settle);
  }

  return {
    kind: 'lease',
    start(onChange) {
      if (!stopped) return;
      stopped = false;
      notify = onChange;
      tick();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      if (leading && read()?.tab === tabId) storage.removeItem(key);
      leading = false;
    },
  };
}
