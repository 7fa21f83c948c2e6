import { isValidAutomergeUrl, type AutomergeUrl } from '@automerge/automerge-repo/slim';
import { isId } from '@integrale/ledger';
import { isRelayAddress } from './relays.js';

/*
 * What this browser profile remembers besides keys and documents: which cooperative it belongs to
 * and where that cooperative's root document is, the relays its invitation named, and relays the
 * member added. Kept in `localStorage`, so that every tab of the profile sees a change at once
 * (the `storage` event) — a tab that founds or joins tells the others that way. Nothing here is
 * secret: the keys are in the key store, the documents in IndexedDB.
 */

/** The part of `localStorage` used here. */
export interface MembershipStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The cooperative this device belongs to. */
export interface Membership {
  /** The cooperative's id (its genesis id). */
  readonly coop: string;
  /** Its root document. */
  readonly rootUrl: AutomergeUrl;
  /** The relays named by the invitation this device joined with (none for a founder). */
  readonly relays: readonly string[];
}

/** Storage key of the {@link Membership}. */
export const MEMBERSHIP_KEY = 'integrale.membership';

/** Storage key of the relays the member added. */
export const USER_RELAYS_KEY = 'integrale.relays';

function parse(text: string | null): unknown {
  if (text === null || text.length > 64 * 1024) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function relayList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter(isRelayAddress).slice(0, 16) : [];
}

/** The remembered membership, or `null` (none, or unreadable: treated as none). */
export function readMembership(storage: MembershipStorage): Membership | null {
  let value: unknown;
  try {
    value = parse(storage.getItem(MEMBERSHIP_KEY));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { coop, rootUrl, relays } = value as Record<string, unknown>;
  if (typeof coop !== 'string' || !isId(coop)) return null;
  if (typeof rootUrl !== 'string' || !isValidAutomergeUrl(rootUrl)) return null;
  return { coop, rootUrl, relays: relayList(relays) };
}

/** Remembers the membership (other tabs get a `storage` event). */
export function writeMembership(storage: MembershipStorage, membership: Membership): void {
  storage.setItem(
    MEMBERSHIP_KEY,
    JSON.stringify({
      coop: membership.coop,
      rootUrl: membership.rootUrl,
      relays: membership.relays,
    }),
  );
}

/** The relays the member added. */
export function readUserRelays(storage: MembershipStorage): string[] {
  try {
    return relayList(parse(storage.getItem(USER_RELAYS_KEY)));
  } catch {
    return [];
  }
}

/** Remembers the relays the member added. */
export function writeUserRelays(storage: MembershipStorage, relays: readonly string[]): void {
  storage.setItem(USER_RELAYS_KEY, JSON.stringify(relays));
}
