import { describe, expect, it } from 'vitest';
import {
  SERVING_RELAYS_KEY,
  servingRelaysOrRemembered,
  type RelayMemoryStorage,
} from '../../src/offline/remembered-relays.js';

const RELAY = '/ip4/127.0.0.1/tcp/8081/ws/p2p/12D3KooWMzjiF7sUgM9qnj6mv3ZESFsrtbVEHoKwutALe7fTFSJa';
const LAN_RELAY =
  '/ip4/192.168.1.20/tcp/8081/ws/p2p/12D3KooWMzjiF7sUgM9qnj6mv3ZESFsrtbVEHoKwutALe7fTFSJa';

function memory(initial: Record<string, string> = {}): RelayMemoryStorage & {
  values: Map<string, string>;
} {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

describe('servingRelaysOrRemembered', () => {
  it('uses and remembers what /relay.json answered', () => {
    const storage = memory();
    expect(servingRelaysOrRemembered(storage, [LAN_RELAY, RELAY])).toStrictEqual([
      LAN_RELAY,
      RELAY,
    ]);
    expect(JSON.parse(storage.values.get(SERVING_RELAYS_KEY)!)).toStrictEqual([LAN_RELAY, RELAY]);
  });

  it('falls back on the last good answer when /relay.json gave nothing (no network)', () => {
    const storage = memory();
    servingRelaysOrRemembered(storage, [RELAY]);
    expect(servingRelaysOrRemembered(storage, [])).toStrictEqual([RELAY]);
    // A newer answer replaces the memory.
    servingRelaysOrRemembered(storage, [LAN_RELAY]);
    expect(servingRelaysOrRemembered(storage, [])).toStrictEqual([LAN_RELAY]);
  });

  it('has nothing to fall back on before a first good answer', () => {
    expect(servingRelaysOrRemembered(memory(), [])).toStrictEqual([]);
  });

  it('reads a tampered or damaged memory as nothing, keeping only real relay addresses', () => {
    for (const stored of [
      'not json',
      '{"relays":[]}',
      '"' + RELAY + '"',
      'null',
      JSON.stringify([42, { address: RELAY }, '/ip4/1.2.3.4/tcp/1/ws', 'javascript:alert(1)']),
      JSON.stringify(Array(10_000).fill(RELAY)),
    ]) {
      expect(servingRelaysOrRemembered(memory({ [SERVING_RELAYS_KEY]: stored }), [])).toStrictEqual(
        [],
      );
    }
    const mixed = JSON.stringify(['<img src=x>', RELAY, 7, `${RELAY}\n`]);
    expect(servingRelaysOrRemembered(memory({ [SERVING_RELAYS_KEY]: mixed }), [])).toStrictEqual([
      RELAY,
    ]);
  });

  it('keeps at most eight addresses', () => {
    const many = Array.from({ length: 12 }, (_, i) => RELAY.replace('8081', String(9000 + i)));
    const storage = memory();
    servingRelaysOrRemembered(storage, many);
    expect(servingRelaysOrRemembered(storage, [])).toHaveLength(8);
  });

  it('still returns the fresh answer when the storage refuses to write or read', () => {
    const refusing: RelayMemoryStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(servingRelaysOrRemembered(refusing, [RELAY])).toStrictEqual([RELAY]);
    expect(servingRelaysOrRemembered(refusing, [])).toStrictEqual([]);
  });
});
