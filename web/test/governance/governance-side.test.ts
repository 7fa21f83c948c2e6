import { type DocHandle } from '@automerge/automerge-repo';
import {
  createBallot,
  createProposal,
  createProxy,
  entryId,
  type Entry,
  type FeedPosition,
} from '@integrale/ledger';
import { type CooperativePeer } from '@integrale/peer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GovernanceResult, ProposalInput } from '../../src/app/runtime-governance.js';
import type { GovernanceCall } from '../../src/governance/calls.js';
import {
  createGovernanceSide,
  type GovernanceSide,
  type GovernanceSideInit,
  type ProposalSettingsDoc,
} from '../../src/runtime/governance.js';

import {
  alice,
  bob,
  startRealCooperative,
  stranger,
  type RealCooperative,
} from '../support/real-cooperative.js';

/*
 * The browser runtime's governance part over a real cooperative peer (real Automerge documents,
 * real signatures, the real ledger and count): Bob's entries arrive as changes of the ledger
 * document, as a sync from his device would bring them.
 */

const TS = '2026-11-26T10:00:00.000Z';
const IN_AN_HOUR = '2026-11-26T11:00:00.000Z';
let cooperative: RealCooperative;
let peer: CooperativePeer;
let bobHead: FeedPosition;
let now: number;
let side: GovernanceSide;

/** Carries Bob's entries into the ledger document, and follows his feed's head. */
async function carry(...entries: Entry[]): Promise<void> {
  await cooperative.carry(...entries);
  const last = entries.at(-1);
  if (last !== undefined) bobHead = { id: entryId(last), seq: last.seq, balance: bobHead.balance };
}

function sideWith(overrides: Partial<GovernanceSideInit> = {}): GovernanceSide {
  return createGovernanceSide({
    ...cooperative.signing,
    callLeader: () => Promise.reject(new Error('no follower here')),
    clock: () => now,
    ...overrides,
  });
}

function raiseBob(overrides: Partial<ProposalInput> = {}): ProposalInput {
  return {
    title: 'Relever la limite de Bob',
    text: 'Pour lancer le fournil.',
    scope: 'federation',
    assembly: 'ag-novembre',
    method: { kind: 'consent' },
    quorum: 2,
    closes: IN_AN_HOUR,
    electorate: null,
    amends: null,
    effects: { memberLimit: { member: bob.did, limit: 50_000 } },
    ...overrides,
  };
}

function entryOf(result: GovernanceResult): string {
  if (!result.ok) throw new Error(`refused: ${result.reason} ${result.field ?? ''}`);
  return result.entry;
}

beforeEach(async () => {
  now = Date.parse(TS);
  cooperative = await startRealCooperative({ clock: () => now });
  peer = cooperative.peer;
  bobHead = { id: entryId(cooperative.bobJoin), seq: 1, balance: 0 };
  peer.onLedgerUpdate(() => cooperative.signing.changed());
  side = sideWith();
});

afterEach(async () => {
  await cooperative.stop();
});

describe('proposals and votes over a real peer', () => {
  it('adopts a decision with a ballot and a proxy, and shows it verified in the log', async () => {
    const id = entryOf(await side.propose({ ...raiseBob(), hideResults: true }));
    const view = side.proposal(id);
    expect(view).toMatchObject({
      title: 'Relever la limite de Bob',
      status: { state: 'valid' },
      hideResults: true,
      decided: null,
      count: { result: 'no-quorum', participants: 0 },
    });
    expect(side.governanceSnapshot().proposals.map((p) => p.id)).toEqual([id]);

    entryOf(await side.vote(id, 'agree', ''));
    // Bob gives his vote to Alice for the assembly, from his own device.
    await carry(
      createProxy(bob, bobHead, {
        coop: peer.coop,
        ts: TS,
        assembly: 'ag-novembre',
        to: alice.did,
      }),
    );
    expect(side.proposal(id)?.count).toMatchObject({
      result: 'adopted',
      participants: 2,
      counts: { agree: 2 },
    });
    expect(side.proposal(id)?.proxies).toMatchObject([
      { from: bob.did, to: alice.did, carried: true },
    ]);

    const outcome = entryOf(await side.closeVote(id));
    await peer.settled();
    const [decision] = side.governanceSnapshot().decisions;
    expect(decision).toMatchObject({
      id: outcome,
      proposal: id,
      result: 'adopted',
      status: { state: 'valid' },
      effects: { memberLimit: { member: bob.did, limit: 50_000 } },
      revokedBy: [],
      uncounted: [],
    });
    expect(decision?.entries).toContain(id);
    expect(side.proposal(id)?.decided?.id).toBe(outcome);
    // The vote is closed now: no more ballots, no second close.
    expect(await side.vote(id, 'agree', '')).toStrictEqual({ ok: false, reason: 'closed' });
    expect(await side.closeVote(id)).toStrictEqual({ ok: false, reason: 'closed' });
  });

  it('gives a reason, and signs nothing, for every action it cannot take', async () => {
    const id = entryOf(await side.propose(raiseBob()));
    const before = peer.ledger.items().length;
    const refusals: [Promise<GovernanceResult>, unknown][] = [
      [side.vote('f'.repeat(64), 'agree', ''), { ok: false, reason: 'not-held' }],
      [side.vote('not an id', 'agree', ''), { ok: false, reason: 'not-held' }],
      [side.vote(id, 'block', '   '), { ok: false, reason: 'reason-required' }],
      [side.vote(id, 'disagree', ''), { ok: false, reason: 'choice-not-allowed' }],
      [side.vote(id, 'whatever' as never, ''), { ok: false, reason: 'choice-not-allowed' }],
      [side.vote(id, 'block', 'x'.repeat(1001)), { ok: false, reason: 'reason-too-long' }],
      [side.giveProxy('ag-novembre', alice.did), { ok: false, reason: 'invalid-proxy' }],
      [side.giveProxy('ag-novembre', stranger.did), { ok: false, reason: 'invalid-proxy' }],
      [side.giveProxy('', bob.did), { ok: false, reason: 'invalid-proxy' }],
      [
        side.propose(raiseBob({ electorate: [stranger.did] })),
        { ok: false, reason: 'invalid-draft', field: 'electorate' },
      ],
      [
        side.propose(raiseBob({ title: '<img src=x onerror=alert(1)>'.repeat(20) })),
        { ok: false, reason: 'invalid-draft', field: 'title' },
      ],
      [
        side.propose({ ...raiseBob(), effects: { memberLimit: { member: bob.did, limit: -5 } } }),
        { ok: false, reason: 'invalid-draft', field: 'effects' },
      ],
    ];
    for (const [result, expected] of refusals) expect(await result).toStrictEqual(expected);
    expect(peer.ledger.items()).toHaveLength(before);

    const notMember = sideWith({ self: () => stranger.did });
    expect(await notMember.vote(id, 'agree', '')).toStrictEqual({
      ok: false,
      reason: 'not-member',
    });
    const notReady = sideWith({ ready: () => false });
    expect(await notReady.vote(id, 'agree', '')).toStrictEqual({ ok: false, reason: 'not-ready' });
  });

  it('lets only the proposer close early or withdraw; anyone may close after the closing time', async () => {
    await carry(
      createProposal(bob, bobHead, {
        coop: peer.coop,
        ts: TS,
        ...raiseBob({ quorum: 0, title: 'Proposition de Bob' }),
      }),
    );
    const bobs = side.governanceSnapshot().proposals[0];
    expect(bobs?.title).toBe('Proposition de Bob');
    const id = bobs?.id ?? '';
    expect(await side.closeVote(id)).toStrictEqual({ ok: false, reason: 'not-proposer' });
    expect(await side.closeVote(id, { withdraw: true })).toStrictEqual({
      ok: false,
      reason: 'not-proposer',
    });
    now = Date.parse(IN_AN_HOUR) + 1;
    expect(await side.vote(id, 'agree', '')).toStrictEqual({ ok: false, reason: 'closed' });
    const outcome = entryOf(await side.closeVote(id));
    await peer.settled();
    expect(peer.ledger.status(outcome)?.state).toBe('valid');
  });

  it('refuses a ballot from a member outside the electorate', async () => {
    const id = entryOf(await side.propose(raiseBob({ electorate: [bob.did] })));
    expect(await side.vote(id, 'agree', '')).toStrictEqual({
      ok: false,
      reason: 'not-in-electorate',
    });
    await carry(
      createBallot(bob, bobHead, {
        coop: peer.coop,
        ts: TS,
        proposal: id,
        choice: 'block',
        reason: 'Trop tôt.',
      }),
    );
    expect(side.proposal(id)?.count).toMatchObject({ result: 'no-quorum', blockers: [bob.did] });
  });

  it('shows the limit in force and the decision that set it, once this member’s device took it up', async () => {
    expect(side.governanceSnapshot().limit).toStrictEqual({
      limit: 10_000,
      decision: null,
      title: null,
    });
    const id = entryOf(
      await side.propose(
        raiseBob({
          title: 'Relever ma limite',
          quorum: 1,
          effects: { memberLimit: { member: alice.did, limit: 30_000 } },
        }),
      ),
    );
    entryOf(await side.vote(id, 'agree', ''));
    const outcome = entryOf(await side.closeVote(id));
    await vi.waitFor(async () => {
      await peer.settled();
      expect(side.governanceSnapshot().limit).toStrictEqual({
        limit: 30_000,
        decision: outcome,
        title: 'Relever ma limite',
      });
    });
  });

  it('restarts the vote on an amendment: ballots on the amended text do not count for it', async () => {
    const first = entryOf(await side.propose(raiseBob({ quorum: 1 })));
    entryOf(await side.vote(first, 'agree', ''));
    const amendment = entryOf(
      await side.propose(
        raiseBob({
          quorum: 1,
          amends: first,
          effects: { memberLimit: { member: bob.did, limit: 30_000 } },
        }),
      ),
    );
    expect(side.proposal(first)?.amendedBy).toEqual([amendment]);
    expect(side.proposal(amendment)).toMatchObject({
      amends: first,
      status: { state: 'valid' },
      count: { result: 'no-quorum', participants: 0 },
    });
    expect(await side.propose(raiseBob({ amends: 'e'.repeat(64) }))).toStrictEqual({
      ok: false,
      reason: 'invalid-draft',
      field: 'amends',
    });
  });

  it('hides results only when the proposal’s own author asked for it', async () => {
    const id = entryOf(await side.propose(raiseBob()));
    expect(side.proposal(id)?.hideResults).toBe(false);
    const root = peer.root() as unknown as DocHandle<ProposalSettingsDoc>;
    root.change((doc) => {
      doc.proposalSettings = { [id]: { hideResults: true, by: bob.did } };
    });
    expect(side.proposal(id)?.hideResults).toBe(false);
    root.change((doc) => {
      doc.proposalSettings = { [id]: 'garbage' as never };
    });
    expect(side.proposal(id)?.hideResults).toBe(false);
    root.change((doc) => {
      doc.proposalSettings = { [id]: { hideResults: true, by: alice.did } };
    });
    expect(side.proposal(id)?.hideResults).toBe(true);
  });

  it('hands a follower tab’s action to the leader, which signs it; the leader refuses when it is not', async () => {
    const calls: GovernanceCall[] = [];
    const follower = sideWith({
      leading: () => false,
      callLeader: (call) => {
        calls.push(call);
        return side.here(call);
      },
    });
    const id = entryOf(await follower.propose(raiseBob()));
    entryOf(await follower.vote(id, 'agree', ''));
    expect(calls.map((call) => call.kind)).toEqual(['propose', 'vote']);
    expect(side.proposal(id)?.ballots).toMatchObject([{ voter: alice.did, choice: 'agree' }]);
    expect(await follower.here({ kind: 'close', proposal: id, withdraw: false })).toStrictEqual({
      ok: false,
      reason: 'not-ready',
    });
    // The leader checks again what a follower sends.
    expect(
      await side.here({ kind: 'vote', proposal: id, choice: 'block', reason: '' }),
    ).toStrictEqual({ ok: false, reason: 'reason-required' });
  });
});
