import { describe, expect, it } from 'vitest';
import type { RequestProblem } from '../../src/app/runtime-requests.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { ledgerAlerts } from '../../src/ledger/alerts.js';
import {
  describePeriodProblem,
  describeRequestProblem,
} from '../../src/ledger/describe-requests.js';
import { ledgerExportFileName, ledgerJsonLines } from '../../src/ledger/ledger-export.js';
import { readRequestForm } from '../../src/ledger/request-form.js';

const fr = createTranslator('fr');
const en = createTranslator('en');
const ECO = { code: 'ECO', decimals: 2 };

describe('ledger alerts', () => {
  it('lists forks, then accounts over the limit, from the report', () => {
    const alerts = ledgerAlerts({
      forks: [{ author: 'did:key:zA', seq: 4, ids: ['b'.repeat(64), 'a'.repeat(64)] }],
      overLimit: [{ account: 'did:key:zA', balance: -60_000 }],
    });
    expect(alerts).toStrictEqual([
      { kind: 'fork', author: 'did:key:zA', seq: 4, ids: ['b'.repeat(64), 'a'.repeat(64)] },
      { kind: 'over-limit', account: 'did:key:zA', balance: -60_000 },
    ]);
    expect(ledgerAlerts({ forks: [], overLimit: [] })).toStrictEqual([]);
  });

  it('says « double écriture » with the author and the position', () => {
    expect(fr.t('alerts.fork', { name: 'Bob', seq: 4 })).toContain('Double écriture');
    expect(fr.t('alerts.fork', { name: 'Bob', seq: 4 })).toContain('(4)');
  });
});

describe('the request form', () => {
  it('reads the amount into integer minor units', () => {
    expect(
      readRequestForm(fr, { to: 'did:key:zB', amount: '12,50', memo: ' pain ' }, ECO, 'fr'),
    ).toStrictEqual({
      ok: true,
      to: 'did:key:zB',
      amount: 1_250,
      memo: 'pain',
    });
    expect(
      readRequestForm(en, { to: 'did:key:zB', amount: '1,234.5', memo: '' }, ECO, 'en'),
    ).toMatchObject({
      ok: true,
      amount: 123_450,
    });
  });

  it.each([
    ['no member picked', { to: null, amount: '1', memo: '' }, 'to'],
    ['an amount with a float exponent', { to: 'd', amount: '1e3', memo: '' }, 'amount'],
    ['a negative amount', { to: 'd', amount: '-5', memo: '' }, 'amount'],
    ['too many decimals', { to: 'd', amount: '0,001', memo: '' }, 'amount'],
    ['an amount past 10^12', { to: 'd', amount: '99999999999', memo: '' }, 'amount'],
    ['a reason past 200 characters', { to: 'd', amount: '1', memo: 'é'.repeat(201) }, 'memo'],
    ['a lone surrogate in the reason', { to: 'd', amount: '1', memo: 'a\ud83d' }, 'memo'],
  ])('refuses %s with a sentence on that field', (_, input, field) => {
    const read = readRequestForm(fr, input, ECO, 'fr');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[field as 'to' | 'amount' | 'memo']).toMatch(/\S/);
  });

  it('has a sentence in both languages for every reason', () => {
    const reasons: RequestProblem[] = [
      'not-ready',
      'not-member',
      'unknown-member',
      'self-request',
      'invalid-amount',
      'memo-too-long',
      'not-open',
    ];
    for (const t of [fr, en]) {
      const sentences = reasons.map((reason) => describeRequestProblem(t, reason));
      expect(new Set(sentences).size).toBe(reasons.length);
      for (const reason of ['invalid-from', 'invalid-to', 'reversed'] as const) {
        expect(describePeriodProblem(t, reason)).toMatch(/\S/);
      }
    }
  });
});

describe('the ledger export', () => {
  it('writes one JSON value per line, in an order that does not depend on arrival', () => {
    const items = [{ b: 1, a: 'x\ny' }, { a: 2 }];
    const text = ledgerJsonLines(items);
    expect(text).toBe('{"a":2}\n{"b":1,"a":"x\\ny"}\n');
    expect(ledgerJsonLines([...items].reverse())).toBe(text);
    expect(ledgerJsonLines([])).toBe('');
  });

  it('names the file after the cooperative and the day, with nothing unsafe in it', () => {
    expect(
      ledgerExportFileName('0123456789abcdef'.repeat(4), new Date('2026-11-26T10:00:00Z')),
    ).toBe('integrale-01234567-2026-11-26.jsonl');
    expect(ledgerExportFileName('../../etc', new Date('2026-11-26T10:00:00Z'))).toBe(
      'integrale-ec-2026-11-26.jsonl',
    );
  });
});
