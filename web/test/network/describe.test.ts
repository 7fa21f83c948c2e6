import { describe, expect, it } from 'vitest';
import { describeRelayProblem, describeTransport } from '../../src/components/network/describe.js';
import { formatTimeAgo } from '../../src/components/network/relative-time.js';
import { createTranslator } from '../../src/i18n/translator.js';

const fr = createTranslator('fr');
const en = createTranslator('en');
/** Spaces as ICU writes them (no-break, narrow no-break) read as plain ones. */
const plain = (text: string) => text.replace(/\s/g, ' ');
const members = [{ did: 'did:bob', name: 'Bob', invitedBy: 'did:alice', since: '', entry: '' }];

describe('formatTimeAgo', () => {
  const now = Date.UTC(2026, 10, 26, 9, 0, 0);
  it('says how long ago, in the member’s language', () => {
    expect(plain(formatTimeAgo(now - 5_000, now, 'fr'))).toBe('il y a 5 s');
    expect(plain(formatTimeAgo(now - 3 * 60_000, now, 'fr'))).toBe('il y a 3 min');
    expect(plain(formatTimeAgo(now - 2 * 3_600_000, now, 'fr'))).toBe('il y a 2 h');
    expect(plain(formatTimeAgo(now - 2 * 86_400_000, now, 'fr'))).toBe('avant-hier');
    expect(plain(formatTimeAgo(now - 5_000, now, 'en'))).toBe('5 sec. ago');
  });

  it('reads a moment in the future as now', () => {
    expect(plain(formatTimeAgo(now + 60_000, now, 'fr'))).toBe('maintenant');
  });
});

describe('network sentences', () => {
  it('says how a device is connected', () => {
    expect(describeTransport(fr, members, { transport: 'webrtc', via: null })).toBe(
      'Connexion directe (WebRTC)',
    );
    expect(describeTransport(fr, members, { transport: 'relayed', via: 'did:bob' })).toBe(
      'Par l’appareil de Bob (mise en relation, pas de données)',
    );
    expect(describeTransport(en, members, { transport: 'lan', via: null })).toBe(
      'Direct connection on the local network',
    );
  });

  it('has a sentence for every relay address problem', () => {
    for (const problem of [
      'empty',
      'too-long',
      'invitation',
      'url',
      'not-multiaddr',
      'no-peer-id',
      'malformed',
    ] as const) {
      expect(describeRelayProblem(fr, problem)).not.toBe('');
      expect(describeRelayProblem(en, problem)).not.toBe(describeRelayProblem(fr, problem));
    }
  });
});
