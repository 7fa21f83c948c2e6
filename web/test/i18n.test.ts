import { describe, expect, it } from 'vitest';
import type { PayProblem } from '../src/app/runtime.js';
import {
  CATALOGS,
  LOCALES,
  createLocaleStore,
  createTranslator,
  describeAmountProblem,
  describeBackupError,
  describeInvitationProblem,
  describePayProblem,
  en,
  fr,
  placeholdersOf,
  type KeyValueStorage,
  type Locale,
  type Message,
} from '../src/i18n/index.js';
import type { InvitationProblem } from '../src/invitation.js';
import type { AmountInputProblem } from '../src/money.js';

const NNBSP = '\u202f';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & {
  data: Map<string, string>;
} {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('catalogs', () => {
  it('have exactly the same keys in every language', () => {
    const keys = Object.keys(fr).sort();
    for (const locale of LOCALES) expect(Object.keys(CATALOGS[locale]).sort()).toEqual(keys);
    expect(Object.keys(en).sort()).toEqual(keys);
  });

  it('use the same placeholders for a key in every language', () => {
    for (const [key, message] of Object.entries(fr) as [string, Message][]) {
      const expected = placeholdersOf(message).sort();
      for (const locale of LOCALES) {
        const other = (CATALOGS[locale] as Record<string, Message>)[key] as Message;
        expect({ key, locale, names: placeholdersOf(other).sort() }).toEqual({
          key,
          locale,
          names: expected,
        });
      }
    }
  });

  it('give plural forms (at least one and other) wherever French has them', () => {
    for (const [key, message] of Object.entries(fr) as [string, Message][]) {
      for (const locale of LOCALES) {
        const other = (CATALOGS[locale] as Record<string, Message>)[key] as Message;
        expect({ key, locale, plural: typeof other !== 'string' }).toEqual({
          key,
          locale,
          plural: typeof message !== 'string',
        });
        if (typeof other !== 'string') {
          expect(other.one, key).not.toBe('');
          expect(other.other, key).not.toBe('');
        }
      }
    }
  });

  it('have no empty message and no stray brace', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(CATALOGS[locale]) as [string, Message][]) {
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) {
          expect(text.trim(), `${locale} ${key}`).not.toBe('');
          expect(text.replace(/\{[A-Za-z][A-Za-z0-9]*\}/g, ''), `${locale} ${key}`).not.toMatch(
            /[{}]/,
          );
        }
      }
    }
  });
});

describe('translator', () => {
  it('speaks French by default and falls back to French for an unknown language', () => {
    expect(createTranslator().t('nav.home')).toBe('Accueil');
    expect(createTranslator('xx' as Locale).locale).toBe('fr');
    expect(createTranslator('en').t('nav.home')).toBe('Home');
  });

  it('fills named parameters', () => {
    expect(createTranslator('fr').t('home.memberOf', { name: 'La Fourmilière' })).toBe(
      'Vous êtes membre de «\u00a0La Fourmilière\u00a0».',
    );
    expect(createTranslator('en').t('home.memberOf', { name: 'La Fourmilière' })).toBe(
      'You are a member of “La Fourmilière”.',
    );
  });

  it('puts parameter text in as it is, without reading placeholders inside it', () => {
    expect(createTranslator('en').t('home.memberOf', { name: '{name} <b>' })).toBe(
      'You are a member of “{name} <b>”.',
    );
  });

  it('writes numbers the language’s way', () => {
    expect(createTranslator('fr').t('members.count', { count: 1234 })).toBe(
      `1${NNBSP}234\u00a0membres`,
    );
    expect(createTranslator('en').t('members.count', { count: 1234 })).toBe('1,234 members');
  });

  it('picks plural forms by the language’s rules, with an exact zero', () => {
    const frT = createTranslator('fr');
    const enT = createTranslator('en');
    expect(frT.t('members.count', { count: 0 })).toBe('Aucun membre pour l’instant');
    expect(frT.t('members.count', { count: 1 })).toBe('1\u00a0membre');
    expect(frT.t('members.count', { count: 2 })).toBe('2\u00a0membres');
    // French says « 1 000 000 de membres » ('many'); without a 'many' form, 'other' is used.
    expect(frT.t('members.count', { count: 1_000_000 })).toBe(
      `1${NNBSP}000${NNBSP}000\u00a0membres`,
    );
    expect(enT.t('members.count', { count: 0 })).toBe('No members yet');
    expect(enT.t('members.count', { count: 1 })).toBe('1 member');
    expect(enT.t('members.count', { count: 2 })).toBe('2 members');
    // French's singular covers 0 < n < 2 where English's does not.
    expect(frT.t('amount.tooManyDecimals', { count: 1 })).toBe(
      'Au plus 1\u00a0chiffre après la virgule.',
    );
    expect(enT.t('join.relays', { count: 1 })).toBe('It uses one relay to find the other members.');
    expect(enT.t('join.relays', { count: 3 })).toBe('It uses 3 relays to find the other members.');
  });

  it('leaves a missing parameter visible instead of dropping it', () => {
    const t = createTranslator('en').t as (key: string, params?: object) => string;
    expect(t('home.memberOf', {})).toBe('You are a member of “{name}”.');
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('writes dates in the language', () => {
    const day = new Date('2026-03-03T12:00:00Z');
    expect(createTranslator('fr').formatDate(day)).toBe('3 mars 2026');
    expect(createTranslator('en').formatDate(day)).toBe('March 3, 2026');
  });
});

describe('locale store', () => {
  it('starts in French when nothing is remembered', () => {
    expect(createLocaleStore().locale).toBe('fr');
    expect(createLocaleStore({ storage: memoryStorage() }).locale).toBe('fr');
  });

  it('remembers the choice and tells subscribers', () => {
    const storage = memoryStorage();
    const store = createLocaleStore({ storage });
    const seen: Locale[] = [];
    const unsubscribe = store.subscribe((locale) => seen.push(locale));
    store.setLocale('en');
    store.setLocale('en');
    expect(store.locale).toBe('en');
    expect(storage.data.get('integrale.locale')).toBe('en');
    expect(seen).toEqual(['en']);
    unsubscribe();
    store.setLocale('fr');
    expect(seen).toEqual(['en']);
    expect(createLocaleStore({ storage }).locale).toBe('fr');
  });

  it('reads back a remembered choice and ignores anything else', () => {
    expect(createLocaleStore({ storage: memoryStorage({ 'integrale.locale': 'en' }) }).locale).toBe(
      'en',
    );
    expect(createLocaleStore({ storage: memoryStorage({ 'integrale.locale': 'de' }) }).locale).toBe(
      'fr',
    );
    const store = createLocaleStore();
    store.setLocale('de' as Locale);
    expect(store.locale).toBe('fr');
  });

  it('still switches when storage refuses to be read or written', () => {
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = createLocaleStore({ storage: refusing });
    expect(store.locale).toBe('fr');
    store.setLocale('en');
    expect(store.locale).toBe('en');
  });
});

describe('sentences for reason codes', () => {
  const AMOUNT: AmountInputProblem[] = [
    'empty',
    'too-long',
    'malformed',
    'negative',
    'exponent',
    'too-many-decimals',
    'zero',
    'too-large',
  ];
  const INVITATION: InvitationProblem[] = [
    { reason: 'too-long' },
    { reason: 'not-an-invitation' },
    { reason: 'malformed' },
    { reason: 'wrong-version', version: '2' },
    { reason: 'missing-field', field: 'secret' },
    { reason: 'invalid-field', field: 'coop' },
  ];
  const PAY: PayProblem[] = [
    'not-ready',
    'not-member',
    'unknown-payee',
    'self-pay',
    'invalid-amount',
    'over-limit',
    'memo-too-long',
  ];

  for (const locale of LOCALES) {
    it(`exist in ${locale} for every reason`, () => {
      const i18n = createTranslator(locale);
      const sentences = [
        ...AMOUNT.map((reason) => describeAmountProblem(i18n, reason, 2, '10 000 000 000,00 ECO')),
        ...INVITATION.map((problem) => describeInvitationProblem(i18n, problem)),
        ...PAY.map((reason) => describePayProblem(i18n, reason)),
      ];
      for (const sentence of sentences) {
        expect(sentence).toMatch(/^\p{Lu}.*[.!?]$/u);
        expect(sentence).not.toMatch(/[{}]/);
      }
    });
  }

  it('name backup errors by their class name, and nothing else', () => {
    const i18n = createTranslator('fr');
    const named = (name: string) => Object.assign(new Error('x'), { name });
    expect(describeBackupError(i18n, named('WrongPassphraseError'))).toBe(
      'La phrase secrète ne correspond pas à cette sauvegarde.',
    );
    expect(describeBackupError(i18n, named('DamagedBackupError'))).toMatch(/abîmée/);
    expect(describeBackupError(i18n, named('UnsupportedBackupVersionError'))).toMatch(/version/);
    expect(describeBackupError(i18n, new TypeError('x'))).toBeNull();
    expect(describeBackupError(i18n, 'WrongPassphraseError')).toBeNull();
  });

  it('say how many decimals are allowed', () => {
    expect(describeAmountProblem(createTranslator('fr'), 'too-many-decimals', 0, '')).toBe(
      'Le montant doit être un nombre entier, sans virgule.',
    );
    expect(describeAmountProblem(createTranslator('en'), 'too-many-decimals', 2, '')).toBe(
      'At most 2 digits after the decimal point.',
    );
  });
});
