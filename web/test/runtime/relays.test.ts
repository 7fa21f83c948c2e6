import { describe, expect, it } from 'vitest';
import {
  MEMBERSHIP_KEY,
  readMembership,
  readUserRelays,
  writeMembership,
  writeUserRelays,
  type Membership,
} from '../../src/runtime/membership-store.js';
import {
  fetchServingRelays,
  isRelayAddress,
  mergeRelays,
  relayPeerId,
} from '../../src/runtime/relays.js';

const PEER = '12D3KooWGmeG8d73PX5uKAvhNsknGpooxehV61MeS47c9p4ojU6D';
const LAN = `/ip4/192.168.1.20/tcp/8081/ws/p2p/${PEER}`;
const DNS = `/dns/coop.test/tcp/8081/ws/p2p/${PEER}`;

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

describe('relay addresses', () => {
  it('accepts multiaddrs that end in the relay’s PeerId, and nothing else', () => {
    expect(isRelayAddress(LAN)).toBe(true);
    expect(isRelayAddress(DNS)).toBe(true);
    expect(isRelayAddress('/ip4/192.168.1.20/tcp/8081/ws')).toBe(false);
    expect(isRelayAddress(`ws://192.168.1.20/p2p/${PEER}`)).toBe(false);
    expect(isRelayAddress(`/ip4/1.2.3.4/tcp/1/ws/p2p/${PEER} `)).toBe(false);
    expect(isRelayAddress(`/dns/${'a'.repeat(300)}/p2p/${PEER}`)).toBe(false);
    expect(isRelayAddress(42)).toBe(false);
    expect(relayPeerId(LAN)).toBe(PEER);
  });

  it('merges lists in order of preference, each address once', () => {
    expect(mergeRelays([DNS], [LAN, DNS], [], [LAN])).toStrictEqual([DNS, LAN]);
  });

  it('reads the serving relay’s /relay.json, and nothing from a page no relay served', async () => {
    const asked: string[] = [];
    const answer =
      (body: unknown, ok = true) =>
      async (url: string) => {
        asked.push(url);
        return { ok, json: async () => body };
      };
    expect(
      await fetchServingRelays(
        answer({ peerId: PEER, relays: [DNS, 'junk', LAN] }),
        'http://coop.test:8080',
      ),
    ).toStrictEqual([DNS, LAN]);
    expect(asked).toStrictEqual(['http://coop.test:8080/relay.json']);
    expect(await fetchServingRelays(answer({}, false), 'http://localhost:5173')).toStrictEqual([]);
    expect(await fetchServingRelays(answer('<html>'), 'http://localhost:5173')).toStrictEqual([]);
    const failing = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await fetchServingRelays(failing, 'http://localhost:5173')).toStrictEqual([]);
  });
});

describe('the remembered membership', () => {
  const membership: Membership = {
    coop: 'c'.repeat(64),
    rootUrl: 'automerge:2yS5CHrVV1KGuXyHfUFLjkz2zCKP' as Membership['rootUrl'],
    relays: [LAN],
  };

  it('is written and read back', () => {
    const storage = memoryStorage();
    expect(readMembership(storage)).toBeNull();
    writeMembership(storage, membership);
    expect(readMembership(storage)).toStrictEqual(membership);
  });

  it('is treated as absent when unreadable', () => {
    const storage = memoryStorage();
    for (const text of [
      '{',
      'null',
      '[]',
      '{"coop":"x","rootUrl":"automerge:2yS5CHrVV1KGuXyHfUFLjkz2zCKP"}',
    ]) {
      storage.values.set(MEMBERSHIP_KEY, text);
      expect(readMembership(storage)).toBeNull();
    }
    storage.values.set(
      MEMBERSHIP_KEY,
      JSON.stringify({ ...membership, rootUrl: 'https://example.org' }),
    );
    expect(readMembership(storage)).toBeNull();
    storage.values.set(MEMBERSHIP_KEY, JSON.stringify({ ...membership, relays: ['junk', LAN] }));
    expect(readMembership(storage)?.relays).toStrictEqual([LAN]);
  });

  it('keeps the relays the member added', () => {
    const storage = memoryStorage();
    expect(readUserRelays(storage)).toStrictEqual([]);
    writeUserRelays(storage, [DNS]);
    expect(readUserRelays(storage)).toStrictEqual([DNS]);
  });
});
