import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderTotal, payableAmount, roundTotals } from '../../src/purchases/totals.js';

const SUPPLIERS = [
  { id: 'ferme', needsEuros: false },
  { id: 'moulin', needsEuros: true },
];
const PRODUCTS = [
  { id: 'oeufs', supplier: 'ferme', price: 450, priceEuroCents: null },
  { id: 'farine', supplier: 'moulin', price: 180, priceEuroCents: 175 },
  { id: 'seigle', supplier: 'moulin', price: 210, priceEuroCents: 200 },
];

describe('a round’s totals', () => {
  it('totals per member and per supplier, in the currency and in euro cents', () => {
    const totals = roundTotals(
      SUPPLIERS,
      PRODUCTS,
      new Map([
        ['bob', { oeufs: 2, farine: 5 }],
        ['chloe', { farine: 1, seigle: 2 }],
        ['dora', {}],
      ]),
    );
    expect([...totals.perMember]).toStrictEqual([
      ['bob', 1_800n],
      ['chloe', 600n],
    ]);
    expect(totals.perSupplier).toStrictEqual([
      { supplier: 'ferme', quantities: { oeufs: 2n }, total: 900n, euroCents: null },
      {
        supplier: 'moulin',
        quantities: { farine: 6n, seigle: 2n },
        total: 1_500n,
        euroCents: 1_450n,
      },
    ]);
    expect(totals.total).toBe(2_400n);
  });

  it('is exact where doubles are not, and says when a total cannot be paid in one entry', () => {
    const dear = [{ id: 'or', supplier: 'ferme', price: 999_999_999_999, priceEuroCents: null }];
    const total = orderTotal(dear, { or: 100_000 });
    expect(total).toBe(99_999_999_999_900_000n);
    expect(payableAmount(total)).toBeNull();
    expect(payableAmount(0n)).toBeNull();
    expect(payableAmount(1_800n)).toBe(1_800);
  });

  it('counts nothing for hostile quantities or unknown products', () => {
    const hostile = JSON.parse(
      '{"oeufs":-2,"farine":1.5,"seigle":"3","pain":4,"__proto__":{"oeufs":9}}',
    ) as Record<string, number>;
    expect(orderTotal(PRODUCTS, hostile)).toBe(0n);
    expect(orderTotal(PRODUCTS, { oeufs: Number.NaN })).toBe(0n);
  });

  it('sums the same over members as over suppliers (property)', () => {
    const quantities = fc.dictionary(
      fc.constantFrom('oeufs', 'farine', 'seigle', 'pain'),
      fc.integer({ min: -5, max: 100_000 }),
    );
    fc.assert(
      fc.property(fc.array(quantities, { maxLength: 8 }), (orders) => {
        const totals = roundTotals(
          SUPPLIERS,
          PRODUCTS,
          new Map(orders.map((order, i) => [`m${i}`, order])),
        );
        const bySupplier = totals.perSupplier.reduce((sum, s) => sum + s.total, 0n);
        expect(bySupplier).toBe(totals.total);
        for (const value of totals.perMember.values()) expect(value > 0n).toBe(true);
      }),
    );
  });
});
