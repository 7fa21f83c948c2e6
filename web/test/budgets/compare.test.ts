import { budgetMarker } from '@integrale/peer';
import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../src/budgets/csv.js';
import { compareBudget, movementsTotal, unassignedMovements } from '../../src/budgets/compare.js';
import { fundLoans, loanInMemo, loanMarker } from '../../src/budgets/loans.js';
import type { AccountMovement } from '../../src/budgets/movements.js';

const ACCOUNT = 'a'.repeat(64);
const OTHER = 'f'.repeat(64);
const BUDGET = 'b'.repeat(64);
const DECISION = 'd'.repeat(64);
let next = 0;

function movement(part: Partial<AccountMovement>): AccountMovement {
  next += 1;
  return {
    id: next.toString(16).padStart(64, '0'),
    account: ACCOUNT,
    kind: 'spend',
    direction: 'out',
    counterparty: 'did:key:zBob',
    amount: 1,
    memo: '',
    ts: `2027-01-01T00:00:${String(next % 60).padStart(2, '0')}.000Z`,
    decision: null,
    author: 'did:key:zAlice',
    ...part,
  };
}

const BUDGET_RECORD = {
  account: ACCOUNT,
  lines: [
    { id: 'dons', label: 'Contributions', kind: 'income' as const, planned: 10_000 },
    { id: 'aide', label: 'Coups de main', kind: 'spending' as const, planned: 3_000 },
  ],
};

describe('a budget against the ledger', () => {
  it('sums the movements tagged to each line, with refunds, and leaves the rest unassigned', () => {
    const tagged = (line: string, words = 'x') => `${words} ${budgetMarker(BUDGET, line)}`;
    const movements = [
      movement({ kind: 'contribution', direction: 'in', amount: 10_000, memo: tagged('dons') }),
      movement({ amount: 3_000, memo: tagged('aide', 'Bob') }),
      movement({ amount: 500, memo: tagged('aide') }),
      movement({ kind: 'spend', direction: 'in', amount: 200, memo: tagged('aide', 'rendu') }),
      movement({ amount: 700, memo: 'sans marque' }),
      movement({ amount: 100, memo: tagged('inconnue') }),
      movement({ amount: 999, memo: tagged('aide'), account: OTHER }),
      movement({ amount: 50, memo: `${budgetMarker('c'.repeat(64), 'aide')}` }),
    ];
    const compared = compareBudget(BUDGET, BUDGET_RECORD, movements);
    expect(
      compared.lines.map((line) => [line.id, line.planned, line.actual, line.difference]),
    ).toStrictEqual([
      ['dons', 10_000n, 10_000n, 0n],
      ['aide', 3_000n, 3_300n, 300n],
    ]);
    expect(compared.planned).toStrictEqual({ income: 10_000n, spending: 3_000n });
    expect(compared.actual).toStrictEqual({ income: 10_000n, spending: 3_300n });
    expect(compared.unknownLine.map((m) => m.amount)).toStrictEqual([100]);
    const unassigned = unassignedMovements(ACCOUNT, new Map([[BUDGET, BUDGET_RECORD]]), movements);
    expect(unassigned.map((m) => m.amount)).toStrictEqual([700, 100, 50]);
    expect(movementsTotal(movements.filter((m) => m.account === ACCOUNT))).toBe(
      10_000n - 3_000n - 500n + 200n - 700n - 100n - 50n,
    );
  });

  it('adds amounts beyond 2^53 exactly', () => {
    const big = Array.from({ length: 20_000 }, () =>
      movement({
        kind: 'contribution',
        direction: 'in',
        amount: 1e12,
        memo: budgetMarker(BUDGET, 'dons'),
      }),
    );
    const compared = compareBudget(BUDGET, BUDGET_RECORD, big);
    expect(compared.lines[0]?.actual).toBe(20_000n * 1_000_000_000_000n);
  });

  it('ignores markers hidden by hostile memos that are not exact', () => {
    const movements = [
      movement({ amount: 5, memo: `[budget:${BUDGET.toUpperCase()}/aide]` }),
      movement({ amount: 6, memo: `[budget:${BUDGET}/AIDE]` }),
      movement({ amount: 7, memo: `=HYPERLINK("x") [budget:${BUDGET}/aide` }),
    ];
    const compared = compareBudget(BUDGET, BUDGET_RECORD, movements);
    expect(compared.lines.every((line) => line.actual === 0n)).toBe(true);
  });
});

describe('the fund’s loans', () => {
  it('counts loans authorised by decisions, their repayments, and flags what comes back beyond', () => {
    const FUND = 'e'.repeat(64);
    const SECOND = '9'.repeat(64);
    const movements = [
      movement({ account: FUND, amount: 50_000, decision: DECISION, counterparty: ACCOUNT }),
      movement({ account: FUND, amount: 8_000, decision: SECOND, counterparty: 'did:key:zBob' }),
      movement({ account: FUND, amount: 100, decision: null }), // not a loan: no decision
      movement({
        account: FUND,
        direction: 'in',
        amount: 20_000,
        memo: `1/3 ${loanMarker(DECISION)}`,
        counterparty: ACCOUNT,
      }),
      // Someone else's gift naming the loan does not repay it.
      movement({
        account: FUND,
        kind: 'contribution',
        direction: 'in',
        amount: 5_000,
        memo: loanMarker(DECISION),
        counterparty: 'did:key:zChloe',
      }),
      movement({
        account: FUND,
        kind: 'contribution',
        direction: 'in',
        amount: 9_000,
        memo: loanMarker(SECOND),
      }),
      movement({ account: ACCOUNT, direction: 'in', amount: 1, memo: loanMarker(DECISION) }),
    ];
    const loans = fundLoans(new Set([FUND]), movements);
    expect(
      loans.map((loan) => [loan.decision, loan.lent, loan.repaid, loan.outstanding, loan.overpaid]),
    ).toStrictEqual([
      [DECISION, 50_000n, 20_000n, 30_000n, 0n],
      [SECOND, 8_000n, 9_000n, 0n, 1_000n],
    ]);
    expect(loanInMemo('rien')).toBeNull();
  });
});

describe('tables as CSV', () => {
  it('neutralises formulas in text cells and writes amounts exactly', () => {
    const csv = tableCsv(
      ['Ligne', 'Prévu'],
      [
        ['=cmd|calc', { amount: 3_000n }],
        ['a,b\nc', { amount: -5 }],
      ],
      2,
    );
    expect(csv).toBe('Ligne,Prévu\r\n\'=cmd|calc,30.00\r\n"a,b\nc",-0.05\r\n');
  });
});
