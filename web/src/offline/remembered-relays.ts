import { isRelayAddress } from '../runtime/relays.js';

/**
 * The serving relay's addresses, remembered for a page opened with no network.
 *
 * A page reads the relay that served it from `/relay.json` once, at start. Opened from the service
 * worker's cache with no network, that read fails — and a founder, whose membership names no
 * invitation relay, would then have no relay to dial for the whole session: nothing done offline
 * would reach anyone when the network came back. So the last good answer is kept in
 * `localStorage` (per origin, like the page's other data) and used when the read fails.
 */

/** Storage key of the serving relay's last good `/relay.json` addresses. */
export const SERVING_RELAYS_KEY = 'integrale.servingRelays';

/** Most addresses kept (as many as `fetchServingRelays` takes from `/relay.json`). */
const MAX_REMEMBERED = 8;

/** Longest stored text read back: a few addresses of at most 300 characters each. */
const MAX_STORED_LENGTH = 8 * 1024;

/** `localStorage`, or what stands in for it. */
export interface RelayMemoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * `fetched` (what `/relay.json` answered just now) when it has addresses, remembering them;
 * otherwise the addresses remembered from the last good answer. A stored value that is not a list
 * of relay addresses counts as nothing remembered; a storage that throws (quota, privacy mode)
 * only loses the memory, never the fetched answer.
 */
export function servingRelaysOrRemembered(
  storage: RelayMemoryStorage,
  fetched: readonly string[],
): string[] {
  if (fetched.length > 0) {
    try {
      storage.setItem(SERVING_RELAYS_KEY, JSON.stringify(fetched.slice(0, MAX_REMEMBERED)));
    } catch {
      // Remembering is a convenience; the page has its relays for this session.
    }
    return [...fetched];
  }
  try {
    const text = storage.getItem(SERVING_RELAYS_KEY);
    if (text === null || text.length > MAX_STORED_LENGTH) return [];
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(isRelayAddress).slice(0, MAX_REMEMBERED) : [];
  } catch {
    return [];
  }
}
