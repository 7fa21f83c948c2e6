import { describe, expect, it } from 'vitest';
import { circuitHop, classifyPeer, isLanAddress } from '../../src/runtime/network-facts.js';

const RELAY = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const MEMBER = '12D3KooWAbcdefghijkLMNOPQRSTUVWXyz1234567890abcdefgh';

describe('isLanAddress', () => {
  it.each([
    '/ip4/192.168.1.10/tcp/4002/ws',
    '/ip4/10.0.0.1/tcp/1',
    '/ip4/172.16.0.1/tcp/1',
    '/ip4/172.31.255.255/tcp/1',
    '/ip4/127.0.0.1/tcp/1/ws',
    '/ip4/169.254.3.4/udp/1',
    '/ip6/::1/tcp/1',
    '/ip6/fd12:3456::1/tcp/1',
    '/ip6/fe80::1/tcp/1',
    '/ip6/::ffff:192.168.0.2/tcp/1',
    '/dns4/localhost/tcp/1/ws',
    '/dns/printer.local/tcp/1',
  ])('%s is on the local network', (address) => {
    expect(isLanAddress(address)).toBe(true);
  });

  it.each([
    '/ip4/8.8.8.8/tcp/1',
    '/ip4/172.32.0.1/tcp/1',
    '/ip4/192.169.0.1/tcp/1',
    '/ip4/100.64.0.1/tcp/1',
    '/ip6/2001:db8::1/tcp/1',
    '/ip6/::ffff:8.8.8.8/tcp/1',
    '/dns4/relay.example.org/tcp/443/wss',
    '/dns4/localhost.example.org/tcp/1',
    // odd and hostile
    '/ip4/192.168.1.999/tcp/1',
    '/ip4/192.168.1/tcp/1',
    '/ip4/0192.168.1.1/tcp/1',
    '/ip4/192.168.1.1 /tcp/1',
    '/ip4/-1.168.1.1/tcp/1',
    '/ip6/fe80::zz/tcp/1',
    '/ip6/fc/tcp/1',
    'ip4/192.168.1.1/tcp/1',
    '//ip4/192.168.1.1',
    '/p2p/' + RELAY + '/p2p-circuit/webrtc',
    '/ip4/192.168.1.1'.padEnd(5_000, '/x'),
    '',
    '/',
    '/ip4',
  ])('%s is not', (address) => {
    expect(isLanAddress(address)).toBe(false);
  });

  it('never throws on values that are not strings', () => {
    expect(isLanAddress(undefined as unknown as string)).toBe(false);
    expect(isLanAddress({} as unknown as string)).toBe(false);
  });
});

describe('circuitHop', () => {
  it('finds the device relaying a circuit address', () => {
    expect(
      circuitHop(`/ip4/127.0.0.1/tcp/1/ws/p2p/${RELAY}/p2p-circuit/webrtc/p2p/${MEMBER}`),
    ).toBe(RELAY);
    expect(circuitHop(`/p2p/${RELAY}/p2p-circuit/p2p/${MEMBER}`)).toBe(RELAY);
  });

  it('finds none where there is no well-formed hop', () => {
    expect(circuitHop(`/ip4/127.0.0.1/tcp/1/ws/p2p/${RELAY}`)).toBeNull();
    expect(circuitHop('/p2p-circuit/webrtc')).toBeNull();
    expect(circuitHop('/p2p/<script>/p2p-circuit')).toBeNull();
    expect(circuitHop('/ip4/1.2.3.4/p2p-circuit')).toBeNull();
    expect(circuitHop(`/p2p/${RELAY}/p2p-circuit`.repeat(100))).toBeNull();
  });
});

describe('classifyPeer', () => {
  const members: Record<string, string> = { [MEMBER]: 'did:key:z6MkBob' };
  const memberOf = (peerId: string) => members[peerId] ?? null;
  const circuit = `/ip4/127.0.0.1/tcp/1/ws/p2p/${RELAY}/p2p-circuit/webrtc/p2p/X`;

  it('prefers a direct WebRTC connection (its address still reads as a circuit)', () => {
    expect(
      classifyPeer(
        [
          { remoteAddr: circuit, direct: false, webrtc: false },
          { remoteAddr: circuit, direct: true, webrtc: true },
        ],
        memberOf,
      ),
    ).toEqual({ direct: true, transport: 'webrtc', via: null });
  });

  it('calls a direct connection to a private address LAN, any other direct one other', () => {
    expect(
      classifyPeer(
        [{ remoteAddr: '/ip4/192.168.1.20/tcp/4001', direct: true, webrtc: false }],
        memberOf,
      ),
    ).toEqual({ direct: true, transport: 'lan', via: null });
    expect(
      classifyPeer(
        [{ remoteAddr: '/ip4/81.2.3.4/tcp/4001/ws', direct: true, webrtc: false }],
        memberOf,
      ),
    ).toEqual({ direct: true, transport: 'other', via: null });
    expect(
      classifyPeer([{ remoteAddr: 'not an address', direct: true, webrtc: false }], memberOf),
    ).toEqual({ direct: true, transport: 'other', via: null });
  });

  it('calls a peer reached only through a relay relayed, naming a member whose device relays', () => {
    expect(classifyPeer([{ remoteAddr: circuit, direct: false, webrtc: true }], memberOf)).toEqual({
      direct: false,
      transport: 'relayed',
      via: null,
    });
    expect(
      classifyPeer(
        [{ remoteAddr: `/p2p/${MEMBER}/p2p-circuit/p2p/Y`, direct: false, webrtc: false }],
        memberOf,
      ),
    ).toEqual({ direct: false, transport: 'relayed', via: 'did:key:z6MkBob' });
  });
});
