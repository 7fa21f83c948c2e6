import type { Page } from 'playwright-core';
import type { Member } from './browser.js';

/*
 * The page's `window.integrale` (web/src/runtime/test-hook.ts), as the tests see it. Functions
 * given to `page.evaluate` run in the page, so each one names `globalThis.integrale` itself;
 * these types only describe what it finds there.
 */

export interface ConnectionFact {
  readonly remotePeer: string;
  readonly remoteAddr: string;
  readonly status: string;
  readonly direct: boolean;
  readonly webrtc: boolean;
  readonly relay: boolean;
  readonly direction: string;
}

export interface PageSnapshot {
  readonly phase: string;
  readonly problem: string | null;
  readonly self: string | null;
  readonly cooperative: { readonly id: string; readonly name: string } | null;
  readonly members: readonly { readonly did: string; readonly name: string | null }[];
  readonly balance: number;
  readonly connection: { readonly state: string; readonly peers: number };
  readonly join: { readonly state: string; readonly lastRefusal: string | null } | null;
  readonly entries: readonly {
    readonly id: string;
    readonly type: string;
    readonly status: { readonly state: string };
    /** For an accept: the payment it accepts. */
    readonly accepts?: string;
  }[];
  readonly network: {
    readonly role: string;
    readonly relays: readonly { readonly address: string; readonly state: string }[];
    readonly peers: readonly {
      readonly peerId: string;
      readonly member: string | null;
      readonly direct: boolean;
      readonly transport: string;
    }[];
  };
}

type Result = { ok: true; [key: string]: unknown } | { ok: false; reason: string };

export interface PageHook {
  readonly runtime: {
    snapshot(): PageSnapshot;
    balanceOf(did: string): number;
    found(request: unknown): Promise<Result>;
    invite(): Promise<Result & { link?: string }>;
    join(request: { link: string; name: string }): Promise<Result>;
    pay(request: {
      to: string;
      amount: number;
      memo: string;
    }): Promise<Result & { entry?: string }>;
  };
  role(): string;
  peerId(): string | null;
  connections(): ConnectionFact[];
  heads(): { root: string[]; ledger: string[] } | null;
  entryState(id: string): string | null;
  verifier(): string | null;
  leadership(): string | null;
}

/** How page-side functions reach the hook: `(globalThis as unknown as HookGlobal).integrale`. */
export interface HookGlobal {
  readonly integrale: PageHook;
}

/** The currency every scenario uses. */
export const ECO = { code: 'ECO', name: 'Éco', decimals: 2 } as const;

/** The page's snapshot, as JSON. */
export function snapshot(page: Page): Promise<PageSnapshot> {
  return page.evaluate(() =>
    JSON.parse(JSON.stringify((globalThis as unknown as HookGlobal).integrale.runtime.snapshot())),
  );
}

/** Founds a cooperative from `member`'s page; resolves with its id. */
export async function found(member: Member, name: string, creditLimit = 100_000): Promise<string> {
  const result = await member.page.evaluate(
    (request) => (globalThis as unknown as HookGlobal).integrale.runtime.found(request),
    { name, currency: ECO, creditLimit },
  );
  if (!result.ok) throw new Error(`${member.name} could not found: ${result.reason}`);
  return result['coop'] as string;
}

/** An invitation link from `member`. */
export async function invite(member: Member): Promise<string> {
  const result = await member.page.evaluate(() =>
    (globalThis as unknown as HookGlobal).integrale.runtime.invite(),
  );
  if (!result.ok) throw new Error(`${member.name} could not invite: ${result.reason}`);
  return result['link'] as string;
}

/** Opens the invitation link in `member`'s page and joins as `member.name`. */
export async function join(member: Member, link: string): Promise<void> {
  await member.page.goto(link);
  await member.page.waitForFunction(
    () =>
      (globalThis as unknown as HookGlobal).integrale?.runtime.snapshot().phase ===
      'no-cooperative',
  );
  const result = await member.page.evaluate(
    (name) =>
      (globalThis as unknown as HookGlobal).integrale.runtime.join({
        link: (globalThis as unknown as { location: { href: string } }).location.href,
        name,
      }),
    member.name,
  );
  if (!result.ok) throw new Error(`${member.name} could not join: ${result.reason}`);
}

/** `member`'s did. */
export async function didOf(member: Member): Promise<string> {
  const did = (await snapshot(member.page)).self;
  if (did === null) throw new Error(`${member.name} has no key`);
  return did;
}

/** The libp2p PeerId of `member`'s device (its page must lead the network). */
export async function peerIdOf(member: Member): Promise<string> {
  const peerId = await member.page.evaluate(() =>
    (globalThis as unknown as HookGlobal).integrale.peerId(),
  );
  if (peerId === null) throw new Error(`${member.name}'s page runs no libp2p node`);
  return peerId;
}

/** Pays from `member`'s page; resolves with the pay entry's id. */
export async function pay(
  member: Member,
  to: string,
  amount: number,
  memo: string,
): Promise<string> {
  const result = await member.page.evaluate(
    (request) => (globalThis as unknown as HookGlobal).integrale.runtime.pay(request),
    { to, amount, memo },
  );
  if (!result.ok) throw new Error(`${member.name} could not pay: ${result.reason}`);
  return result['entry'] as string;
}

/** Waits until `page`'s ledger holds entry `id` as valid. */
export async function untilValid(page: Page, id: string, timeout?: number): Promise<void> {
  await page.waitForFunction(
    (entry) => (globalThis as unknown as HookGlobal).integrale.entryState(entry) === 'valid',
    id,
    timeout === undefined ? {} : { timeout },
  );
}

/** Waits until `page` counts `count` members. */
export async function untilMembers(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => (globalThis as unknown as HookGlobal).integrale.runtime.snapshot().members.length === n,
    count,
  );
}

/** The open connections of `page`'s node. */
export function connections(page: Page): Promise<ConnectionFact[]> {
  return page.evaluate(() => (globalThis as unknown as HookGlobal).integrale.connections());
}

/**
 * Waits for a direct (unlimited) WebRTC connection from `page` to `peerId`; resolves with it. A
 * peer that restarted under the same PeerId (a reload, a tab taking over) can take its dialler a
 * few backoff rounds to reach again, hence the longer default wait.
 */
export async function untilDirectWebRTC(
  page: Page,
  peerId: string,
  timeout = 60_000,
): Promise<ConnectionFact> {
  const handle = await page.waitForFunction(
    (peer) =>
      (globalThis as unknown as HookGlobal).integrale
        .connections()
        .find((c) => c.remotePeer === peer && c.direct && c.webrtc && c.status === 'open') ?? false,
    peerId,
    { timeout },
  );
  return (await handle.jsonValue()) as ConnectionFact;
}
