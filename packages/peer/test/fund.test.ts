import { entryId } from '@integrale/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_INSTALMENTS,
  contributionsTo,
  fundAccountOf,
  fundLoans,
  isCalendarDate,
  loanMarker,
  loanOfMemo,
  loanText,
  scheduleOfText,
  scheduleProblem,
  type Instalment,
} from '../src/index.js';
import { startCooperative, type Cooperative } from './helpers/members.js';

/*
 * The interest-free fund over real peers: a member contributes, a loan with its schedule is
 * proposed, adopted, paid out by a spend citing the decision, and repaid from the project's
 * account; and schedules that would hide interest (or are simply hostile) are refused.
 */

let cooperative: Cooperative | undefined;
afterEach(async () => {
  await cooperative?.stopAll();
  cooperative = undefined;
});

const IN_A_WEEK = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
const THREE: Instalment[] = [
  { due: '2027-01-15', amount: 1_000 },
  { due: '2027-02-15', amount: 1_000 },
  { due: '2027-03-15', amount: 1_000 },
];

describe('schedules', () => {
  it('accepts instalments adding up exactly to the amount lent', () => {
    expect(scheduleProblem(THREE, 3_000)).toBeNull();
    expect(scheduleProblem([{ due: '2027-01-01', amount: 1 }], 1)).toBeNull();
  });

  it('refuses hostile schedules with a reason', () => {
    const cases: [unknown, number, string][] = [
      [[...THREE, { due: '2027-04-15', amount: 1 }], 3_000, 'sum-not-amount'], // interest
      [THREE, 3_001, 'sum-not-amount'],
      [
        [
          { due: '2027-01-15', amount: -1_000 },
          { due: '2027-02-15', amount: 4_000 },
        ],
        3_000,
        'invalid-amount',
      ],
      [
        [
          { due: '2027-01-15', amount: 0 },
          { due: '2027-02-15', amount: 3_000 },
        ],
        3_000,
        'invalid-amount',
      ],
      [[{ due: '2027-01-15', amount: Number.NaN }], 3_000, 'invalid-amount'],
      [[{ due: '2027-01-15', amount: 1.5 }], 1.5, 'invalid-amount'],
      [[{ due: '2027-01-15', amount: Infinity }], Infinity, 'invalid-amount'],
      [[{ due: '2027-01-15', amount: '3000' }], 3_000, 'invalid-amount'],
      [
        Array.from({ length: 10_000 }, (_, i) => ({ due: '2027-01-01', amount: i + 1 })),
        1,
        'too-many-instalments',
      ],
      [[], 0, 'no-instalment'],
      [null, 3_000, 'no-instalment'],
      ['1000', 1_000, 'no-instalment'],
      [[{ due: '2027-02-30', amount: 3_000 }], 3_000, 'invalid-date'],
      [[{ due: '15/01/2027', amount: 3_000 }], 3_000, 'invalid-date'],
      [[null], 3_000, 'invalid-amount'],
      [
        [
          { due: '2027-02-15', amount: 1_500 },
          { due: '2027-01-15', amount: 1_500 },
        ],
        3_000,
        'dates-not-increasing',
      ],
      [
        [
          { due: '2027-01-15', amount: 1_500 },
          { due: '2027-01-15', amount: 1_500 },
        ],
        3_000,
        'dates-not-increasing',
      ],
    ];
    for (const [schedule, amount, reason] of cases)
      expect(scheduleProblem(schedule, amount), JSON.stringify(schedule)?.slice(0, 80)).toBe(
        reason,
      );
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
  });

  it('writes the schedule at the end of the text and reads it back, refusing garbled markers', () => {
    const text = loanText('Four du fournil', THREE);
    expect(scheduleOfText(text)).toStrictEqual({ schedule: THREE, text: 'Four du fournil' });
    expect(scheduleOfText('[echeancier:2027-01-15=1000] suite')).toBeNull();
    expect(scheduleOfText('[echeancier:2027-01-15=1000=2]')).toBeNull();
    expect(scheduleOfText('[echeancier:2027-01-15]')).toBeNull();
    expect(scheduleOfText('[echeancier:2027-01-15=1e3]')).toBeNull();
    const many = Array.from({ length: MAX_INSTALMENTS + 1 }, () => '2027-01-01=1').join(';');
    expect(scheduleOfText(`[echeancier:${many}]`)).toBeNull();
    expect(loanOfMemo(`remboursement ${loanMarker('a'.repeat(64))}`)).toBe('a'.repeat(64));
    expect(loanOfMemo(`${loanMarker('a'.repeat(64))} après`)).toBeNull();
  });
});

describe('the interest-free fund between devices', { timeout: 30_000 }, () => {
  it('takes contributions, lends by decision with a schedule, and counts repayments', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const bob = await cooperative.admit('bob');
    await cooperative.until(() => bob.peer.ledger.members().length === 2);
    const fund = fundAccountOf(alice.peer.root().doc(), alice.peer.ledger)!;
    await cooperative.until(() => bob.peer.ledger.status(fund)?.state === 'valid');

    await bob.peer.contribute(fund, 5_000, 'ma part à la caisse');
    const project = entryId(
      await bob.peer.openAccount({
        name: 'Fournil',
        kind: 'project',
        scope: 'federation',
        stewards: [bob.did],
        threshold: 1,
      }),
    );
    await cooperative.until(() => alice.peer.ledger.balanceOf(fund) === 5_000);
    expect(contributionsTo(alice.peer.ledger, fund).map((c) => c.amount)).toStrictEqual([5_000]);

    const proposal = await bob.peer.propose({
      title: 'Prêt au fournil',
      text: loanText('Pour le four.', THREE),
      scope: 'federation',
      assembly: '',
      method: { kind: 'consent' },
      quorum: 2,
      closes: IN_A_WEEK,
      electorate: null,
      amends: null,
      effects: { spend: { account: fund, to: project, amount: 3_000 } },
    });
    const id = entryId(proposal);
    await cooperative.until(() => alice.peer.count(id) !== null);
    expect(fundLoans(alice.peer.ledger, fund)[0]).toMatchObject({
      proposal: id,
      amount: 3_000,
      schedule: THREE,
      outcome: null,
    });
    await alice.peer.vote(id, 'agree', '');
    await bob.peer.vote(id, 'agree', '');
    await cooperative.until(() => alice.peer.count(id)?.counts.agree === 2);
    const outcome = entryId(await alice.peer.close(id));

    // A fund steward (Alice) pays it out, citing the decision: written at once.
    await alice.peer.requestSpend({
      account: fund,
      to: project,
      amount: 3_000,
      memo: 'Prêt au fournil',
      decision: outcome,
    });
    await cooperative.until(() => bob.peer.ledger.balanceOf(project) === 3_000);
    const paidOut = fundLoans(bob.peer.ledger, fund)[0]!;
    expect(paidOut.result).toBe('adopted');
    expect(paidOut.payout).not.toBeNull();

    // Bob repays the first instalment from the project's account.
    await bob.peer.requestSpend({
      account: project,
      to: fund,
      amount: 1_000,
      memo: `Première échéance ${loanMarker(outcome)}`,
    });
    await cooperative.until(() => fundLoans(alice.peer.ledger, fund)[0]?.repayments.length === 1);
    expect(alice.peer.ledger.balanceOf(fund)).toBe(3_000);
    // A contribution naming the loan is not a repayment (only spends from the project count).
    await alice.peer.contribute(fund, 10, `cadeau ${loanMarker(outcome)}`);
    await alice.peer.settled();
    expect(fundLoans(alice.peer.ledger, fund)[0]?.repayments.map((r) => r.amount)).toStrictEqual([
      1_000,
    ]);
  });

  it('is no loan when the schedule does not add up to the amount (no interest)', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const fund = fundAccountOf(alice.peer.root().doc(), alice.peer.ledger)!;
    const project = entryId(
      await alice.peer.openAccount({
        name: 'Fournil',
        kind: 'project',
        scope: 'federation',
        stewards: [alice.did],
        threshold: 1,
      }),
    );
    await alice.peer.propose({
      title: 'Prêt avec intérêts',
      text: loanText('', [...THREE, { due: '2027-04-15', amount: 90 }]),
      scope: 'federation',
      assembly: '',
      method: { kind: 'consent' },
      quorum: 1,
      closes: IN_A_WEEK,
      electorate: null,
      amends: null,
      effects: { spend: { account: fund, to: project, amount: 3_000 } },
    });
    expect(fundLoans(alice.peer.ledger, fund)).toStrictEqual([]);
  });
});
