import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalSchedule, repaidTotal, scheduleStanding } from '../../src/fund/instalments.js';

const THREE = [
  { due: '2027-01-15', amount: 1_000 },
  { due: '2027-02-15', amount: 1_000 },
  { due: '2027-03-15', amount: 1_000 },
];

const schedules = fc
  .array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 24 })
  .map((amounts) =>
    amounts.map((amount, i) => ({
      due: `20${String(27 + Math.floor(i / 12)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`,
      amount,
    })),
  );
const repayments = fc.array(
  fc.record({
    entry: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    amount: fc.integer({ min: 1, max: 2_000_000 }),
  }),
  { maxLength: 12 },
);
const days = fc.constantFrom('2026-12-01', '2027-02-01', '2027-06-30', '2029-01-01');

describe('a loan’s schedule standing', () => {
  it('marks the first instalment paid after one repayment, the next due or late by date', () => {
    const standing = scheduleStanding(THREE, [{ entry: 'x', amount: 1_000 }], '2027-02-20');
    expect(standing.instalments.map((i) => i.state)).toStrictEqual(['paid', 'late', 'due']);
    expect(standing.remaining).toBe(2_000);
    expect(standing.repaid).toBe(1_000);
    const partial = scheduleStanding(THREE, [{ entry: 'x', amount: 1_500 }], '2027-01-01');
    expect(partial.instalments.map((i) => [i.state, i.outstanding])).toStrictEqual([
      ['paid', 0],
      ['due', 500],
      ['due', 1_000],
    ]);
  });

  it('counts a repayment listed twice once, and ignores hostile amounts', () => {
    expect(
      repaidTotal([
        { entry: 'x', amount: 1_000 },
        { entry: 'x', amount: 1_000 },
        { entry: 'y', amount: Number.NaN },
        { entry: 'z', amount: -5 },
        { entry: 'w', amount: 1.5 },
      ]),
    ).toBe(1_000);
  });

  it('never counts a repayment twice (property)', () => {
    fc.assert(
      fc.property(schedules, repayments, days, (schedule, paid, today) => {
        const once = scheduleStanding(schedule, paid, today);
        const twice = scheduleStanding(schedule, [...paid, ...paid], today);
        expect(twice).toStrictEqual(once);
        const distinct = new Map(paid.map((r) => [r.entry, r.amount]));
        const firsts = new Map<string, number>();
        for (const r of paid) if (!firsts.has(r.entry)) firsts.set(r.entry, r.amount);
        expect(once.repaid).toBe([...firsts.values()].reduce((a, b) => a + b, 0));
        expect(distinct.size).toBe(firsts.size);
      }),
    );
  });

  it('never asks more than the amount lent, nor more than an instalment (property)', () => {
    fc.assert(
      fc.property(schedules, repayments, days, (schedule, paid, today) => {
        const standing = scheduleStanding(schedule, paid, today);
        const lent = schedule.reduce((sum, i) => sum + i.amount, 0);
        expect(standing.lent).toBe(lent);
        expect(standing.remaining).toBeGreaterThanOrEqual(0);
        expect(standing.remaining).toBeLessThanOrEqual(lent);
        let owed = 0;
        for (const instalment of standing.instalments) {
          expect(instalment.outstanding).toBeGreaterThanOrEqual(0);
          expect(instalment.outstanding).toBeLessThanOrEqual(instalment.amount);
          expect(instalment.state === 'paid').toBe(instalment.outstanding === 0);
          owed += instalment.outstanding;
        }
        expect(owed).toBe(standing.remaining);
        if (standing.repaid >= lent)
          expect(standing.instalments.every((i) => i.state === 'paid')).toBe(true);
        // Paid instalments come first: a later one is never paid before an earlier one.
        const states = standing.instalments.map((i) => i.state === 'paid');
        expect(states).toStrictEqual([...states].sort((a, b) => Number(b) - Number(a)));
      }),
    );
  });
});

describe('an equal monthly schedule', () => {
  it('adds up exactly to the amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        (count, extra) => {
          const amount = Math.min(1_000_000_000_000, count + extra);
          const schedule = equalSchedule(amount, count, '2027-01-31');
          expect(schedule).not.toBeNull();
          expect(schedule!.reduce((sum, i) => sum + i.amount, 0)).toBe(amount);
          expect(schedule!.every((i) => Number.isSafeInteger(i.amount) && i.amount >= 1)).toBe(
            true,
          );
          const dues = schedule!.map((i) => i.due);
          expect(new Set(dues).size).toBe(count);
          expect([...dues].sort()).toStrictEqual(dues);
        },
      ),
    );
  });

  it('keeps the day inside short months and refuses impossible splits', () => {
    expect(equalSchedule(3_000, 3, '2027-01-31')?.map((i) => i.due)).toStrictEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ]);
    expect(equalSchedule(1_001, 3, '2027-01-15')?.map((i) => i.amount)).toStrictEqual([
      334, 334, 333,
    ]);
    expect(equalSchedule(2, 3, '2027-01-15')).toBeNull();
    expect(equalSchedule(Number.NaN, 3, '2027-01-15')).toBeNull();
    expect(equalSchedule(3_000, 0, '2027-01-15')).toBeNull();
    expect(equalSchedule(3_000, 3, 'demain')).toBeNull();
  });
});
