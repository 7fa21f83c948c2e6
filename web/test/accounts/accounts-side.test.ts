import { type DocHandle } from '@automerge/automerge-repo';
import { approveSpend, type Entry } from '@integrale/ledger';
import {
  budgetMarker,
  writeSpendApproval,
  type CooperativePeer,
  type SpendRequestsDoc,
} from '@integrale/peer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsResult } from '../../src/app/runtime-accounts.js';
import { compareBudget } from '../../src/budgets/compare.js';
import type { AccountsCall } from '../../src/runtime/accounts-calls.js';
import { isAccountsCall } from '../../src/runtime/accounts-calls.js';
import {
  createAccountsSide,
  type AccountsSide,
  type AccountsSideInit,
} from '../../src/runtime/accounts.js';
import {
  alice,
  bob,
  startRealCooperative,
  stranger,
  type RealCooperative,
} from '../support/real-cooperative.js';

/*
 * The browser runtime's accounts part over a real cooperative peer (real Automerge documents, real
 * signatures, the real ledger): Bob's entries and approvals arrive as changes of the documents,
 * as a sync from his device would bring them.
 */

const TS = '2026-11-26T10:00:00.000Z';

let cooperative: RealCooperative;
let peer: CooperativePeer;
let side: AccountsSide;
const carry = (...entries: Entry[]): Promise<void> => cooperative.carry(...entries);
/** Waits until `check` holds (the side reads signed records asynchronously). */
const until = (check: () => boolean): Promise<void> => cooperative.until(check);

function sideWith(overrides: Partial<AccountsSideInit> = {}): AccountsSide {
  return createAccountsSide({
    ...cooperative.signing,
    callLeader: () => Promise.reject(new Error('no follower here')),
    clock: () => Date.parse(TS),
    ...overrides,
  });
}

function accountOf(id: string) {
  return side.accountsSnapshot().accounts.find((account) => account.id === id);
}

function idOf(result: AccountsResult): string {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.id;
}

beforeEach(async () => {
  cooperative = await startRealCooperative({ creditLimit: 50_000 });
  peer = cooperative.peer;
  side = sideWith();
  side.accountsSnapshot(); // attaches to the peer
});

afterEach(async () => {
  side.stop();
  await cooperative.stop();
});

const FOURNIL = {
  name: 'Fournil',
  kind: 'project' as const,
  scope: 'federation',
  stewards: [bob.did, alice.did],
  threshold: 2,
};

describe('collective accounts over a real peer', () => {
  it('opens an account, takes a contribution, and spends once both stewards approved', async () => {
    const account = idOf(await side.openAccount(FOURNIL));
    expect(accountOf(account)).toMatchObject({
      name: 'Fournil',
      threshold: 2,
      balance: 0,
      available: 0,
      steward: true,
      forks: [],
    });
    idOf(await side.contribute(account, 10_000, 'mise de départ'));
    expect(accountOf(account)).toMatchObject({ balance: 10_000, available: 10_000 });

    const budget = idOf(
      await side.createBudget({
        account,
        title: 'Fournil 2027',
        from: '2027-01-01',
        to: '2027-12-31',
        lines: [{ id: 'aide', label: 'Coups de main', kind: 'spending', planned: 3_000 }],
      }),
    );
    await until(() => side.accountsSnapshot().budgets.some((b) => b.id === budget));
    expect(side.accountsSnapshot().budgets[0]).toMatchObject({ approvedBy: null });

    const request = idOf(
      await side.requestSpend({
        account,
        to: bob.did,
        amount: 3_000,
        memo: 'trois heures',
        budgetLine: { budget, line: 'aide' },
      }),
    );
    await until(() => side.accountsSnapshot().spendRequests.some((r) => r.id === request));
    expect(side.accountsSnapshot().spendRequests[0]).toMatchObject({
      state: 'awaiting',
      approvedBy: [alice.did],
      canApprove: false,
      memo: `trois heures ${budgetMarker(budget, 'aide')}`,
    });
    // Alice approved when preparing it: a second approval is refused with a reason.
    expect(await side.approveSpend(request)).toStrictEqual({ ok: false, reason: 'not-awaiting' });

    // Bob approves on his device: his signature arrives in the root document.
    const view = (await peer.spendRequests()).find((r) => r.id === request)!;
    writeSpendApproval(
      peer.root() as unknown as DocHandle<SpendRequestsDoc>,
      request,
      bob.did,
      approveSpend(bob, view.request.spend),
    );
    await until(() => side.accountsSnapshot().spendRequests[0]?.state === 'written');
    const snapshot = side.accountsSnapshot();
    expect(accountOf(account)).toMatchObject({ balance: 7_000, available: 7_000 });
    const compared = compareBudget(
      budget,
      { account, lines: snapshot.budgets[0]!.lines },
      snapshot.movements,
    );
    expect(compared.lines[0]).toMatchObject({ planned: 3_000n, actual: 3_000n });
  });

  it('refuses hostile and impossible actions with reasons and signs nothing', async () => {
    const account = idOf(await side.openAccount(FOURNIL));
    const head = () => peer.ledger.feedHead(alice.did)?.seq;
    const before = head();
    const refusals: [Promise<AccountsResult>, string][] = [
      [side.openAccount({ ...FOURNIL, name: '' }), 'invalid-name'],
      [side.openAccount({ ...FOURNIL, name: 'x'.repeat(81) }), 'invalid-name'],
      [side.openAccount({ ...FOURNIL, stewards: [bob.did] }), 'invalid-stewards'],
      [side.openAccount({ ...FOURNIL, stewards: [alice.did, stranger.did] }), 'invalid-stewards'],
      [side.openAccount({ ...FOURNIL, stewards: [alice.did, alice.did] }), 'invalid-stewards'],
      [side.openAccount({ ...FOURNIL, threshold: 3 }), 'invalid-threshold'],
      [side.openAccount({ ...FOURNIL, threshold: 1.5 }), 'invalid-threshold'],
      [side.openAccount({ ...FOURNIL, kind: 'bank' as 'fund' }), 'invalid-name'],
      [side.contribute('f'.repeat(64), 100, ''), 'unknown-account'],
      [side.contribute(account, 0, ''), 'invalid-amount'],
      [side.contribute(account, Number.NaN, ''), 'invalid-amount'],
      [side.contribute(account, 1e13, ''), 'invalid-amount'],
      [side.contribute(account, 100, 'x'.repeat(281)), 'memo-too-long'],
      [side.contribute(account, 60_000, ''), 'over-limit'],
      [
        side.requestSpend({ account, to: bob.did, amount: 1, memo: '', budgetLine: null }),
        'insufficient-funds',
      ],
      [
        side.requestSpend({ account, to: account, amount: 1, memo: '', budgetLine: null }),
        'self-pay',
      ],
      [
        side.requestSpend({ account, to: stranger.did, amount: 1, memo: '', budgetLine: null }),
        'unknown-payee',
      ],
      [
        side.requestSpend({
          account,
          to: bob.did,
          amount: 1,
          memo: '',
          budgetLine: { budget: 'b'.repeat(64), line: 'aide' },
        }),
        'unknown-budget-line',
      ],
      [side.approveSpend('0'.repeat(64)), 'not-awaiting'],
      [
        side.createBudget({
          account,
          title: '<img src=x onerror=alert(1)>',
          from: '2027-12-31',
          to: '2027-01-01',
          lines: [],
        }),
        'invalid-budget',
      ],
    ];
    for (const [result, reason] of refusals) {
      expect(await result).toStrictEqual({ ok: false, reason });
    }
    expect(head()).toBe(before);
  });

  it('hands a follower tab’s actions to the leader', async () => {
    const calls: AccountsCall[] = [];
    const follower = sideWith({
      leading: () => false,
      callLeader: (call) => {
        calls.push(call);
        expect(isAccountsCall(structuredClone(call))).toBe(true);
        return side.here(call);
      },
    });
    const account = idOf(await follower.openAccount(FOURNIL));
    expect(peer.ledger.status(account)?.state).toBe('valid');
    expect(calls.map((call) => call.kind)).toStrictEqual(['open']);
    follower.stop();
  });

  it('shows a fork when two spends were approved at one place of the chain', async () => {
    const account = idOf(
      await side.openAccount({ ...FOURNIL, stewards: [alice.did], threshold: 1 }),
    );
    idOf(await side.contribute(account, 1_000, ''));
    // Two requests prepared at once for the same place, each approved (threshold 1).
    const first = idOf(
      await side.requestSpend({ account, to: bob.did, amount: 800, memo: 'a', budgetLine: null }),
    );
    await until(() => side.accountsSnapshot().spendRequests.some((r) => r.id === first));
    await until(() => accountOf(account)?.balance === 200);
    // Bob's device had prepared the same place before seeing Alice's spend: it wrote it too.
    const written = peer.ledger.validGovernance('spend')[0]!.entry;
    expect(written.accountSeq).toBe(1);
    const { createSpend, prepareSpend } = await import('@integrale/ledger');
    const spend = prepareSpend({
      coop: peer.coop,
      account,
      accountSeq: 1,
      accountPrev: null,
      to: alice.did,
      amount: 700,
      memo: 'b',
      receipts: written.receipts,
      decision: null,
      rules: null,
    });
    const bobHead = peer.ledger.feedHead(bob.did)!;
    await carry(createSpend(bob, bobHead, spend, { [alice.did]: approveSpend(alice, spend) }, TS));
    await until(() => (accountOf(account)?.forks.length ?? 0) === 1);
    expect(accountOf(account)).toMatchObject({
      balance: -500,
      forks: [{ accountSeq: 1 }],
    });
  });
});

describe('calls between tabs', () => {
  it('accepts only well-shaped account calls', () => {
    expect(isAccountsCall({ kind: 'approve', request: 'x' })).toBe(true);
    expect(isAccountsCall({ kind: 'approve', request: 1 })).toBe(false);
    expect(isAccountsCall({ kind: 'contribute', account: 'a', amount: '1', memo: '' })).toBe(false);
    expect(isAccountsCall({ kind: 'open', input: [] })).toBe(false);
    expect(isAccountsCall({ kind: 'steal' })).toBe(false);
    expect(isAccountsCall(null)).toBe(false);
  });
});
