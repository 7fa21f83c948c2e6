/*
 * Example-based tests of the decision rules (src/governance/tally.ts, module comment): one
 * scenario per rule, named after it. The property tests (tally-properties.test.ts) check the same
 * rules on random inputs against a reference model.
 */
import { describe, expect, it } from 'vitest';
import {
  tally,
  type BallotFact,
  type Choice,
  type DecisionMethod,
  type ProxyFact,
  type Tally,
  type TallyInput,
} from '../../src/index.js';

const ALICE = 'did:key:alice';
const BOB = 'did:key:bob';
const CHLOE = 'did:key:chloe';
const DAVID = 'did:key:david';
const EMMA = 'did:key:emma';
const OUTSIDER = 'did:key:outsider';
const MEMBERS: ReadonlySet<string> = new Set([ALICE, BOB, CHLOE, DAVID, EMMA]);
const CURRENT = 'revision-2';
const OLD = 'revision-1';
const CLOSES = '2026-12-01T18:00:00.000Z';

const CONSENT: DecisionMethod = { kind: 'consent' };
const CONSENSUS: DecisionMethod = { kind: 'consensus' };
const ADVICE: DecisionMethod = { kind: 'advice' };
const majority = (num: number, den: number): DecisionMethod => ({ kind: 'majority', num, den });

interface BallotOptions {
  readonly seq?: number;
  readonly reason?: string;
  readonly revision?: string;
  readonly ts?: string;
  readonly id?: string;
}

/** A ballot on the current revision at seq 1; a block gets a reason unless one is given. */
function ballot(voter: string, choice: Choice, options: BallotOptions = {}): BallotFact {
  const seq = options.seq ?? 1;
  const revision = options.revision ?? CURRENT;
  const fact: BallotFact = {
    id: options.id ?? `${voter}#${seq}:${choice}@${revision}`,
    voter,
    choice,
    reason: options.reason ?? (choice === 'block' ? 'Le budget ne tient pas.' : ''),
    revision,
    order: { seq },
  };
  return options.ts === undefined ? fact : { ...fact, ts: options.ts };
}

interface ProxyOptions {
  readonly seq?: number;
  readonly revoked?: boolean;
  readonly ts?: string;
  readonly id?: string;
}

function proxy(from: string, to: string, options: ProxyOptions = {}): ProxyFact {
  const seq = options.seq ?? 1;
  const revoked = options.revoked ?? false;
  const fact: ProxyFact = {
    id: options.id ?? `${from}#${seq}->${to}${revoked ? ':revoked' : ''}`,
    from,
    to,
    revoked,
    order: { seq },
  };
  return options.ts === undefined ? fact : { ...fact, ts: options.ts };
}

function count(
  method: DecisionMethod,
  ballots: readonly BallotFact[],
  extra: Partial<TallyInput> = {},
): Tally {
  return tally({
    method,
    quorum: 0,
    electorate: MEMBERS,
    revision: CURRENT,
    ballots,
    proxies: [],
    proposer: ALICE,
    ...extra,
  });
}

const reasonOf = (result: Tally, id: string): string | undefined =>
  result.ignored.find((row) => row.id === id)?.reason;

describe('consent', () => {
  it('adopts a proposal no one objects to', () => {
    const result = count(CONSENT, [ballot(BOB, 'agree'), ballot(CHLOE, 'agree')]);
    expect(result.result).toBe('adopted');
    expect(result.counts).toEqual({
      agree: 2,
      disagree: 0,
      abstain: 0,
      'stand-aside': 0,
      block: 0,
    });
    expect(result.participants).toBe(2);
    expect(result.decider).toBeNull();
  });

  it('adopts with no ballot at all when no quorum is asked', () => {
    expect(count(CONSENT, []).result).toBe('adopted');
  });

  it('is blocked by one objection with its reason, and names the objector', () => {
    const objection = ballot(DAVID, 'block', { reason: 'Risque pour la trésorerie.' });
    const result = count(CONSENT, [ballot(BOB, 'agree'), ballot(CHLOE, 'agree'), objection]);
    expect(result.result).toBe('blocked');
    expect(result.blockers).toEqual([DAVID]);
    expect(result.counted).toContain(objection.id);
  });

  it('ignores an objection without a reason (empty or blank), which replaces nothing', () => {
    for (const reason of ['', '   ', '\n\t', '\u00a0\u2003']) {
      const earlier = ballot(DAVID, 'agree', { seq: 1 });
      const objection = ballot(DAVID, 'block', { seq: 2, reason });
      const result = count(CONSENT, [earlier, objection]);
      expect(result.result, JSON.stringify(reason)).toBe('adopted');
      expect(reasonOf(result, objection.id)).toBe('reason-required');
      expect(result.counted).toEqual([earlier.id]);
      expect(result.blockers).toEqual([]);
    }
  });

  it('does not count disagree, abstain or stand-aside', () => {
    const ballots = [
      ballot(BOB, 'disagree'),
      ballot(CHLOE, 'abstain'),
      ballot(DAVID, 'stand-aside'),
    ];
    const result = count(CONSENT, ballots, { quorum: 1 });
    expect(result.result).toBe('no-quorum');
    expect(result.ignored.map((row) => row.reason)).toEqual([
      'choice-not-allowed',
      'choice-not-allowed',
      'choice-not-allowed',
    ]);
  });
});

describe('consensus', () => {
  it('adopts when members agree or stand aside', () => {
    const result = count(CONSENSUS, [ballot(BOB, 'agree'), ballot(CHLOE, 'stand-aside')]);
    expect(result.result).toBe('adopted');
    expect(result.participants).toBe(2);
  });

  it('rejects when everyone stands aside', () => {
    const result = count(CONSENSUS, [ballot(BOB, 'stand-aside'), ballot(CHLOE, 'stand-aside')]);
    expect(result.result).toBe('rejected');
  });

  it('rejects with no ballot at all', () => {
    expect(count(CONSENSUS, []).result).toBe('rejected');
  });

  it('is blocked by one block with its reason, however many agree', () => {
    const ballots = [
      ballot(ALICE, 'agree'),
      ballot(BOB, 'agree'),
      ballot(CHLOE, 'agree'),
      ballot(DAVID, 'agree'),
      ballot(EMMA, 'block'),
    ];
    const result = count(CONSENSUS, ballots);
    expect(result.result).toBe('blocked');
    expect(result.blockers).toEqual([EMMA]);
  });

  it('ignores a block without a reason', () => {
    const block = ballot(EMMA, 'block', { reason: ' ' });
    const result = count(CONSENSUS, [ballot(BOB, 'agree'), block]);
    expect(result.result).toBe('adopted');
    expect(reasonOf(result, block.id)).toBe('reason-required');
  });

  it('does not count disagree or abstain', () => {
    const result = count(CONSENSUS, [ballot(BOB, 'disagree'), ballot(CHLOE, 'abstain')]);
    expect(result.counted).toEqual([]);
    expect(result.result).toBe('rejected');
  });
});

/** `agree` agrees and `disagree` disagrees, from distinct voters. */
function votes(agree: number, disagree: number, abstain = 0): BallotFact[] {
  const voters = Array.from({ length: agree + disagree + abstain }, (_, i) => `did:key:v${i}`);
  return voters.map((voter, i) =>
    ballot(voter, i < agree ? 'agree' : i < agree + disagree ? 'disagree' : 'abstain'),
  );
}

function majorityResult(
  num: number,
  den: number,
  agree: number,
  disagree: number,
  abstain = 0,
): string {
  const ballots = votes(agree, disagree, abstain);
  return count(majority(num, den), ballots, {
    electorate: new Set(ballots.map((b) => b.voter)),
  }).result;
}

describe('majority', () => {
  it('at 1/2 adopts with more agree than disagree and never on a tie', () => {
    expect(majorityResult(1, 2, 2, 1)).toBe('adopted');
    expect(majorityResult(1, 2, 1, 1)).toBe('rejected');
    expect(majorityResult(1, 2, 5, 5)).toBe('rejected');
    expect(majorityResult(1, 2, 1, 2)).toBe('rejected');
    expect(majorityResult(1, 2, 1, 0)).toBe('adopted');
  });

  it('at 2/3 adopts exactly two thirds and not less', () => {
    expect(majorityResult(2, 3, 2, 1)).toBe('adopted');
    expect(majorityResult(2, 3, 4, 2)).toBe('adopted');
    expect(majorityResult(2, 3, 3, 2)).toBe('rejected');
    expect(majorityResult(2, 3, 6, 4)).toBe('rejected');
  });

  it('at 1/1 needs every expressed vote to agree', () => {
    expect(majorityResult(1, 1, 3, 0)).toBe('adopted');
    expect(majorityResult(1, 1, 3, 0, 2)).toBe('adopted');
    expect(majorityResult(1, 1, 9, 1)).toBe('rejected');
  });

  it('below 1/2 a minority may pass, but a tie still never does', () => {
    expect(majorityResult(1, 3, 1, 2)).toBe('adopted');
    expect(majorityResult(1, 3, 1, 3)).toBe('rejected');
    expect(majorityResult(1, 3, 2, 2)).toBe('rejected');
  });

  it('needs at least one agree: abstentions alone reject', () => {
    expect(majorityResult(1, 2, 0, 0, 3)).toBe('rejected');
    expect(majorityResult(1, 1000, 0, 0)).toBe('rejected');
  });

  it('leaves abstentions out of the threshold but counts them toward the quorum', () => {
    const ballots = votes(2, 1, 3);
    const result = count(majority(2, 3), ballots, {
      electorate: new Set(ballots.map((b) => b.voter)),
      quorum: 6,
    });
    expect(result.result).toBe('adopted');
    expect(result.participants).toBe(6);
    expect(result.counts.abstain).toBe(3);
  });

  it('does not count stand-aside or block', () => {
    const block = ballot(CHLOE, 'block');
    const result = count(majority(1, 2), [
      ballot(BOB, 'agree'),
      ballot(DAVID, 'stand-aside'),
      block,
    ]);
    expect(result.result).toBe('adopted');
    expect(result.blockers).toEqual([]);
    expect(reasonOf(result, block.id)).toBe('choice-not-allowed');
  });
});

describe('advice', () => {
  it('leaves the decision to the proposer, the counts being advice', () => {
    const result = count(ADVICE, [ballot(BOB, 'disagree', { reason: 'Trop tôt.' })], {
      proposer: CHLOE,
    });
    expect(result.result).toBe('proposer-decides');
    expect(result.decider).toBe(CHLOE);
    expect(result.counts.disagree).toBe(1);
  });

  it('has no block: advice cannot stop the decision', () => {
    const block = ballot(BOB, 'block');
    const result = count(ADVICE, [block]);
    expect(reasonOf(result, block.id)).toBe('choice-not-allowed');
    expect(result.result).toBe('proposer-decides');
  });

  it('still needs its quorum', () => {
    const result = count(ADVICE, [ballot(BOB, 'agree')], { quorum: 2 });
    expect(result.result).toBe('no-quorum');
    expect(result.decider).toBeNull();
  });
});

describe('quorum', () => {
  const three = [ballot(BOB, 'agree'), ballot(CHLOE, 'abstain'), ballot(DAVID, 'agree')];

  it('is met with exactly the quorum, abstentions included', () => {
    expect(count(majority(1, 2), three, { quorum: 3 }).result).toBe('adopted');
  });

  it('gives no-quorum one participant short, even with a block', () => {
    expect(count(majority(1, 2), three, { quorum: 4 }).result).toBe('no-quorum');
    const blocked = [ballot(BOB, 'block')];
    const result = count(CONSENT, blocked, { quorum: 2 });
    expect(result.result).toBe('no-quorum');
    expect(result.blockers).toEqual([BOB]);
  });

  it('counts members represented by a proxy', () => {
    const result = count(majority(1, 2), three, {
      quorum: 4,
      proxies: [proxy(EMMA, BOB)],
    });
    expect(result.participants).toBe(4);
    expect(result.result).toBe('adopted');
  });

  it('counts a voter once however many ballots they cast', () => {
    const ballots = [
      ballot(BOB, 'agree', { seq: 1 }),
      ballot(BOB, 'disagree', { seq: 2 }),
      ballot(BOB, 'agree', { seq: 3 }),
    ];
    expect(count(majority(1, 2), ballots, { quorum: 2 }).result).toBe('no-quorum');
    expect(count(majority(1, 2), ballots, { quorum: 1 }).participants).toBe(1);
  });
});

describe('changed votes and forks', () => {
  it('counts the latest ballot of each voter by feed position, whatever the arrival order', () => {
    const first = ballot(BOB, 'disagree', { seq: 3 });
    const second = ballot(BOB, 'agree', { seq: 7 });
    for (const ballots of [
      [first, second],
      [second, first],
    ]) {
      const result = count(majority(1, 2), ballots);
      expect(result.counted).toEqual([second.id]);
      expect(reasonOf(result, first.id)).toBe('superseded');
      expect(result.result).toBe('adopted');
    }
  });

  it('flags two ballots at the greatest seq as a conflict and counts that voter as not voting', () => {
    const earlier = ballot(BOB, 'agree', { seq: 1 });
    const forkA = ballot(BOB, 'agree', { seq: 2, id: 'fork-a' });
    const forkB = ballot(BOB, 'disagree', { seq: 2, id: 'fork-b' });
    for (const ballots of [
      [earlier, forkA, forkB],
      [forkB, earlier, forkA],
    ]) {
      const result = count(majority(1, 2), [...ballots, ballot(CHLOE, 'disagree')]);
      expect(result.conflicts).toEqual([{ voter: BOB, seq: 2, ids: ['fork-a', 'fork-b'] }]);
      expect(reasonOf(result, 'fork-a')).toBe('conflict');
      expect(reasonOf(result, 'fork-b')).toBe('conflict');
      expect(reasonOf(result, earlier.id)).toBe('superseded');
      expect(result.counts.agree).toBe(0);
      expect(result.participants).toBe(1);
      expect(result.result).toBe('rejected');
    }
  });

  it('flags a conflict even between two ballots with the same choice', () => {
    const result = count(CONSENT, [
      ballot(BOB, 'agree', { seq: 4, id: 'a', reason: 'oui' }),
      ballot(BOB, 'agree', { seq: 4, id: 'b', reason: 'oui !' }),
    ]);
    expect(result.conflicts).toEqual([{ voter: BOB, seq: 4, ids: ['a', 'b'] }]);
    expect(result.counted).toEqual([]);
  });

  it('counts a repeated ballot (same id) once, without a conflict', () => {
    const once = ballot(BOB, 'agree');
    const result = count(CONSENT, [once, once, { ...once }]);
    expect(result.counted).toEqual([once.id]);
    expect(result.conflicts).toEqual([]);
    expect(result.participants).toBe(1);
  });

  it('keeps one content, the same in any order, when hostile input gives one id two contents', () => {
    const agree = ballot(BOB, 'agree', { id: 'same' });
    const disagree = ballot(BOB, 'disagree', { id: 'same' });
    const a = count(majority(1, 2), [agree, disagree]);
    const b = count(majority(1, 2), [disagree, agree]);
    expect(a).toEqual(b);
    expect(a.counted).toEqual(['same']);
  });
});

describe('revisions, electorate and closing time', () => {
  it('counts only ballots for the current revision: an amendment restarts the vote', () => {
    const old = ballot(BOB, 'agree', { revision: OLD, seq: 1 });
    const result = count(CONSENT, [old], { quorum: 1 });
    expect(result.result).toBe('no-quorum');
    expect(reasonOf(result, old.id)).toBe('old-revision');
  });

  it('keeps a ballot on the current revision when a later one names an old revision', () => {
    const current = ballot(BOB, 'agree', { seq: 2 });
    const stale = ballot(BOB, 'disagree', { seq: 3, revision: OLD });
    const result = count(majority(1, 2), [current, stale]);
    expect(result.counted).toEqual([current.id]);
    expect(reasonOf(result, stale.id)).toBe('old-revision');
  });

  it('ignores ballots from outside the electorate', () => {
    const stranger = ballot(OUTSIDER, 'block');
    const result = count(CONSENT, [ballot(BOB, 'agree'), stranger]);
    expect(result.result).toBe('adopted');
    expect(reasonOf(result, stranger.id)).toBe('not-in-electorate');
  });

  it('counts a ballot signed at the closing instant and ignores one signed after it', () => {
    const onTime = ballot(BOB, 'agree', { ts: CLOSES });
    const late = ballot(CHLOE, 'block', { ts: '2026-12-01T18:00:00.001Z' });
    const result = count(CONSENT, [onTime, late], { closes: CLOSES });
    expect(result.counted).toEqual([onTime.id]);
    expect(reasonOf(result, late.id)).toBe('late');
    expect(result.result).toBe('adopted');
  });

  it('keeps the earlier vote of a voter who changed it after the close', () => {
    const before = ballot(BOB, 'agree', { seq: 1, ts: '2026-12-01T09:00:00.000Z' });
    const after = ballot(BOB, 'disagree', { seq: 2, ts: '2026-12-02T09:00:00.000Z' });
    const result = count(majority(1, 2), [after, before], { closes: CLOSES });
    expect(result.counted).toEqual([before.id]);
    expect(reasonOf(result, after.id)).toBe('late');
    expect(result.result).toBe('adopted');
  });

  it('treats a ballot without ts as late when there is a closing time, and counts it without', () => {
    const undated = ballot(BOB, 'agree');
    expect(reasonOf(count(CONSENT, [undated], { closes: CLOSES }), undated.id)).toBe('late');
    expect(count(CONSENT, [undated], { closes: null }).counted).toEqual([undated.id]);
  });
});

describe('proxies', () => {
  it("counts the delegate's choice once more per delegation", () => {
    const result = count(majority(1, 2), [ballot(BOB, 'agree'), ballot(CHLOE, 'disagree')], {
      proxies: [proxy(DAVID, BOB), proxy(EMMA, BOB)],
    });
    expect(result.counts.agree).toBe(3);
    expect(result.ballotCounts.agree).toBe(1);
    expect(result.participants).toBe(4);
    expect(result.result).toBe('adopted');
    expect(result.delegations).toEqual([
      { delegator: DAVID, delegate: BOB, proxy: proxy(DAVID, BOB).id },
      { delegator: EMMA, delegate: BOB, proxy: proxy(EMMA, BOB).id },
    ]);
  });

  it('breaks a tie the delegate would otherwise leave', () => {
    const ballots = [ballot(BOB, 'agree'), ballot(CHLOE, 'disagree')];
    expect(count(majority(1, 2), ballots).result).toBe('rejected');
    expect(count(majority(1, 2), ballots, { proxies: [proxy(DAVID, CHLOE)] }).result).toBe(
      'rejected',
    );
    expect(count(majority(1, 2), ballots, { proxies: [proxy(DAVID, BOB)] }).result).toBe('adopted');
  });

  it('carries a block as a block, the blocker alone being named', () => {
    const result = count(CONSENSUS, [ballot(BOB, 'block')], { proxies: [proxy(DAVID, BOB)] });
    expect(result.counts.block).toBe(2);
    expect(result.blockers).toEqual([BOB]);
  });

  it('gives nothing once revoked, and again once granted after the revocation', () => {
    const ballots = [ballot(BOB, 'agree')];
    const granted = proxy(DAVID, BOB, { seq: 1 });
    const revoked = proxy(DAVID, BOB, { seq: 2, revoked: true });
    const regranted = proxy(DAVID, BOB, { seq: 3, id: 'regranted' });
    expect(count(CONSENT, ballots, { proxies: [revoked, granted] }).delegations).toEqual([]);
    expect(count(CONSENT, ballots, { proxies: [regranted, revoked, granted] }).delegations).toEqual(
      [{ delegator: DAVID, delegate: BOB, proxy: 'regranted' }],
    );
  });

  it('follows the latest record: a change of delegate moves the vote', () => {
    const result = count(majority(1, 2), [ballot(BOB, 'agree'), ballot(CHLOE, 'disagree')], {
      proxies: [proxy(DAVID, CHLOE, { seq: 5 }), proxy(DAVID, BOB, { seq: 2 })],
    });
    expect(result.delegations.map((d) => d.delegate)).toEqual([CHLOE]);
    expect(result.counts.disagree).toBe(2);
  });

  it("is overridden by the delegator's own ballot, signed before or after the proxy", () => {
    for (const [ballotSeq, proxySeq] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const result = count(
        majority(1, 2),
        [ballot(BOB, 'agree'), ballot(DAVID, 'disagree', { seq: ballotSeq })],
        { proxies: [proxy(DAVID, BOB, { seq: proxySeq })] },
      );
      expect(result.delegations).toEqual([]);
      expect(result.counts).toMatchObject({ agree: 1, disagree: 1 });
      expect(result.participants).toBe(2);
    }
  });

  it("is overridden even by the delegator's conflicting ballots", () => {
    const result = count(
      CONSENT,
      [
        ballot(BOB, 'agree'),
        ballot(DAVID, 'agree', { seq: 3, id: 'x' }),
        ballot(DAVID, 'block', { seq: 3, id: 'y' }),
      ],
      { proxies: [proxy(DAVID, BOB)] },
    );
    expect(result.delegations).toEqual([]);
    expect(result.participants).toBe(1);
  });

  it("is not overridden by the delegator's ignored ballot (old revision)", () => {
    const result = count(
      CONSENT,
      [ballot(BOB, 'agree'), ballot(DAVID, 'block', { revision: OLD })],
      {
        proxies: [proxy(DAVID, BOB)],
      },
    );
    expect(result.delegations.map((d) => d.delegator)).toEqual([DAVID]);
    expect(result.result).toBe('adopted');
  });

  it('does not chain: a delegate passes on only their own vote', () => {
    const proxies = [proxy(DAVID, CHLOE), proxy(CHLOE, BOB)];
    // Chloé does not vote: Bob carries Chloé's vote, not David's.
    const silent = count(CONSENT, [ballot(BOB, 'agree')], { proxies });
    expect(silent.delegations).toEqual([
      { delegator: CHLOE, delegate: BOB, proxy: proxy(CHLOE, BOB).id },
    ]);
    expect(silent.participants).toBe(2);
    // Chloé votes: she carries David's vote and keeps her own; Bob carries nothing.
    const voting = count(CONSENT, [ballot(BOB, 'agree'), ballot(CHLOE, 'agree')], { proxies });
    expect(voting.delegations).toEqual([
      { delegator: DAVID, delegate: CHLOE, proxy: proxy(DAVID, CHLOE).id },
    ]);
    expect(voting.participants).toBe(3);
  });

  it('carries nothing for a delegate outside the electorate or one who did not vote', () => {
    const toOutsider = count(CONSENT, [ballot(OUTSIDER, 'agree')], {
      proxies: [proxy(DAVID, OUTSIDER)],
    });
    expect(toOutsider.delegations).toEqual([]);
    expect(toOutsider.participants).toBe(0);
    const toSilent = count(CONSENT, [], { proxies: [proxy(DAVID, BOB)], quorum: 1 });
    expect(toSilent.result).toBe('no-quorum');
  });

  it('ignores delegating to oneself, and delegating from outside the electorate', () => {
    const ballots = [ballot(BOB, 'agree')];
    expect(count(CONSENT, ballots, { proxies: [proxy(BOB, BOB)] }).participants).toBe(1);
    expect(count(CONSENT, ballots, { proxies: [proxy(OUTSIDER, BOB)] }).participants).toBe(1);
  });

  it('a later self-delegation replaces an earlier proxy: the latest word stands', () => {
    const result = count(CONSENT, [ballot(BOB, 'agree')], {
      proxies: [proxy(DAVID, BOB, { seq: 1 }), proxy(DAVID, DAVID, { seq: 2 })],
    });
    expect(result.delegations).toEqual([]);
  });

  it('flags two different proxy records at the greatest seq and gives no proxy', () => {
    const result = count(CONSENT, [ballot(BOB, 'agree'), ballot(CHLOE, 'agree')], {
      proxies: [proxy(DAVID, BOB, { seq: 2, id: 'p1' }), proxy(DAVID, CHLOE, { seq: 2, id: 'p2' })],
    });
    expect(result.proxyConflicts).toEqual([{ delegator: DAVID, seq: 2, ids: ['p1', 'p2'] }]);
    expect(result.delegations).toEqual([]);
  });

  it('ignores proxy records signed after the close (grants and revocations alike)', () => {
    const ballots = [ballot(BOB, 'agree', { ts: '2026-11-30T12:00:00.000Z' })];
    const lateGrant = proxy(DAVID, BOB, { ts: '2026-12-02T00:00:00.000Z' });
    expect(count(CONSENT, ballots, { closes: CLOSES, proxies: [lateGrant] }).delegations).toEqual(
      [],
    );
    const grant = proxy(DAVID, BOB, { seq: 1, ts: '2026-11-30T00:00:00.000Z' });
    const lateRevoke = proxy(DAVID, BOB, {
      seq: 2,
      revoked: true,
      ts: '2026-12-02T00:00:00.000Z',
    });
    expect(
      count(CONSENT, ballots, { closes: CLOSES, proxies: [grant, lateRevoke] }).delegations,
    ).toEqual([{ delegator: DAVID, delegate: BOB, proxy: grant.id }]);
  });
});

describe('hostile input', () => {
  const ballots = [ballot(BOB, 'agree'), ballot(CHLOE, 'agree')];

  it('rejects, with the problem, under an unusable quorum, never adopting', () => {
    for (const quorum of [Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, 1e15]) {
      const result = count(CONSENT, ballots, { quorum });
      expect(result.result, String(quorum)).toBe('rejected');
      expect(result.problem).toBe('bad-quorum');
      expect(result.counts.agree).toBe(2);
    }
  });

  it('rejects, with the problem, under a bad threshold', () => {
    for (const [num, den] of [
      [0, 2],
      [3, 2],
      [1, 0],
      [Number.NaN, Number.NaN],
    ] as const) {
      const result = count(majority(num, den), ballots);
      expect(result.result).toBe('rejected');
      expect(result.problem).toBe('bad-threshold');
    }
  });

  it('counts no choice under an unknown method kind', () => {
    const method = { kind: 'sortition' } as unknown as DecisionMethod;
    const result = count(method, ballots);
    expect(result.problem).toBe('unknown-method');
    expect(result.result).toBe('rejected');
    expect(result.counted).toEqual([]);
    expect(new Set(result.ignored.map((row) => row.reason))).toEqual(
      new Set(['choice-not-allowed']),
    );
  });

  it('makes everything late under a malformed closing time', () => {
    const result = count(CONSENT, [ballot(BOB, 'agree', { ts: CLOSES })], {
      closes: 'demain soir',
    });
    expect(result.problem).toBe('bad-closing-time');
    expect(result.ignored.map((row) => row.reason)).toEqual(['late']);
    expect(result.result).toBe('rejected');
  });

  it('screens ballots with impossible seqs, choices or timestamps as malformed', () => {
    const bad: BallotFact[] = [
      ballot(BOB, 'agree', { seq: Number.NaN, id: 'nan' }),
      ballot(BOB, 'agree', { seq: 0, id: 'zero' }),
      ballot(BOB, 'agree', { seq: -3, id: 'negative' }),
      ballot(BOB, 'agree', { seq: 2.5, id: 'fraction' }),
      ballot(BOB, 'agree', { seq: Number.POSITIVE_INFINITY, id: 'infinite' }),
      ballot(BOB, 'agree', { seq: 2 ** 53, id: 'unsafe' }),
      { ...ballot(BOB, 'agree', { id: 'choice' }), choice: 'maybe' as Choice },
      ballot(BOB, 'agree', { id: 'ts', ts: 'yesterday' }),
    ];
    const result = count(CONSENT, [...bad, ballot(BOB, 'agree', { seq: 1, id: 'good' })]);
    expect(result.counted).toEqual(['good']);
    for (const { id } of bad) expect(reasonOf(result, id), id).toBe('malformed');
  });

  it('screens proxy records with impossible seqs', () => {
    const result = count(CONSENT, [ballot(BOB, 'agree')], {
      proxies: [proxy(DAVID, BOB, { seq: Number.NaN }), proxy(EMMA, BOB, { seq: -1 })],
    });
    expect(result.delegations).toEqual([]);
  });

  it('copes with many ballots from one voter', () => {
    const many = Array.from({ length: 200_000 }, (_, i) =>
      ballot(BOB, i % 2 === 0 ? 'agree' : 'block', { seq: i + 1 }),
    );
    const result = count(CONSENT, many);
    expect(result.counted).toEqual([many[many.length - 1]?.id]);
    expect(result.result).toBe('blocked');
  });
});
