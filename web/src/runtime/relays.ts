/*
 * Where the relays come from, in order of preference: the relay that served this page (its
 * `/relay.json` lists its multiaddrs, the one matching the host the page was loaded from first —
 * a page loaded from a LAN address must dial that address: NETWORK-NOTES gotcha 6), then the
 * relays the invitation named, then the ones the member added.
 */

/** Longest relay multiaddr accepted, in characters (as in invitation links). */
export const MAX_RELAY_ADDRESS_LENGTH = 300;

const RELAY_TEXT = /^\/[\x21-\x7e]+\/p2p\/[0-9A-Za-z]{30,100}$/;

/**
 * Whether a text looks like a relay multiaddr this app can keep: printable ASCII, starting with
 * `/` and ending in `/p2p/<PeerId>` (a relay's identity is part of its address, so a dial cannot
 * reach an impostor). libp2p parses it properly when dialling.
 */
export function isRelayAddress(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= MAX_RELAY_ADDRESS_LENGTH && RELAY_TEXT.test(value)
  );
}

/** The lists merged in order, each address once. */
export function mergeRelays(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

/** The PeerId at the end of a relay multiaddr. */
export function relayPeerId(address: string): string {
  return address.slice(address.lastIndexOf('/p2p/') + '/p2p/'.length);
}

/** What `fetch` is needed for. */
export type FetchLike = (
  input: string,
  init?: { signal?: AbortSignal },
) => Promise<{
  ok: boolean;
  json(): Promise<unknown>;
}>;

/**
 * The relay multiaddrs the serving relay announces at `/relay.json` on `origin`, or none when the
 * page was not served by a relay (a dev server, a file copied elsewhere) or the answer is unusable.
 */
export async function fetchServingRelays(fetch: FetchLike, origin: string): Promise<string[]> {
  try {
    const response = await fetch(new URL('/relay.json', origin).href, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return [];
    const body = await response.json();
    const relays = (body as { relays?: unknown } | null)?.relays;
    return Array.isArray(relays) ? relays.filter(isRelayAddress).slice(0, 8) : [];
  } catch {
    return [];
  }
}
