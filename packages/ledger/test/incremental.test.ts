/*
 * Property tests over random ledgers with injected faults (helpers/random-ledger.ts):
 * (a) the report does not depend on the order or batching of arrival (spec section 3: "the order
 *     in which entries arrived never changes the result");
 * (b) "the sum of all balances equals minus the sum of valid pays not yet accepted";
 * (c) every valid pay's payer and payee are members;
 * (d) forks never erase a debt nor double a receipt: balances are recomputed from the verdicts;
 * (e) the ledger agrees with a plain reference model of the spec (helpers/reference.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemId, type EntryStatus, type Ledger, type VerificationReport } from '../src/index.js';
import { newLedger, verifier } from './helpers/personas.js';
import { buildLedger, ledgerPlanArb, type BuiltLedger } from './helpers/random-ledger.js';
import { referenceReport } from './helpers/reference.js';

/** Runs per property; raise it for a soak run: LEDGER_PROPERTY_RUNS=2000 npx vitest run … */
const NUM_RUNS = Number(process.env['LEDGER_PROPERTY_RUNS'] ?? 80);
const TIMEOUT = 20_000 + NUM_RUNS * 100;
const plain = (report: VerificationReport): unknown => JSON.parse(JSON.stringify(report));

async function allAtOnce(built: BuiltLedger): Promise<Ledger> {
  const ledger = newLedger(built.coop);
  const result = await ledger.add(built.items);
  expect(result.unusable).toEqual([]);
  return ledger;
}

function statuses(
  ledger: Ledger,
  items: readonly unknown[],
): Record<string, EntryStatus | undefined> {
  return Object.fromEntries(items.map((item) => [itemId(item), ledger.status(itemId(item))]));
}

/** A plan built, with a permutation of its items and cut points splitting it into batches. */
const caseArb = ledgerPlanArb().chain((plan) => {
  const built = buildLedger(plan);
  const n = built.items.length;
  return fc.record({
    built: fc.constant(built),
    order: fc.shuffledSubarray([...built.items], { minLength: n, maxLength: n }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, n - 1) }), { maxLength: 6 }),
  });
});

const STAGE_REASONS = new Set(['malformed', 'wrong-coop', 'bad-signature']);

function itemById(ledger: Ledger, id: string): Record<string, unknown> {
  return ledger.get(id) as Record<string, unknown>;
}

/** The valid entries held, as objects. */
function validEntries(ledger: Ledger): Record<string, unknown>[] {
  return ledger
    .items()
    .filter((item) => ledger.status(itemId(item))?.state === 'valid')
    .map((item) => item as Record<string, unknown>);
}

describe('random ledgers', () => {
  it('the generator makes varied ledgers (forks, pending, invalid, invite-used, cycles)', async () => {
    const seen = new Set<string>();
    const samples = fc.sample(ledgerPlanArb(), { numRuns: 150, seed: 1 });
    for (const plan of samples) {
      const built = buildLedger(plan);
      const report = (await allAtOnce(built)).report();
      for (const row of report.invalid) seen.add(row.reason);
      for (const row of report.pending) seen.add(row.reason);
      if (report.forks.length > 0) seen.add('fork');
      if (report.overLimit.length > 0) seen.add('overLimit');
      if (report.unaccepted.length > 0) seen.add('unaccepted');
    }
    for (const expected of [
      'malformed',
      'bad-signature',
      'invite-used',
      'bad-balance',
      'invalid-prev',
      'missing-prev',
      'missing-member',
      'fork',
      'unaccepted',
      'over-limit',
      'self-pay',
      'double-accept',
      'not-payee',
      'bad-proof',
      'overLimit',
    ]) {
      expect(seen, expected).toContain(expected);
    }
  });

  it(
    '(a) the report is the same whatever the order and batching of arrival',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb, async ({ built, order, cuts }) => {
          const once = await allAtOnce(built);
          const expected = plain(once.report());

          const oneByOne = newLedger(built.coop);
          for (const item of order) await oneByOne.add([item]);
          expect(plain(oneByOne.report())).toStrictEqual(expected);

          const batched = newLedger(built.coop);
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), order.length];
          for (let i = 0; i + 1 < bounds.length; i++) {
            await batched.add(order.slice(bounds[i], bounds[i + 1]));
          }
          expect(plain(batched.report())).toStrictEqual(expected);

          const verdicts = statuses(once, built.items);
          expect(statuses(oneByOne, built.items)).toStrictEqual(verdicts);
          expect(statuses(batched, built.items)).toStrictEqual(verdicts);
          for (const did of built.dids.values()) {
            expect(oneByOne.feedHead(did)).toStrictEqual(once.feedHead(did));
            expect(batched.balanceOf(did)).toBe(once.balanceOf(did));
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    '(b) the sum of all balances equals minus the sum of valid pays not yet accepted',
    async () => {
      await fc.assert(
        fc.asyncProperty(ledgerPlanArb(), async (plan) => {
          const built = buildLedger(plan);
          const ledger = await allAtOnce(built);
          const report = ledger.report();
          const total = Object.values(report.balances).reduce((sum, balance) => sum + balance, 0);
          const open = report.unaccepted.reduce(
            (sum, id) => sum + (itemById(ledger, id)['amount'] as number),
            0,
          );
          expect(total + open).toBe(0);
          // unaccepted: exactly the valid pays that no valid accept names.
          const valid = validEntries(ledger);
          const acceptedIds = new Set(
            valid.filter((e) => e['type'] === 'accept').map((e) => e['pay'] as string),
          );
          const expectedUnaccepted = valid
            .filter((e) => e['type'] === 'pay' && !acceptedIds.has(itemId(e)))
            .map((e) => itemId(e))
            .sort();
          expect(report.unaccepted).toEqual(expectedUnaccepted);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "(c) every valid pay's payer and payee are members (and every valid entry's author)",
    async () => {
      await fc.assert(
        fc.asyncProperty(ledgerPlanArb(), async (plan) => {
          const built = buildLedger(plan);
          const ledger = await allAtOnce(built);
          const members = new Set(ledger.report().members);
          for (const entry of validEntries(ledger)) {
            expect(members.has(entry['author'] as string)).toBe(true);
            if (entry['type'] === 'pay') {
              expect(members.has(entry['to'] as string)).toBe(true);
              expect(entry['to']).not.toBe(entry['author']);
            }
          }
          expect(Object.keys(ledger.report().balances)).toEqual([...members]);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "(d) with forks, every branch's debts count and a receipt counts once",
    async () => {
      let forked = 0;
      await fc.assert(
        fc.asyncProperty(ledgerPlanArb(), async (plan) => {
          const built = buildLedger(plan);
          const ledger = await allAtOnce(built);
          const report = ledger.report();

          // Forks: every (author, seq) with two or more held entries passing checks 1–3.
          const seats = new Map<string, string[]>();
          for (const item of ledger.items()) {
            const status = ledger.status(itemId(item));
            if (status?.state === 'invalid' && STAGE_REASONS.has(status.reason)) continue;
            const { author, seq } = item as { author: string; seq: number };
            const key = `${author} ${seq}`;
            seats.set(key, [...(seats.get(key) ?? []), itemId(item)]);
          }
          const expectedForks = [...seats]
            .filter(([, ids]) => ids.length > 1)
            .map(([key, ids]) => {
              const [author, seq] = key.split(' ') as [string, string];
              return { author, seq: Number(seq), ids: ids.sort() };
            })
            .sort((a, b) => (a.author < b.author ? -1 : a.author > b.author ? 1 : a.seq - b.seq));
          expect(report.forks).toEqual(expectedForks);
          if (report.forks.length > 0) forked++;

          // Balances over every branch: distinct valid pays accepted, minus all valid pays.
          const valid = validEntries(ledger);
          for (const did of report.members) {
            const paid = valid
              .filter((e) => e['type'] === 'pay' && e['author'] === did)
              .reduce((sum, e) => sum + (e['amount'] as number), 0);
            const receipts = new Set(
              valid
                .filter((e) => e['type'] === 'accept' && e['author'] === did)
                .map((e) => e['pay'] as string),
            );
            const received = [...receipts].reduce(
              (sum, id) => sum + (itemById(ledger, id)['amount'] as number),
              0,
            );
            expect(report.balances[did]).toBe(received - paid);
            expect(ledger.balanceOf(did)).toBe(received - paid);
            const limit = ledger.creditLimit() ?? 0;
            const over = report.overLimit.find((row) => row.account === did);
            expect(over).toEqual(
              received - paid < -limit ? { account: did, balance: received - paid } : undefined,
            );
            // "Without forks this equals the balance of the feed's last valid entry."
            if (!report.forks.some((fork) => fork.author === did)) {
              expect(ledger.feedHead(did)?.balance ?? 0).toBe(received - paid);
            }
          }
        }),
        { numRuns: NUM_RUNS },
      );
      expect(forked).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    '(e) the incremental ledger agrees with the reference model of the spec',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb, async ({ built, order }) => {
          const reference = plain(referenceReport(built.items, built.coop, verifier()));
          const ledger = newLedger(built.coop);
          for (const item of order) await ledger.add([item]);
          expect(plain(ledger.report())).toStrictEqual(reference);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it('the reference model itself reproduces every spec vector', () => {
    const directory = new URL('../../../docs/spec/vectors/', import.meta.url);
    for (const name of readdirSync(directory)) {
      if (!name.endsWith('.json') || name.endsWith('.notes.json')) continue;
      const vector = JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as {
        input: unknown[];
        expected: { coop: string };
      };
      expect(
        plain(referenceReport(vector.input, vector.expected.coop, verifier())),
        name,
      ).toStrictEqual(vector.expected);
    }
  });
});
