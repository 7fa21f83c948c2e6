import { entryId } from '@integrale/ledger';
import { type CooperativePeer } from '@integrale/peer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EconomyResult, LoanInput, RoundInput } from '../../src/app/runtime-services.js';
import {
  createServicesSide,
  isEconomyCall,
  type ServicesSide,
} from '../../src/runtime/services.js';

import { alice, startRealCooperative, type RealCooperative } from '../support/real-cooperative.js';
/*
 * The browser runtime's part for services, the fund and grouped purchases over a real
 * cooperative peer (real Automerge documents, signatures, ledger and count): the founder's six
 * services, a loan proposed, adopted, paid out and repaid, a round ordered, closed and paid —
 * and the hostile inputs each action refuses with a reason.
 */

const TS = '2026-11-26T10:00:00.000Z';
const IN_AN_HOUR = '2026-11-26T11:00:00.000Z';
let cooperative: RealCooperative;
let peer: CooperativePeer;
let now: number;
let side: ServicesSide;

const idOf = (result: EconomyResult): string => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.id;
};

beforeEach(async () => {
  now = Date.parse(TS);
  // With the six common services a founding opens (and Bob, who plays no part here).
  cooperative = await startRealCooperative({ clock: () => now, commonServices: true });
  peer = cooperative.peer;
  peer.onLedgerUpdate(() => cooperative.signing.changed());
  side = createServicesSide({
    ...cooperative.signing,
    callLeader: () => Promise.reject(new Error('no follower here')),
    clock: () => now,
  });
});

afterEach(async () => {
  side.stop();
  await cooperative.stop();
});

const fresh = () => {
  cooperative.signing.changed();
  return side.economySnapshot();
};

async function projectAccount(): Promise<string> {
  return entryId(
    await peer.openAccount({
      name: 'Fournil',
      kind: 'project',
      scope: 'federation',
      stewards: [alice.did],
      threshold: 1,
    }),
  );
}

const schedule = [
  { due: '2027-01-15', amount: 1_000 },
  { due: '2027-02-15', amount: 1_000 },
  { due: '2027-03-15', amount: 1_000 },
];

describe('the economy part of the runtime', () => {
  it('shows the founder’s six services and offers to create none again', async () => {
    const snapshot = fresh();
    expect(snapshot.services.map((s) => s.id)).toStrictEqual([
      'accueil',
      'formation',
      'pilotage',
      'monnaie',
      'informatique',
      'caisse',
    ]);
    expect(snapshot.canCreateServices).toBe(false);
    expect(snapshot.fund?.stewards).toStrictEqual([alice.did]);
    expect(await side.createCommonServices()).toStrictEqual({
      ok: false,
      reason: 'services-exist',
    });
    expect(await side.proposeServiceChange('accueil', ' ', 'x')).toStrictEqual({
      ok: false,
      reason: 'invalid-title',
    });
    expect(
      await side.proposeServiceChange('inconnu' as never, 'Titre', 'Permanence le samedi'),
    ).toStrictEqual({ ok: false, reason: 'unknown-service' });
    const proposal = idOf(
      await side.proposeServiceChange('accueil', 'Accueil le samedi', 'Permanence le samedi'),
    );
    expect(fresh().services[0]?.proposals.map((p) => p.id)).toStrictEqual([proposal]);
  });

  it('lets the founder of an older cooperative create the services once', async () => {
    side.stop();
    await cooperative.stop();
    cooperative = await startRealCooperative({ clock: () => now, commonServices: false });
    peer = cooperative.peer;
    side = createServicesSide({
      ...cooperative.signing,
      callLeader: () => Promise.reject(new Error('no follower here')),
      clock: () => now,
    });
    expect(fresh()).toMatchObject({ services: [], canCreateServices: true, fund: null });
    idOf(await side.createCommonServices());
    expect(fresh().services).toHaveLength(6);
    expect(fresh().canCreateServices).toBe(false);
    expect(await side.createCommonServices()).toStrictEqual({
      ok: false,
      reason: 'services-exist',
    });
  });

  it('lends by decision with an exact schedule, pays out, and counts a repayment', async () => {
    const project = await projectAccount();
    const fund = fresh().fund!.account;
    await peer.contribute(fund, 5_000, 'ma part');
    const loan: LoanInput = {
      title: 'Prêt au fournil',
      text: 'Pour le four.',
      to: project,
      amount: 3_000,
      schedule,
      closes: IN_AN_HOUR,
    };
    const hostile: [Partial<LoanInput>, string][] = [
      [{ schedule: [...schedule, { due: '2027-04-15', amount: 50 }] }, 'invalid-schedule'],
      [{ schedule: [{ due: '2027-01-15', amount: Number.NaN }] }, 'invalid-schedule'],
      [
        {
          schedule: [
            { due: '2027-01-15', amount: -3_000 },
            { due: '2027-02-15', amount: 6_000 },
          ],
        },
        'invalid-schedule',
      ],
      [
        { schedule: Array.from({ length: 10_000 }, (_, i) => ({ due: '2027-01-01', amount: i })) },
        'invalid-schedule',
      ],
      [{ amount: Number.NaN }, 'invalid-amount'],
      [{ amount: 0 }, 'invalid-amount'],
      [{ to: fund }, 'unknown-account'],
      [{ title: '' }, 'invalid-title'],
      [{ closes: TS }, 'invalid-closing'],
      [{ text: 'x'.repeat(10_001) }, 'invalid-text'],
    ];
    for (const [change, reason] of hostile)
      expect(await side.proposeLoan({ ...loan, ...change })).toStrictEqual({ ok: false, reason });
    expect(fresh().fund?.loans).toStrictEqual([]);

    const id = idOf(await side.proposeLoan(loan));
    expect(fresh().fund?.loans[0]).toMatchObject({ id, stage: 'voting', canPayOut: false });
    expect(await side.payOutLoan(id)).toStrictEqual({ ok: false, reason: 'not-adopted' });
    await peer.vote(id, 'agree', '');
    await peer.close(id);
    expect(fresh().fund?.loans[0]).toMatchObject({ stage: 'adopted', canPayOut: true });

    idOf(await side.payOutLoan(id));
    await peer.settled();
    expect(peer.ledger.balanceOf(project)).toBe(3_000);
    expect(fresh().fund?.loans[0]).toMatchObject({ stage: 'paid-out', canRepay: true });
    expect(await side.payOutLoan(id)).toStrictEqual({ ok: false, reason: 'already-paid-out' });

    expect(await side.repayLoan(id, 3_001)).toStrictEqual({ ok: false, reason: 'invalid-amount' });
    expect(await side.repayLoan(id, 1.5)).toStrictEqual({ ok: false, reason: 'invalid-amount' });
    idOf(await side.repayLoan(id, 1_000));
    await peer.settled();
    const repaid = fresh().fund!.loans[0]!;
    expect(repaid.repaid).toBe(1_000);
    expect(repaid.remaining).toBe(2_000);
    expect(repaid.instalments.map((i) => i.state)).toStrictEqual(['paid', 'due', 'due']);
    expect(fresh().fund?.balance).toBe(5_000 - 3_000 + 1_000);
  });

  it('runs a round: two suppliers, an order, the close, and the share paid in one step', async () => {
    const round: RoundInput = {
      title: 'Commande de décembre',
      closesAt: IN_AN_HOUR,
      suppliers: [
        { id: 'ferme', name: 'Ferme des Lilas', needsEuros: false },
        { id: 'moulin', name: 'Moulin de Brie', needsEuros: true },
      ],
      products: [
        {
          id: 'oeufs',
          supplier: 'ferme',
          name: 'Œufs',
          unit: 'douzaine',
          price: 450,
          priceEuroCents: null,
        },
        {
          id: 'farine',
          supplier: 'moulin',
          name: 'Farine',
          unit: 'kg',
          price: 180,
          priceEuroCents: 175,
        },
      ],
    };
    expect(await side.createPurchaseRound({ ...round, suppliers: [] })).toStrictEqual({
      ok: false,
      reason: 'invalid-round',
    });
    expect(await side.createPurchaseRound({ ...round, closesAt: TS })).toStrictEqual({
      ok: false,
      reason: 'invalid-closing',
    });
    const id = idOf(await side.createPurchaseRound(round));
    await peer.settled();
    expect(fresh().rounds.map((r) => r.id)).toStrictEqual([id]);
    for (const quantities of [{ oeufs: -1 }, { pain: 1 }, { oeufs: 1.5 }, { oeufs: 1e9 }])
      expect(await side.orderInRound(id, quantities)).toStrictEqual({
        ok: false,
        reason: 'invalid-quantities',
      });
    expect(await side.payPurchaseShare(id)).toStrictEqual({ ok: false, reason: 'round-open' });
    idOf(await side.orderInRound(id, { oeufs: 2, farine: 5 }));
    idOf(await side.closePurchaseRound(id));
    expect(await side.orderInRound(id, { oeufs: 3 })).toStrictEqual({
      ok: false,
      reason: 'round-closed',
    });
    let view = fresh().rounds[0]!;
    expect(view.closed).toBe(true);
    expect(view.myDue).toBe(1_800);
    expect(view.supplierTotals.map((s) => [s.supplier, s.total, s.euroCents])).toStrictEqual([
      ['ferme', 900n, null],
      ['moulin', 900n, 875n],
    ]);
    idOf(await side.payPurchaseShare(id));
    await peer.settled();
    view = fresh().rounds[0]!;
    expect(view.shares).toMatchObject([{ member: alice.did, total: 1_800n, paid: 1_800 }]);
    expect(view.myDue).toBe(0);
    expect(await side.payPurchaseShare(id)).toStrictEqual({ ok: false, reason: 'nothing-to-pay' });
    expect(peer.ledger.balanceOf(view.account)).toBe(1_800);
  });

  it('checks tab messages for shape', () => {
    expect(isEconomyCall({ kind: 'pay-share', round: 'x' })).toBe(true);
    for (const junk of [null, 7, [], {}, { kind: 'steal' }, { kind: 1 }])
      expect(isEconomyCall(junk)).toBe(false);
  });
});
