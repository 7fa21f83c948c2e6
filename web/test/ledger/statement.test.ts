import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildStatement,
  isIsoDate,
  readPeriod,
  sortMovements,
  type Movement,
} from '../../src/ledger/statement.js';

const ALICE = 'did:key:z6MkAlice';
const BOB = 'did:key:z6MkBob';

function movement(id: string, ts: string, amount: number, memo = ''): Movement {
  return { id: id.padStart(64, '0'), ts, amount, counterparty: BOB, memo };
}

const arbitraryMovement = fc.record({
  id: fc.stringMatching(/^[0-9a-f]{64}$/),
  ts: fc
    .date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2027-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  amount: fc.oneof(
    fc.integer({ min: 1, max: 1_000_000_000_000 }),
    fc.integer({ min: -1_000_000_000_000, max: -1 }),
  ),
  counterparty: fc.constant(ALICE),
  memo: fc.string(),
});

const arbitraryDay = fc
  .date({
    min: new Date('2025-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('a statement', () => {
  it('opens with earlier movements, lists the period with running balances, and closes', () => {
    const statement = buildStatement(
      [
        movement('3', '2026-03-02T10:00:00.000Z', -250, 'pain'),
        movement('1', '2026-02-28T23:59:59.999Z', 1_000),
        movement('2', '2026-03-01T00:00:00.000Z', 500),
        movement('4', '2026-04-01T00:00:00.000Z', -1),
      ],
      { from: '2026-03-01', to: '2026-03-31' },
    );
    expect(statement.opening).toBe(1_000n);
    expect(statement.lines.map((line) => [line.amount, line.balance])).toStrictEqual([
      [500, 1_500n],
      [-250, 1_250n],
    ]);
    expect(statement.credits).toBe(500n);
    expect(statement.debits).toBe(-250n);
    expect(statement.closing).toBe(1_250n);
  });

  it('keeps sums exact far beyond what a float holds exactly', () => {
    const huge = Array.from({ length: 20_000 }, (_, i) =>
      movement(String(i), '2026-01-01T00:00:00.000Z', 999_999_999_999),
    );
    const statement = buildStatement(huge, { from: '2026-01-01', to: '2026-01-01' });
    expect(statement.closing).toBe(20_000n * 999_999_999_999n);
  });

  it('sums to the balance: opening + credits + debits = closing, and the last line is the closing', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryMovement, { maxLength: 60 }),
        arbitraryDay,
        arbitraryDay,
        (movements, a, b) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const statement = buildStatement(movements, { from, to });
          const all = movements.reduce((sum, m) => sum + BigInt(m.amount), 0n);
          const after = movements
            .filter((m) => m.ts.slice(0, 10) > to)
            .reduce((sum, m) => sum + BigInt(m.amount), 0n);
          expect(statement.opening + statement.credits + statement.debits).toBe(statement.closing);
          expect(statement.closing + after).toBe(all);
          if (statement.lines.length > 0) {
            expect(statement.lines.at(-1)?.balance).toBe(statement.closing);
          }
          let running = statement.opening;
          for (const line of statement.lines) {
            running += BigInt(line.amount);
            expect(line.balance).toBe(running);
          }
        },
      ),
    );
  });

  it('does not depend on the order movements arrive in', () => {
    fc.assert(
      fc.property(fc.array(arbitraryMovement, { maxLength: 30 }), (movements) => {
        const period = { from: '2026-01-01', to: '2026-12-31' };
        expect(buildStatement([...movements].reverse(), period)).toStrictEqual(
          buildStatement(movements, period),
        );
      }),
    );
  });

  it('orders movements of the same instant by id', () => {
    const sorted = sortMovements([
      movement('b', '2026-01-01T00:00:00.000Z', 1),
      movement('a', '2026-01-01T00:00:00.000Z', 2),
    ]);
    expect(sorted.map((m) => m.amount)).toStrictEqual([2, 1]);
  });
});

describe('reading a period', () => {
  it.each([
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
    ['', false],
    ['2026-01-01T00:00', false],
    ['２０２６-01-01', false],
  ])('%s is a date: %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it('refuses an end before the start, and names the field that is wrong', () => {
    expect(readPeriod('2026-03-02', '2026-03-01')).toStrictEqual({ ok: false, reason: 'reversed' });
    expect(readPeriod('', '2026-03-01')).toStrictEqual({ ok: false, reason: 'invalid-from' });
    expect(readPeriod('2026-03-01', 'demain')).toStrictEqual({ ok: false, reason: 'invalid-to' });
    expect(readPeriod('2026-03-01', '2026-03-01')).toStrictEqual({
      ok: true,
      period: { from: '2026-03-01', to: '2026-03-01' },
    });
  });
});
