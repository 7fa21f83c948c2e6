import { entryId, MAX_AMOUNT } from '@integrale/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import { decidedLimit, limitToTakeUp, removedMembers, type ProposalDraft } from '../src/index.js';
import { startCooperative, type Cooperative } from './helpers/members.js';

/*
 * Deciding together over real peers: a proposal, ballots from three devices, an outcome any
 * device recounts, and a decided credit limit the member's own device takes up by itself — after
 * which a payment refused before goes through.
 */

let cooperative: Cooperative | undefined;
afterEach(async () => {
  await cooperative?.stopAll();
  cooperative = undefined;
});

const IN_A_WEEK = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

function raiseLimitOf(did: string, limit: number): ProposalDraft {
  return {
    title: 'Relever la limite de crédit',
    text: 'Pour lancer le fournil.',
    scope: 'federation',
    assembly: 'ag-novembre',
    method: { kind: 'consent' },
    quorum: 2,
    closes: IN_A_WEEK,
    electorate: null,
    amends: null,
    effects: { memberLimit: { member: did, limit } },
  };
}

describe('deciding together', () => {
  it('adopts a decision raising a member’s limit: counted, closed and recounted on every device; their device takes it up and the payment passes', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const bob = await cooperative.admit('bob');
    const chloe = await cooperative.admit('chloe');
    await cooperative.until(() =>
      [alice, bob, chloe].every((m) => m.peer.ledger.members().length === 3),
    );

    // Before any decision, Bob's feed has the genesis limit: 150.00 ECO would take him past it.
    expect(bob.peer.ledger.limitOf(bob.did)).toStrictEqual({ limit: 10_000, decision: null });
    expect(bob.peer.ledger.balanceOf(bob.did) - 15_000 < -10_000).toBe(true);

    const proposal = await alice.peer.propose(raiseLimitOf(bob.did, 50_000));
    const id = entryId(proposal);
    await cooperative.until(() => [bob, chloe].every((m) => m.peer.count(id) !== null));
    await alice.peer.vote(id, 'agree', '');
    await chloe.peer.vote(id, 'agree', '');
    await bob.peer.giveProxy('ag-novembre', alice.did); // Bob gives his vote to Alice
    await cooperative.until(() => chloe.peer.count(id)?.counts.agree === 3);

    const outcome = await chloe.peer.close(id);
    expect(outcome.result).toBe('adopted');
    await cooperative.until(() =>
      [alice, bob].every((m) => m.peer.ledger.status(entryId(outcome))?.state === 'valid'),
    );
    // Bob's device takes up the decided limit by itself.
    await cooperative.until(() => bob.peer.ledger.limitOf(bob.did).limit === 50_000);
    expect(bob.peer.ledger.limitOf(bob.did).decision).toBe(entryId(outcome));
    expect(decidedLimit(alice.peer.ledger, bob.did)).toStrictEqual({
      decision: entryId(outcome),
      limit: 50_000,
    });
    expect(limitToTakeUp(alice.peer.ledger, alice.did)).toBeNull();

    const pay = await bob.peer.pay(alice.did, 15_000, 'four');
    await cooperative.until(() => alice.peer.ledger.status(entryId(pay))?.state === 'valid');
    await cooperative.until(() => alice.peer.ledger.balanceOf(alice.did) === 15_000);
    expect(alice.peer.ledger.report().limits?.[bob.did]).toStrictEqual({
      limit: 50_000,
      decision: entryId(outcome),
    });
  });

  it('lowers a limit by a later decision that revokes the first, and every device agrees', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const bob = await cooperative.admit('bob');
    await cooperative.until(() => bob.peer.ledger.members().length === 2);
    const raise = await alice.peer.propose({ ...raiseLimitOf(bob.did, 50_000), quorum: 1 });
    await alice.peer.vote(entryId(raise), 'agree', '');
    const raised = await alice.peer.close(entryId(raise));
    await cooperative.until(() => bob.peer.ledger.limitOf(bob.did).limit === 50_000);

    const lower = await alice.peer.propose({
      ...raiseLimitOf(bob.did, 5_000),
      quorum: 1,
      effects: { memberLimit: { member: bob.did, limit: 5_000 }, revokes: entryId(raised) },
    });
    await alice.peer.vote(entryId(lower), 'agree', '');
    const lowered = await alice.peer.close(entryId(lower));
    await cooperative.until(() => bob.peer.ledger.limitOf(bob.did).limit === 5_000);
    await cooperative.until(() => alice.peer.ledger.limitOf(bob.did).limit === 5_000);
    expect(
      alice.peer.ledger.report().decisions?.find((d) => d.id === entryId(raised))?.revokedBy,
    ).toStrictEqual([entryId(lowered)]);
  });

  it('lets the proposer withdraw, and refuses to close a proposal this device does not hold', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const proposal = await alice.peer.propose({
      ...raiseLimitOf(alice.did, MAX_AMOUNT),
      quorum: 0,
    });
    const withdrawn = await alice.peer.close(entryId(proposal), { withdraw: true });
    expect(withdrawn.result).toBe('withdrawn');
    await cooperative.until(() => alice.peer.ledger.status(entryId(withdrawn))?.state === 'valid');
    expect(alice.peer.ledger.limitOf(alice.did).decision).toBeNull();
    await expect(alice.peer.close('0'.repeat(64))).rejects.toThrow(/no valid proposal/);
  });

  it('stops sharing documents with the devices of a member removed by decision', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const bob = await cooperative.admit('bob');
    await cooperative.until(() => bob.peer.ledger.members().length === 2);
    const bobDevice = bob.node.peerId.toString();
    await cooperative.until(() => alice.peer.gate.isMemberPeer(bobDevice));
    const removal = await alice.peer.propose({
      ...raiseLimitOf(bob.did, 0),
      title: 'Retirer Bob',
      quorum: 1,
      effects: { removeMember: bob.did },
    });
    await alice.peer.vote(entryId(removal), 'agree', '');
    await alice.peer.close(entryId(removal));
    await cooperative.until(() => removedMembers(alice.peer.ledger).has(bob.did), [alice]);
    expect(alice.peer.gate.isMemberPeer(bobDevice)).toBe(false);
    // The ledger keeps Bob's signed past: he is still listed as having joined.
    expect(alice.peer.ledger.isMember(bob.did)).toBe(true);
  });
});
