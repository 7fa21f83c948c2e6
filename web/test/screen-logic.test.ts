import {
  INVALID_REASONS,
  PENDING_REASONS,
  type EntryStatus,
  type MemberInfo,
} from '@integrale/ledger';
import { describe, expect, it } from 'vitest';
import type { FoundProblem, InviteProblem, JoinProblem } from '../src/app/runtime.js';
import {
  describeEntryState,
  describeFoundProblem,
  describeInviteProblem,
  describeJoinProblem,
  describeRefusal,
  entryDirection,
  memberName,
  memberSearch,
  readFoundForm,
  readMemberName,
  readPayForm,
  type FoundFormInput,
} from '../src/app/screen-logic.js';
import { LOCALES } from '../src/i18n/catalog.js';
import { createTranslator } from '../src/i18n/translator.js';
import { createInMemoryRuntime } from './support/in-memory-runtime.js';

const fr = createTranslator('fr');
const en = createTranslator('en');

const member = (did: string, name: string | null, invitedBy: string | null = null): MemberInfo => ({
  did,
  name,
  invitedBy,
  since: '2026-01-01T00:00:00.000Z',
  entry: '0'.repeat(64),
});

const MEMBERS = [
  member('did:key:alice', null),
  member('did:key:bob', 'Bob', 'did:key:alice'),
  member('did:key:chloe', 'Chloé', 'did:key:alice'),
  member('did:key:celine', 'Céline <b>', 'did:key:bob'),
];

const FORM: FoundFormInput = {
  name: ' La Fourmilière ',
  founderName: ' Alice ',
  code: 'eco',
  currencyName: 'Éco',
  decimals: '2',
  creditLimit: '100,50',
};

/** A sentence: capital first, final stop, no placeholder left. */
const SENTENCE = /^\p{Lu}[^{}]*[.!?…]$/u;

describe('readFoundForm', () => {
  it('reads the credit limit in currency units into minor units, exactly', () => {
    expect(readFoundForm(fr, FORM, 'fr')).toEqual({
      ok: true,
      request: {
        name: 'La Fourmilière',
        founderName: 'Alice',
        currency: { code: 'ECO', name: 'Éco', decimals: 2 },
        creditLimit: 10_050,
      },
    });
    expect(readFoundForm(en, { ...FORM, creditLimit: '1,234.56' }, 'en')).toMatchObject({
      ok: true,
      request: { creditLimit: 123_456 },
    });
    expect(readFoundForm(fr, { ...FORM, decimals: '0', creditLimit: '0' }, 'fr')).toMatchObject({
      ok: true,
      request: { creditLimit: 0, currency: { decimals: 0 } },
    });
  });

  it('says what is wrong with each field, in the member’s language', () => {
    const result = readFoundForm(
      fr,
      {
        name: '  ',
        founderName: '',
        code: 'ÉCO',
        currencyName: '',
        decimals: '5',
        creditLimit: '-3',
      },
      'fr',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'code',
      'currencyName',
      'decimals',
      'founderName',
      'name',
    ]);
    for (const text of Object.values(result.errors)) expect(text).toMatch(SENTENCE);
    // "1,234" is one thousand two hundred and thirty-four in English, too precise in French.
    const limit = readFoundForm(en, { ...FORM, creditLimit: '1,234' }, 'en');
    expect(limit).toEqual({ ok: true, request: expect.objectContaining({ creditLimit: 123_400 }) });
    const tooPrecise = readFoundForm(fr, { ...FORM, creditLimit: '1,234' }, 'fr');
    expect(tooPrecise).toEqual({
      ok: false,
      errors: { creditLimit: 'Au plus 2\u00a0chiffres après la virgule.' },
    });
    expect(readFoundForm(fr, { ...FORM, name: 'x'.repeat(81) }, 'fr')).toMatchObject({
      ok: false,
      errors: { name: expect.stringMatching(/trop long/) },
    });
  });
});

describe('memberSearch', () => {
  it('leaves out oneself and ignores case and accents', () => {
    expect(memberSearch(MEMBERS, '', 'did:key:alice').map((m) => m.did)).toEqual([
      'did:key:bob',
      'did:key:celine',
      'did:key:chloe',
    ]);
    expect(memberSearch(MEMBERS, 'CE', 'did:key:alice').map((m) => m.name)).toEqual(['Céline <b>']);
    expect(memberSearch(MEMBERS, ' ch ', 'did:key:bob').map((m) => m.name)).toEqual(['Chloé']);
    expect(memberSearch(MEMBERS, 'zz', null)).toEqual([]);
  });
});

describe('memberName', () => {
  it('names the founder and unknown dids in words', () => {
    expect(memberName(fr, MEMBERS, 'did:key:alice')).toBe('Personne fondatrice');
    expect(memberName(en, MEMBERS, 'did:key:celine')).toBe('Céline <b>');
    expect(memberName(en, MEMBERS, 'did:key:zoe')).toBe('Unknown person');
  });
});

describe('describeEntryState', () => {
  const statuses: EntryStatus[] = [
    { state: 'valid', balance: 0 },
    ...PENDING_REASONS.map((reason) => ({ state: 'pending' as const, reason })),
    ...INVALID_REASONS.map((reason) => ({ state: 'invalid' as const, reason })),
  ];
  for (const locale of LOCALES) {
    it(`puts every verdict into plain words in ${locale}`, () => {
      const i18n = createTranslator(locale);
      for (const status of statuses) {
        const text = describeEntryState(i18n, status);
        expect(text.state).toBe(status.state);
        expect(text.label).toMatch(/^\p{Lu}/u);
        if (status.state === 'valid') expect(text.reason).toBeNull();
        else expect(text.reason).toMatch(SENTENCE);
      }
    });
  }

  it('labels the three states', () => {
    expect(describeEntryState(fr, { state: 'valid', balance: 5 }).label).toBe('Valide');
    expect(describeEntryState(en, { state: 'pending', reason: 'missing-prev' }).label).toBe(
      'Pending',
    );
    expect(describeEntryState(en, { state: 'invalid', reason: 'over-limit' })).toEqual({
      state: 'invalid',
      label: 'Rejected',
      reason: 'It takes its author’s balance below the credit limit.',
    });
  });
});

describe('runtime reasons', () => {
  const FOUND: FoundProblem[] = ['not-ready', 'already-member', 'invalid-details'];
  const INVITE: InviteProblem[] = ['not-ready', 'not-member', 'no-relay'];
  const JOIN: JoinProblem[] = [
    'not-ready',
    'already-member',
    'invalid-link',
    'expired',
    'invalid-name',
    'busy',
    'cancelled',
    'invite-used',
    'bad-proof',
    'malformed',
  ];
  for (const locale of LOCALES) {
    it(`have a sentence in ${locale}`, () => {
      const i18n = createTranslator(locale);
      for (const reason of FOUND) expect(describeFoundProblem(i18n, reason)).toMatch(SENTENCE);
      for (const reason of INVITE) expect(describeInviteProblem(i18n, reason)).toMatch(SENTENCE);
      for (const reason of JOIN) expect(describeJoinProblem(i18n, reason)).toMatch(SENTENCE);
    });
  }

  it('describe a known refusal and ignore anything else', () => {
    expect(describeRefusal(en, 'invite-used')).toBe(
      'This invitation has already been used. Ask for a new one.',
    );
    expect(describeRefusal(en, '<script>')).toBeNull();
    expect(describeRefusal(en, null)).toBeNull();
  });

  it('read a newcomer’s name', () => {
    expect(readMemberName(fr, '  Dana ')).toEqual({ ok: true, name: 'Dana' });
    expect(readMemberName(fr, ' ')).toEqual({ ok: false, error: 'Indiquez votre nom.' });
    expect(readMemberName(en, 'é'.repeat(81)).ok).toBe(false);
    expect(readMemberName(en, 'é'.repeat(80)).ok).toBe(true);
  });
});

describe('readPayForm', () => {
  const ECO = { code: 'ECO', decimals: 2 };
  it('reads the amount exactly and trims the memo', () => {
    expect(
      readPayForm(fr, { to: 'did:key:bob', amount: '12,30', memo: ' pain ' }, ECO, 'fr'),
    ).toEqual({ ok: true, to: 'did:key:bob', amount: 1230, memo: 'pain' });
    expect(readPayForm(en, { to: 'did:key:bob', amount: '0.1', memo: '' }, ECO, 'en')).toEqual({
      ok: true,
      to: 'did:key:bob',
      amount: 10,
      memo: '',
    });
  });

  it('asks for a payee, a positive amount and a short memo', () => {
    const result = readPayForm(fr, { to: null, amount: '0', memo: 'x'.repeat(281) }, ECO, 'fr');
    expect(result).toEqual({
      ok: false,
      errors: {
        to: 'Choisissez la personne à payer.',
        amount: 'Le montant doit être plus grand que zéro.',
        memo: 'Le message est trop long (280\u00a0caractères au plus).',
      },
    });
    // 280 characters, counted as the member sees them (an emoji is one).
    expect(readPayForm(fr, { to: 'b', amount: '1', memo: '😀'.repeat(280) }, ECO, 'fr').ok).toBe(
      true,
    );
  });
});

describe('paying through the in-memory runtime', () => {
  function setup() {
    return createInMemoryRuntime({
      cooperative: {
        id: 'c'.repeat(64),
        name: 'La Fourmilière',
        currency: { code: 'ECO', name: 'Éco', decimals: 2 },
        creditLimit: 10_000,
      },
      self: 'did:key:alice',
      members: MEMBERS,
    });
  }

  it('pays what the form read and lists it as a valid entry', async () => {
    const runtime = setup();
    const read = readPayForm(
      fr,
      { to: 'did:key:bob', amount: '12,50', memo: 'Pain' },
      runtime.snapshot().cooperative!.currency,
      'fr',
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const result = await runtime.pay(read);
    expect(result.ok).toBe(true);
    const { balance, entries, self } = runtime.snapshot();
    expect(balance).toBe(-1250);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry?.pay).toEqual({ to: 'did:key:bob', amount: 1250, memo: 'Pain' });
    expect(describeEntryState(fr, entry!.status).label).toBe('Valide');
    expect(entryDirection(entry!, self)).toBe(-1);
    expect(entryDirection(entry!, 'did:key:bob')).toBe(1);
    expect(entryDirection(entry!, 'did:key:chloe')).toBe(0);
  });

  it('refuses a payment over the credit limit, with a sentence', async () => {
    const runtime = setup();
    const result = await runtime.pay({ to: 'did:key:bob', amount: 10_001, memo: '' });
    expect(result).toEqual({ ok: false, reason: 'over-limit' });
    expect(runtime.snapshot().entries).toEqual([]);
  });
});
