import { describe, expect, it } from 'vitest';
import { parsePayQuery, payQuery } from '../../src/market/pay-query.js';

const BOB = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('prefilled payment from the address', () => {
  it('reads payee, amount and memo', () => {
    const query = payQuery(BOB, 1500, 'Réparation de vélo [offre:ab]', 2);
    expect(parsePayQuery(query, 2)).toEqual({
      payee: BOB,
      amount: 1500,
      memo: 'Réparation de vélo [offre:ab]',
      refused: [],
    });
    expect(parsePayQuery(`a=${BOB}&montant=15,5`, 2).amount).toBe(1550);
    expect(parsePayQuery(`a=${BOB}`, 0)).toMatchObject({ amount: null, memo: null });
    expect(payQuery(BOB, 5, '', 2)).toBe(`a=${encodeURIComponent(BOB)}&montant=0.05`);
  });

  it('drops hostile values, says which, and keeps the others', () => {
    const cases: [string, 'payee' | 'amount' | 'memo'][] = [
      ['a=javascript:alert(1)', 'payee'],
      ['a=did:key:zzz', 'payee'],
      [`a=${BOB}&montant=-5`, 'amount'],
      [`a=${BOB}&montant=1e9`, 'amount'],
      [`a=${BOB}&montant=99999999999999999`, 'amount'],
      [`a=${BOB}&montant=1.001`, 'amount'],
      [`a=${BOB}&montant=NaN`, 'amount'],
      [`a=${BOB}&memo=${encodeURIComponent('x'.repeat(281))}`, 'memo'],
      [`a=${BOB}&memo=${encodeURIComponent('\u202egnp.exe')}`, 'memo'],
      [`a=${BOB}&memo=%0Aline`, 'memo'],
    ];
    for (const [query, field] of cases) {
      const read = parsePayQuery(query, 2);
      expect(read.refused, query).toEqual([field]);
      expect(read[field], query).toBeNull();
    }
    expect(parsePayQuery(`a=${BOB}&montant=-5`, 2).payee).toBe(BOB);
    expect(parsePayQuery('x'.repeat(5_000), 2)).toEqual({
      payee: null,
      amount: null,
      memo: null,
      refused: [],
    });
    expect(parsePayQuery('%%%', 2).refused).toEqual([]);
  });
});
