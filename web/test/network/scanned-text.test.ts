import { describe, expect, it } from 'vitest';
import { encodeInvitationLink } from '../../src/invitation.js';
import { classifyScannedText, relayAddressProblem } from '../../src/scan/scanned-text.js';

const PEER = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const RELAY = `/ip4/192.168.1.10/tcp/4002/ws/p2p/${PEER}`;

const LINK = encodeInvitationLink(
  {
    coop: 'a'.repeat(64),
    invite: 'b'.repeat(64),
    secret: new Uint8Array(32).fill(7),
    relays: [RELAY],
    expiresAt: 2_000_000_000,
  },
  'http://192.168.1.10:8080/',
);

describe('relayAddressProblem', () => {
  it('accepts a relay multiaddr, with spaces around it', () => {
    expect(relayAddressProblem(RELAY)).toBeNull();
    expect(relayAddressProblem(`  ${RELAY}\n`)).toBeNull();
    expect(relayAddressProblem(`/dns4/relay.example.org/tcp/443/wss/p2p/${PEER}`)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['   \n\t', 'empty'],
    ['x'.repeat(10_000), 'too-long'],
    [`/ip4/1.2.3.4/tcp/1/ws/p2p/${PEER}${'9'.repeat(400)}`, 'too-long'],
    ['javascript:alert(1)', 'url'],
    ['JavaScript:alert(document.cookie)//', 'url'],
    ['http://192.168.1.10:8080/', 'url'],
    ['data:text/html,<script>alert(1)</script>', 'url'],
    ['garbage', 'not-multiaddr'],
    ['<img src=x onerror=alert(1)>', 'not-multiaddr'],
    ['/ip4/192.168.1.10/tcp/4002/ws', 'no-peer-id'],
    [`/ip4/192.168.1.10/tcp/4002/ws/p2p/${PEER}/extra`, 'malformed'],
    [`/ip4/192.168.1.10/tcp/4002/ws/p2p/short`, 'malformed'],
    [`/ip4/192.168.1.10/tcp/4002/ws /p2p/${PEER}`, 'malformed'],
    [`/ip4/1.2.3.4/tcp/1/ws/p2p/${PEER}\u0000`, 'malformed'],
    [`/ip4/1.2.3.4/tcp/1/wß/p2p/${PEER}`, 'malformed'],
  ] as const)('says why %j is not a relay address (%s)', (text, problem) => {
    expect(relayAddressProblem(text)).toBe(problem);
  });

  it('recognises an invitation link, even without its address part', () => {
    expect(relayAddressProblem(LINK)).toBe('invitation');
    expect(relayAddressProblem(LINK.slice(LINK.indexOf('#')))).toBe('invitation');
  });

  it('answers for values that are not strings', () => {
    expect(relayAddressProblem(42 as unknown as string)).toBe('malformed');
    expect(relayAddressProblem(null as unknown as string)).toBe('malformed');
  });
});

describe('classifyScannedText', () => {
  it('tells an invitation link from a relay address', () => {
    expect(classifyScannedText(LINK)).toEqual({ kind: 'invitation', link: LINK });
    expect(classifyScannedText(` ${RELAY} `)).toEqual({ kind: 'relay', address: RELAY });
  });

  it('calls an expired or damaged invitation an invitation (the join screen says what is wrong)', () => {
    const expired = LINK.replace(/expires=\d+|e=\d+/, (m) => m.replace(/\d+/, '1'));
    expect(classifyScannedText(expired).kind).toBe('invitation');
    expect(classifyScannedText('http://x/#/join?v=1&coop=zz').kind).toBe('invitation');
  });

  it('says neither for anything else, with the reason', () => {
    expect(classifyScannedText('https://example.org/')).toEqual({
      kind: 'unknown',
      problem: 'url',
    });
    expect(classifyScannedText('WIFI:S:coop;T:WPA;P:secret;;')).toEqual({
      kind: 'unknown',
      problem: 'url',
    });
    expect(classifyScannedText('Bonjour')).toEqual({ kind: 'unknown', problem: 'not-multiaddr' });
    expect(classifyScannedText('é'.repeat(20_000))).toEqual({
      kind: 'unknown',
      problem: 'too-long',
    });
  });
});
