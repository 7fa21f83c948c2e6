import { ImmutableString, Repo } from '@automerge/automerge-repo';
import { canonicalJson, signToText, utf8 } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_RECORDS,
  BUDGET_SIGNING_PREFIX,
  budgetDraftProblem,
  budgetLineInMemo,
  budgetMarker,
  budgetMemo,
  checkSignedRecord,
  createBudget,
  createBudgetBook,
  signedRecordId,
  writeBudget,
  type BudgetDraft,
  type BudgetsDoc,
} from '../src/index.js';
import { keyOf, verifier } from './helpers/cooperative.js';

/*
 * Budgets: signed by their author, carried in the root document under their id (what a decision's
 * `approvesBudget` names), re-checked by every reader; hostile records count for nothing.
 */

const COOP = 'c'.repeat(64);
const ACCOUNT = 'a'.repeat(64);
const TS = '2026-11-26T18:00:00.000Z';
const alice = keyOf('alice');
const bob = keyOf('bob');

const DRAFT: BudgetDraft = {
  account: ACCOUNT,
  title: 'Fournil 2027',
  from: '2027-01-01',
  to: '2027-12-31',
  lines: [
    { id: 'dons', label: 'Contributions', kind: 'income', planned: 10_000 },
    { id: 'aide', label: 'Coups de main', kind: 'spending', planned: 3_000 },
  ],
};

describe('budgets', () => {
  it('signs a budget whose id is the one a decision names, and reads it back', async () => {
    const repo = new Repo({});
    const root = repo.create<BudgetsDoc>({});
    const record = createBudget(alice, { ...DRAFT, coop: COOP, ts: TS });
    const id = writeBudget(root, record);
    expect(id).toBe(signedRecordId(record));
    expect(id).toMatch(/^[0-9a-f]{64}$/); // fits `approvesBudget` (1–64)
    const read = await createBudgetBook({ coop: COOP, verifier }).read(root.doc().budgets);
    expect([...read.keys()]).toStrictEqual([id]);
    expect(read.get(id)?.lines.map((line) => line.planned)).toStrictEqual([10_000, 3_000]);
    await repo.shutdown();
  });

  it('refuses drafts with a bad account, title, period or lines', () => {
    const cases: [Partial<BudgetDraft>, string][] = [
      [{ account: 'nope' }, 'account'],
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(121) }, 'title'],
      [{ from: '2027-02-30' }, 'period'],
      [{ from: '2028-01-01' }, 'period'],
      [{ lines: [] }, 'lines'],
      [{ lines: [{ id: 'A B', label: 'x', kind: 'income', planned: 1 }] }, 'lines'],
      [{ lines: [{ id: 'a', label: 'x', kind: 'spending', planned: -1 }] }, 'lines'],
      [{ lines: [{ id: 'a', label: 'x', kind: 'spending', planned: 0.5 }] }, 'lines'],
      [{ lines: [{ id: 'a', label: 'x', kind: 'spending', planned: 1e13 }] }, 'lines'],
      [{ lines: [{ id: 'a', label: 'x', kind: 'gift' as 'income', planned: 1 }] }, 'lines'],
      [
        {
          lines: [
            { id: 'a', label: 'x', kind: 'income', planned: 1 },
            { id: 'a', label: 'y', kind: 'income', planned: 2 },
          ],
        },
        'lines',
      ],
    ];
    for (const [change, problem] of cases) {
      expect(budgetDraftProblem({ ...DRAFT, ...change })).toBe(problem);
      expect(() => createBudget(alice, { ...DRAFT, ...change, coop: COOP, ts: TS })).toThrow(
        RangeError,
      );
    }
    expect(budgetDraftProblem(DRAFT)).toBeNull();
  });

  it('ignores forged, altered, foreign and oversized records', async () => {
    const good = createBudget(alice, { ...DRAFT, coop: COOP, ts: TS });
    const goodId = signedRecordId(good);
    // Bob signs a budget claiming to be Alice's.
    const { sig: _sig, ...unsigned } = { ...good, title: 'Faux' };
    const forged = {
      ...unsigned,
      sig: signToText(bob, utf8(BUDGET_SIGNING_PREFIX + canonicalJson(unsigned))),
    };
    const altered = { ...good, lines: [{ ...good.lines[0]!, planned: 99_999 }] };
    const foreign = createBudget(alice, { ...DRAFT, coop: 'd'.repeat(64), ts: TS });
    const extra = { ...good, extra: '<script>alert(1)</script>' };
    const map: Record<string, unknown> = {
      [goodId]: new ImmutableString(canonicalJson(good)),
      [signedRecordId(forged)]: new ImmutableString(canonicalJson(forged)),
      [signedRecordId(altered)]: new ImmutableString(canonicalJson(altered)),
      [goodId.replace(/.$/, '0')]: new ImmutableString(canonicalJson(good)),
      [signedRecordId(foreign)]: new ImmutableString(canonicalJson(foreign)),
      [signedRecordId(extra as typeof good)]: new ImmutableString(canonicalJson(extra)),
      big: new ImmutableString('x'.repeat(100_000)),
      notjson: '{',
      number: 42,
    };
    const read = await createBudgetBook({ coop: COOP, verifier }).read(map);
    expect([...read.keys()]).toStrictEqual([goodId]);
    const checked = await checkSignedRecord(
      signedRecordId(forged),
      canonicalJson(forged),
      COOP,
      verifier,
      BUDGET_RECORDS,
    );
    expect(checked).toStrictEqual({ ok: false, problem: 'bad-signature' });
    expect(await createBudgetBook({ coop: COOP, verifier }).read(null)).toStrictEqual(new Map());
  });

  it('marks a memo with a line and reads the marker back', () => {
    const budget = 'b'.repeat(64);
    expect(budgetLineInMemo(`farine ${budgetMarker(budget, 'aide')}`)).toStrictEqual({
      budget,
      line: 'aide',
    });
    expect(budgetLineInMemo('[budget:xyz/aide]')).toBeNull();
    expect(budgetLineInMemo('sans marque')).toBeNull();
    const long = budgetMemo('é'.repeat(400), budget, 'aide');
    expect([...long].length).toBeLessThanOrEqual(280);
    expect(budgetLineInMemo(long)).toStrictEqual({ budget, line: 'aide' });
    expect(budgetMemo('', budget, 'aide')).toBe(budgetMarker(budget, 'aide'));
  });
});
