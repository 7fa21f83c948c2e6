import { keyPairFromSeed } from '@integrale/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_INVITATION_LINK_LENGTH,
  encodeInvitationLink,
  invitationKeyPair,
  parseInvitationLink,
  parseInvitationQuery,
  type Invitation,
  type InvitationParseResult,
} from '../src/invitation.js';

const COOP = 'b65b037e294862a361704ba6c47f4d4aa4f482af20afaa3c2ca3cb99aec9fb3c';
const INVITE = '0f'.repeat(32);
const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const RELAY =
  '/dns4/relay.coop-idf.example/tcp/443/wss/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const LAN_RELAY =
  '/ip4/192.168.1.20/tcp/9090/ws/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const APP = 'http://192.168.1.20:9090/';
/** 2026-01-01T00:00:00Z */
const EXPIRES = 1_767_225_600;
const BEFORE = (EXPIRES - 3600) * 1000;

const INVITATION: Invitation = {
  coop: COOP,
  invite: INVITE,
  secret: SECRET,
  relays: [RELAY, LAN_RELAY],
  name: 'Coopérative intégrale du Val-de-Marne & co',
  expiresAt: EXPIRES,
};

function linkWith(query: string): string {
  return `${APP}#/join?${query}`;
}

const VALID_QUERY = encodeInvitationLink(INVITATION, APP).split('#/join?')[1] as string;

/** The valid query with one parameter replaced (or removed, when `value` is null). */
function withParam(key: string, value: string | null): string {
  const kept = VALID_QUERY.split('&').filter((pair) => !pair.startsWith(`${key}=`));
  return linkWith(value === null ? kept.join('&') : [...kept, `${key}=${value}`].join('&'));
}

function reasonOf(result: InvitationParseResult): string {
  if (result.ok) return 'ok';
  return 'field' in result ? `${result.reason}:${result.field}` : result.reason;
}

describe('encodeInvitationLink', () => {
  it('writes every field in the fragment, in order', () => {
    const link = encodeInvitationLink(INVITATION, APP);
    expect(link.startsWith(`${APP}#/join?v=1&coop=${COOP}&invite=${INVITE}&secret=`)).toBe(true);
    expect(link).toContain(
      `&relay=${encodeURIComponent(RELAY)}&relay=${encodeURIComponent(LAN_RELAY)}`,
    );
    expect(link).toContain(
      '&name=Coop%C3%A9rative%20int%C3%A9grale%20du%20Val-de-Marne%20%26%20co',
    );
    expect(link.endsWith(`&expires=${EXPIRES}`)).toBe(true);
    // Nothing secret before the fragment, which browsers never send to a server.
    expect(link.split('#')[0]).toBe(APP);
  });

  it('replaces a fragment the app address already has', () => {
    expect(
      encodeInvitationLink(INVITATION, `${APP}#/membres`).startsWith(`${APP}#/join?v=1&`),
    ).toBe(true);
  });

  it('leaves the name out when there is none', () => {
    const { name: _name, ...unnamed } = INVITATION;
    expect(encodeInvitationLink(unnamed, APP)).not.toContain('name=');
  });

  it('refuses fields out of bounds, naming the field', () => {
    const cases: [Partial<Invitation>, string][] = [
      [{ coop: COOP.toUpperCase() }, 'coop'],
      [{ invite: 'abc' }, 'invite'],
      [{ secret: new Uint8Array(31) }, 'secret'],
      [{ relays: [] }, 'relay'],
      [{ relays: [RELAY, RELAY, RELAY, RELAY, RELAY] }, 'relay'],
      [{ relays: ['relay.example:443'] }, 'relay'],
      [{ relays: [`/dns4/${'a'.repeat(300)}`] }, 'relay'],
      [{ relays: ['/dns4/a b'] }, 'relay'],
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ name: 'Coop\u202eevil' }, 'name'],
      [{ name: '' }, 'name'],
      [{ expiresAt: 1.5 }, 'expires'],
      [{ expiresAt: 0 }, 'expires'],
    ];
    for (const [change, field] of cases) {
      expect(() => encodeInvitationLink({ ...INVITATION, ...change }, APP)).toThrow(
        expect.objectContaining({ name: 'InvalidInvitationError', field }),
      );
    }
  });
});

describe('parseInvitationLink', () => {
  it('reads back what was written', () => {
    const result = parseInvitationLink(encodeInvitationLink(INVITATION, APP), { now: BEFORE });
    expect(result).toEqual({ ok: true, invitation: INVITATION });
  });

  it('reads a link without name, with one relay, and the fragment alone', () => {
    const { name: _name, ...unnamed } = INVITATION;
    const one = { ...unnamed, relays: [LAN_RELAY] };
    const link = encodeInvitationLink(one, APP);
    expect(parseInvitationLink(link, { now: BEFORE })).toEqual({ ok: true, invitation: one });
    expect(parseInvitationLink(`  ${link.slice(link.indexOf('#'))}\n`, { now: BEFORE })).toEqual({
      ok: true,
      invitation: one,
    });
    expect(parseInvitationQuery(link.split('#/join?')[1] as string, { now: BEFORE })).toEqual({
      ok: true,
      invitation: one,
    });
  });

  it('reads parameters in any order, keeps the relays’ order, and ignores unknown ones', () => {
    const pairs = VALID_QUERY.split('&');
    const shuffled = [
      ...pairs.filter((pair) => pair.startsWith('relay=')),
      'later=1',
      ...pairs.filter((pair) => !pair.startsWith('relay=')).reverse(),
    ].join('&');
    expect(parseInvitationLink(linkWith(shuffled), { now: BEFORE })).toEqual({
      ok: true,
      invitation: INVITATION,
    });
  });

  it('gives the key the invite names', () => {
    expect(invitationKeyPair(INVITATION).did).toBe(keyPairFromSeed(SECRET).did);
  });

  it('says when the invitation has expired, and what it was', () => {
    const at = parseInvitationLink(encodeInvitationLink(INVITATION, APP), { now: EXPIRES * 1000 });
    expect(at).toEqual({ ok: false, reason: 'expired', invitation: INVITATION });
    expect(
      parseInvitationLink(encodeInvitationLink(INVITATION, APP), { now: EXPIRES * 1000 - 1 }).ok,
    ).toBe(true);
  });

  it('says when the link is of another version, before looking at anything else', () => {
    expect(parseInvitationLink(linkWith('v=2&whatever=1'), { now: BEFORE })).toEqual({
      ok: false,
      reason: 'wrong-version',
      version: '2',
    });
    expect(reasonOf(parseInvitationLink(withParam('v', '01'), { now: BEFORE }))).toBe(
      'wrong-version',
    );
    expect(reasonOf(parseInvitationLink(withParam('v', null), { now: BEFORE }))).toBe(
      'missing-field:v',
    );
  });

  it('names a missing field', () => {
    for (const field of ['coop', 'invite', 'secret', 'relay', 'expires']) {
      expect(reasonOf(parseInvitationLink(withParam(field, null), { now: BEFORE }))).toBe(
        `missing-field:${field}`,
      );
    }
  });

  it('names a damaged field', () => {
    const secretText = VALID_QUERY.match(/secret=([^&]+)/)?.[1] as string;
    const cases: [string, string, string][] = [
      ['coop', COOP.slice(1), 'coop'],
      ['coop', COOP.toUpperCase(), 'coop'],
      ['invite', `${INVITE}00`, 'invite'],
      ['secret', secretText.slice(1), 'secret'],
      ['secret', `${secretText.slice(0, 42)}B`, 'secret'], // non-zero unused bits
      ['secret', `${secretText.slice(0, 42)}=`, 'secret'],
      ['secret', '', 'secret'],
      ['expires', '-5', 'expires'],
      ['expires', '1e10', 'expires'],
      ['expires', '0', 'expires'],
      ['expires', '9'.repeat(13), 'expires'],
      ['expires', '1767225600.5', 'expires'],
      ['name', '', 'name'],
      ['name', encodeURIComponent('é'.repeat(81)), 'name'],
      ['name', encodeURIComponent('Coop\u0000'), 'name'],
      ['name', encodeURIComponent('\u2067Coop'), 'name'],
    ];
    for (const [key, value, field] of cases) {
      expect({
        key,
        value,
        reason: reasonOf(parseInvitationLink(withParam(key, value), { now: BEFORE })),
      }).toEqual({
        key,
        value,
        reason: `invalid-field:${field}`,
      });
    }
    const relays = (count: number, relay = RELAY) =>
      Array.from({ length: count }, () => `relay=${encodeURIComponent(relay)}`).join('&');
    const withoutRelays = VALID_QUERY.split('&').filter((pair) => !pair.startsWith('relay='));
    const query = (relayPart: string) => linkWith([...withoutRelays, relayPart].join('&'));
    expect(reasonOf(parseInvitationLink(query(relays(4)), { now: BEFORE }))).toBe('ok');
    expect(reasonOf(parseInvitationLink(query(relays(5)), { now: BEFORE }))).toBe(
      'invalid-field:relay',
    );
    expect(
      reasonOf(parseInvitationLink(query(relays(1, `/dns4/${'a'.repeat(300)}`)), { now: BEFORE })),
    ).toBe('invalid-field:relay');
    expect(reasonOf(parseInvitationLink(query(relays(1, 'relay.example')), { now: BEFORE }))).toBe(
      'invalid-field:relay',
    );
    expect(reasonOf(parseInvitationLink(query('relay='), { now: BEFORE }))).toBe(
      'invalid-field:relay',
    );
  });

  it('calls a repeated field, bad escapes and odd shapes malformed', () => {
    for (const text of [
      `${linkWith(VALID_QUERY)}&coop=${COOP}`,
      linkWith(`${VALID_QUERY}&name=%E0%A4%A`),
      linkWith(`${VALID_QUERY}&=x`),
      linkWith(`${VALID_QUERY}&justakey`),
      linkWith(`${VALID_QUERY}&`),
      linkWith(`${VALID_QUERY} &x=1`),
      linkWith(Array.from({ length: 17 }, (_, i) => `x${i}=1`).join('&')),
    ]) {
      expect({ text, reason: reasonOf(parseInvitationLink(text, { now: BEFORE })) }).toEqual({
        text,
        reason: 'malformed',
      });
    }
  });

  it('says when a text is not an invitation at all', () => {
    for (const text of [
      '',
      'bonjour',
      APP,
      `${APP}#/membres`,
      `${APP}#/join`,
      `${APP}?v=1&coop=${COOP}`,
    ]) {
      expect(reasonOf(parseInvitationLink(text, { now: BEFORE }))).toBe('not-an-invitation');
    }
    expect(reasonOf(parseInvitationLink(42 as unknown as string, { now: BEFORE }))).toBe(
      'not-an-invitation',
    );
  });

  it('refuses an absurdly long text before reading it', () => {
    const long = linkWith(`${VALID_QUERY}&pad=${'a'.repeat(MAX_INVITATION_LINK_LENGTH)}`);
    expect(parseInvitationLink(long, { now: BEFORE })).toEqual({ ok: false, reason: 'too-long' });
  });

  it('never throws, whatever the text', () => {
    const pieces = fc.constantFrom(
      'v=1',
      'v=2',
      `coop=${COOP}`,
      `invite=${INVITE}`,
      'secret=AAcOFRwjKjE4P0ZNVFtiaXB3foWMk5qhqK-2vcTL0tk',
      `relay=${encodeURIComponent(RELAY)}`,
      'name=%F0%9F%8C%B1',
      'name=%ZZ',
      `expires=${EXPIRES}`,
      'expires=1',
      '&',
      '=',
      '%',
      '#',
      '?',
      '/join?',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string({ maxLength: 12, unit: 'binary' })), { maxLength: 24 }),
        (parts) => {
          const text = `${APP}#/join?${parts.join('&')}`;
          const result = parseInvitationLink(text, { now: BEFORE });
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 600, unit: 'binary' }), (text) => {
        expect(typeof parseInvitationLink(text, { now: BEFORE }).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back any valid invitation it writes', () => {
    const hex64 = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''));
    const relay = fc
      .string({
        unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789./:-_%[]+=@'),
        minLength: 1,
        maxLength: 120,
      })
      .map((rest) => `/${rest}`);
    const name = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .filter(
        (text) =>
          !/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(text) &&
          text.trim() !== '' &&
          [...text].length <= 80,
      );
    const invitation = fc.record(
      {
        coop: hex64,
        invite: hex64,
        secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        relays: fc.array(relay, { minLength: 1, maxLength: 4 }),
        name,
        expiresAt: fc.integer({ min: 1_700_000_000, max: 4_000_000_000 }),
      },
      { requiredKeys: ['coop', 'invite', 'secret', 'relays', 'expiresAt'] },
    );
    fc.assert(
      fc.property(invitation, (inv) => {
        const result = parseInvitationLink(encodeInvitationLink(inv, APP), { now: 0 });
        expect(result).toEqual({ ok: true, invitation: inv });
      }),
      { numRuns: 500 },
    );
  });
});
