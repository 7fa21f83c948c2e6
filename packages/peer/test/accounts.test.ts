import { ImmutableString } from '@automerge/automerge-repo';
import { entryId } from '@integrale/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import { createSpendRequest, readSpendRequests } from '../src/index.js';
import { keyOf, verifier } from './helpers/cooperative.js';
import { startCooperative, type Cooperative } from './helpers/members.js';

/*
 * A collective account over real peers: opened with two stewards of whom both must approve,
 * funded by a member, a spend prepared by another member, approved on the stewards' own devices,
 * written by the preparer's device, accepted by the payee's — and a request whose place in the
 * account's chain was taken meanwhile turning stale instead of forking the account.
 */

let cooperative: Cooperative | undefined;
afterEach(async () => {
  await cooperative?.stopAll();
  cooperative = undefined;
});

async function fourMembers() {
  cooperative = await startCooperative('alice');
  const alice = cooperative.founder;
  const bob = await cooperative.admit('bob');
  const chloe = await cooperative.admit('chloe');
  await cooperative.until(() =>
    [alice, bob, chloe].every((m) => m.peer.ledger.members().length === 3),
  );
  const account = await alice.peer.openAccount({
    name: 'Fournil collectif',
    kind: 'project',
    scope: 'Montreuil',
    stewards: [alice.did, bob.did],
    threshold: 2,
  });
  const id = entryId(account);
  await cooperative.until(() => chloe.peer.ledger.status(id)?.state === 'valid');
  await chloe.peer.contribute(id, 3_000, 'part sociale');
  await cooperative.until(() =>
    [alice, bob, chloe].every((m) => m.peer.ledger.balanceOf(id) === 3_000),
  );
  return { cooperative, alice, bob, chloe, account: id };
}

describe('collective accounts between devices', { timeout: 30_000 }, () => {
  it('spends once two stewards approved; the preparer writes it and the payee accepts', async () => {
    const { cooperative, alice, bob, chloe, account } = await fourMembers();
    // Chloé asks to be reimbursed for flour.
    const requestId = await chloe.peer.requestSpend({
      account,
      to: chloe.did,
      amount: 1_200,
      memo: 'farine',
    });
    await cooperative.until(
      () => bob.peer.root().doc().spendRequests?.[requestId] !== undefined,
      [bob],
    );
    expect((await bob.peer.spendRequests())[0]?.state).toBe('awaiting');
    await bob.peer.approveSpend(requestId);
    await cooperative.until(
      () => alice.peer.root().doc().spendApprovals?.[requestId]?.[bob.did] !== undefined,
      [alice],
    );
    await alice.peer.approveSpend(requestId);

    await cooperative.until(() => alice.peer.ledger.balanceOf(chloe.did) === -3_000 + 1_200);
    await cooperative.until(() => bob.peer.ledger.balanceOf(account) === 1_800);
    const [view] = await alice.peer.spendRequests();
    expect(view?.state).toBe('written');
    expect(view?.approvedBy).toStrictEqual([alice.did, bob.did].sort());
    expect(alice.peer.ledger.report().unaccepted).toStrictEqual([]);
    expect(alice.peer.ledger.accountAvailable(account)).toBe(1_800);
  });

  it('turns a request stale when another spend took its place, instead of forking the account', async () => {
    const { cooperative, alice, bob, chloe, account } = await fourMembers();
    const first = await chloe.peer.requestSpend({ account, to: chloe.did, amount: 500, memo: '' });
    const second = await chloe.peer.requestSpend({ account, to: bob.did, amount: 700, memo: '' });
    await cooperative.until(() => {
      const requests = bob.peer.root().doc().spendRequests ?? {};
      return requests[first] !== undefined && requests[second] !== undefined;
    }, [bob]);
    await bob.peer.approveSpend(first);
    await alice.peer.approveSpend(first);
    await cooperative.until(() => chloe.peer.ledger.balanceOf(account) === 2_500);
    await bob.peer.approveSpend(second);
    await alice.peer.approveSpend(second);
    await cooperative.until(() => chloe.peer.root().doc().spendApprovals?.[second] !== undefined);
    await cooperative.until(() => {
      const approvals = chloe.peer.root().doc().spendApprovals?.[second] ?? {};
      return Object.keys(approvals).length === 2;
    }, [chloe]);
    await chloe.peer.settled();
    const views = await chloe.peer.spendRequests();
    expect(views.find((view) => view.id === second)?.state).toBe('stale');
    expect(chloe.peer.ledger.report().accountForks).toStrictEqual([]);
    expect(chloe.peer.ledger.balanceOf(account)).toBe(2_500);
  });

  it('ignores forged and hostile spend requests in the root document', async () => {
    const { alice, chloe, account } = await fourMembers();
    const ledger = alice.peer.ledger;
    const spend = {
      coop: alice.peer.coop,
      account,
      accountSeq: 1,
      accountPrev: null,
      to: chloe.did,
      amount: 100,
      memo: '',
      receipts: [],
      decision: null,
      rules: null,
    };
    const honest = createSpendRequest(keyOf('chloe'), spend, '2026-11-26T10:00:00.000Z');
    const stranger = createSpendRequest(keyOf('mallory'), spend, '2026-11-26T10:00:00.000Z');
    const doc = {
      spendRequests: {
        // Claims to be Chloé's, signed by someone else.
        ['1'.repeat(64)]: new ImmutableString(JSON.stringify({ ...stranger, by: chloe.did })),
        // A non-member's request.
        ['2'.repeat(64)]: new ImmutableString(JSON.stringify(stranger)),
        ['3'.repeat(64)]: new ImmutableString('{not json'),
        ['4'.repeat(64)]: new ImmutableString('x'.repeat(600_000)),
        ['not an id']: new ImmutableString(JSON.stringify(honest)),
        // Honest, but filed under the wrong id.
        ['5'.repeat(64)]: new ImmutableString(JSON.stringify(honest)),
        // An amount the shape forbids.
        ['6'.repeat(64)]: new ImmutableString(
          JSON.stringify(createSpendRequest(keyOf('chloe'), { ...spend, amount: 0 }, 'x')),
        ),
      },
      spendApprovals: {},
    };
    expect(await readSpendRequests(doc, { coop: alice.peer.coop, ledger, verifier })).toStrictEqual(
      [],
    );
  });

  it('follows stewards and a threshold the assembly decided: a new steward approves alone', async () => {
    const { cooperative, alice, bob, chloe, account } = await fourMembers();
    const proposal = await alice.peer.propose({
      title: 'Chloé seule responsable du fournil',
      text: '',
      scope: 'Montreuil',
      assembly: '',
      method: { kind: 'consent' },
      quorum: 1,
      closes: new Date(Date.now() + 3_600_000).toISOString(),
      electorate: null,
      amends: null,
      effects: { accountRules: { account, stewards: [chloe.did], threshold: 1 } },
    });
    await alice.peer.vote(entryId(proposal), 'agree', '');
    const decision = await alice.peer.close(entryId(proposal));
    await cooperative.until(() => chloe.peer.ledger.status(entryId(decision))?.state === 'valid');
    // Chloé prepares and, as the only steward under the decided rules, approves it at once.
    const requestId = await chloe.peer.requestSpend({
      account,
      to: bob.did,
      amount: 900,
      memo: 'four',
    });
    await cooperative.until(() => bob.peer.ledger.balanceOf(account) === 2_100);
    const view = (await chloe.peer.spendRequests()).find((candidate) => candidate.id === requestId);
    expect(view?.state).toBe('written');
    expect(view?.request.spend.rules).toBe(entryId(decision));
    expect(chloe.peer.ledger.accountRules(account)).toStrictEqual({
      stewards: [chloe.did],
      threshold: 1,
      decision: entryId(decision),
    });
    // Alice is no longer a steward under the rules in force.
    const next = await chloe.peer.requestSpend({ account, to: chloe.did, amount: 1, memo: '' });
    await cooperative.until(
      () => alice.peer.root().doc().spendRequests?.[next] !== undefined,
      [alice],
    );
    await expect(alice.peer.approveSpend(next)).rejects.toThrow(/steward/);
  });
});
