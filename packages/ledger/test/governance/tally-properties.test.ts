/*
 * Property tests of the decision rules over random votes: every method (and unusable ones),
 * quorums, proxies (revoked, chained, self, outsiders, forked), ties, blocks with and without
 * reason, late, changed, forked and repeated ballots, old revisions, in any arrival order.
 * (a) the tally agrees with a reference model written plainly from the rules;
 * (b) it depends only on the sets: shuffles and repeats never change it;
 * (c) its bookkeeping adds up (every ballot counted or ignored, once; one vote per voter; …);
 * (d) a ballot that cannot count replaces nothing: leaving it out changes nothing;
 * (e) recounting only what was counted (as an outcome lists it) gives the same decision;
 * (f) one block stops consent and consensus.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHOICES,
  tally,
  type BallotFact,
  type Choice,
  type DecisionMethod,
  type IgnoredReason,
  type ProxyFact,
  type Tally,
  type TallyInput,
  type TallyResult,
} from '../../src/index.js';

/** Runs per property; raise it for a soak run: GOVERNANCE_PROPERTY_RUNS=20000 npx vitest run … */
const NUM_RUNS = Number(process.env['GOVERNANCE_PROPERTY_RUNS'] ?? 400);
const TIMEOUT = 20_000 + NUM_RUNS * 20;

// ---------------------------------------------------------------------------------------------
// The reference model: the rules of src/governance/tally.ts, one sentence at a time, as plainly
// as possible (quadratic loops, no shared code with the implementation but the types).

const TS = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

function referenceProblem(input: TallyInput): Tally['problem'] {
  const method = input.method as unknown as Record<string, unknown>;
  const keys = Object.keys(method).sort().join(',');
  if (['consent', 'consensus', 'advice'].includes(method['kind'] as string)) {
    if (keys !== 'kind') return 'unknown-method';
  } else if (method['kind'] === 'majority') {
    if (keys !== 'den,kind,num') return 'unknown-method';
    const { num, den } = method as { num: number; den: number };
    const integers = Number.isInteger(num) && Number.isInteger(den);
    if (!integers || num < 1 || num > den || den > 1000) return 'bad-threshold';
  } else {
    return 'unknown-method';
  }
  if (!Number.isInteger(input.quorum) || input.quorum < 0 || input.quorum > 1_000_000) {
    return 'bad-quorum';
  }
  if (input.closes !== undefined && input.closes !== null && !TS.test(input.closes)) {
    return 'bad-closing-time';
  }
  return null;
}

function referenceChoices(input: TallyInput): Choice[] {
  if (referenceProblem({ ...input, quorum: 0, closes: null }) !== null) return [];
  switch (input.method.kind) {
    case 'consent':
      return ['agree', 'block'];
    case 'consensus':
      return ['agree', 'stand-aside', 'block'];
    default:
      return ['agree', 'disagree', 'abstain'];
  }
}

/** Late: there is a closing time, and the record was signed after it or cannot say when. */
function referenceLate(ts: string | undefined, input: TallyInput): boolean {
  const closes = input.closes ?? null;
  if (closes === null) return false;
  if (!TS.test(closes)) return true;
  return ts === undefined || ts > closes;
}

const goodSeq = (seq: number): boolean => Number.isSafeInteger(seq) && seq >= 1;

/** One fact per id: of several contents under one id, the one whose JSON text sorts first. */
function referenceDistinct<F extends { id: string }>(
  facts: readonly F[],
  text: (f: F) => string,
): F[] {
  const ids = [...new Set(facts.map((f) => f.id))];
  return ids.map((id) => {
    const same = facts.filter((f) => f.id === id);
    let best = same[0] as F;
    for (const f of same) if (text(f) < text(best)) best = f;
    return best;
  });
}

function referenceTally(input: TallyInput): Tally {
  const problem = referenceProblem(input);
  const choices = referenceChoices(input);
  const members = input.electorate;
  const ballots = referenceDistinct(input.ballots, (b) =>
    JSON.stringify([b.voter, b.choice, b.reason, b.revision, b.order.seq, b.ts]),
  );

  // Rules 1–6.
  const screened = (b: BallotFact): IgnoredReason | null => {
    const wellFormed =
      (CHOICES as readonly string[]).includes(b.choice) &&
      goodSeq(b.order.seq) &&
      (b.ts === undefined || TS.test(b.ts));
    if (!wellFormed) return 'malformed';
    if (!members.has(b.voter)) return 'not-in-electorate';
    if (b.revision !== input.revision) return 'old-revision';
    if (referenceLate(b.ts, input)) return 'late';
    if (!choices.includes(b.choice)) return 'choice-not-allowed';
    if (b.choice === 'block' && b.reason.trim().length === 0) return 'reason-required';
    return null;
  };
  const standing = ballots.filter((b) => screened(b) === null);

  // One member, one vote: the greatest seq; two there is a conflict.
  const countedBallots: BallotFact[] = [];
  const conflicts: Tally['conflicts'][number][] = [];
  const reasons = new Map<string, IgnoredReason>();
  for (const b of ballots) {
    const reason = screened(b);
    if (reason !== null) reasons.set(b.id, reason);
  }
  for (const voter of [...members].sort()) {
    const mine = standing.filter((b) => b.voter === voter);
    if (mine.length === 0) continue;
    const top = mine.reduce((max, b) => (b.order.seq > max ? b.order.seq : max), 0);
    const atTop = mine.filter((b) => b.order.seq === top);
    for (const b of mine) if (b.order.seq !== top) reasons.set(b.id, 'superseded');
    if (atTop.length === 1) {
      countedBallots.push(atTop[0] as BallotFact);
    } else {
      for (const b of atTop) reasons.set(b.id, 'conflict');
      conflicts.push({ voter, seq: top, ids: atTop.map((b) => b.id).sort() });
    }
  }
  const ballotOf = (did: string): BallotFact | undefined =>
    countedBallots.find((b) => b.voter === did);
  const spoke = (did: string): boolean => standing.some((b) => b.voter === did);

  // Proxies: the delegator's latest word, then the conditions.
  const proxies = referenceDistinct(input.proxies, (p) =>
    JSON.stringify([p.from, p.to, p.revoked, p.order.seq, p.ts]),
  );
  const delegations: Tally['delegations'][number][] = [];
  const proxyConflicts: Tally['proxyConflicts'][number][] = [];
  for (const delegator of [...members].sort()) {
    const records = proxies.filter(
      (p) =>
        p.from === delegator &&
        goodSeq(p.order.seq) &&
        (p.ts === undefined || TS.test(p.ts)) &&
        !referenceLate(p.ts, input),
    );
    if (records.length === 0) continue;
    const top = Math.max(...records.map((p) => p.order.seq));
    const atTop = records.filter((p) => p.order.seq === top);
    if (atTop.length > 1) {
      proxyConflicts.push({ delegator, seq: top, ids: atTop.map((p) => p.id).sort() });
      continue;
    }
    const wish = atTop[0] as ProxyFact;
    if (wish.revoked || wish.to === delegator || !members.has(wish.to)) continue;
    if (spoke(delegator) || ballotOf(wish.to) === undefined) continue;
    delegations.push({ delegator, delegate: wish.to, proxy: wish.id });
  }

  const ballotCounts = { agree: 0, disagree: 0, abstain: 0, 'stand-aside': 0, block: 0 };
  for (const b of countedBallots) ballotCounts[b.choice]++;
  const counts = { ...ballotCounts };
  for (const d of delegations) counts[(ballotOf(d.delegate) as BallotFact).choice]++;
  const participants = countedBallots.length + delegations.length;

  let result: TallyResult;
  if (problem !== null) result = 'rejected';
  else if (participants < input.quorum) result = 'no-quorum';
  else if (input.method.kind === 'advice') result = 'proposer-decides';
  else if (input.method.kind !== 'majority') {
    if (counts.block > 0) result = 'blocked';
    else if (input.method.kind === 'consent' || counts.agree > 0) result = 'adopted';
    else result = 'rejected';
  } else {
    // Exact rational comparison agree/(agree+disagree) ≥ num/den, in big integers.
    const { agree, disagree } = counts;
    const { num, den } = input.method;
    const reaches = BigInt(agree) * BigInt(den) >= BigInt(num) * BigInt(agree + disagree);
    result = agree > 0 && agree !== disagree && reaches ? 'adopted' : 'rejected';
  }

  return {
    result,
    problem,
    counts,
    ballotCounts,
    participants,
    blockers: countedBallots
      .filter((b) => b.choice === 'block')
      .map((b) => b.voter)
      .sort(),
    conflicts,
    proxyConflicts,
    delegations,
    counted: countedBallots.map((b) => b.id).sort(),
    ignored: [...reasons]
      .map(([id, reason]) => ({ id, reason }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    decider: result === 'proposer-decides' ? input.proposer : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Random votes.

const POOL = [
  'did:key:ana',
  'did:key:ben',
  'did:key:cy',
  'did:key:dee',
  'did:key:eli',
  'did:key:flo',
];
const OUTSIDER = 'did:key:zed';
const PEOPLE = [...POOL, OUTSIDER];
const TIMES = ['2026-12-01T10:00:00.000Z', '2026-12-01T12:00:00.000Z', '2026-12-01T14:00:00.000Z'];
const CURRENT = 'r2';

const weighted = <T>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>, odds = 12): fc.Arbitrary<T> =>
  fc.oneof({ weight: odds, arbitrary: common }, { weight: 1, arbitrary: rare });

const seqArb = weighted(
  fc.integer({ min: 1, max: 4 }),
  fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY),
);
const tsArb = fc.option(weighted(fc.constantFrom(...TIMES), fc.constant('bientôt')), {
  nil: undefined,
  freq: 4,
});

const methodArb: fc.Arbitrary<DecisionMethod> = weighted(
  fc.constantFrom<DecisionMethod>(
    { kind: 'consent' },
    { kind: 'consensus' },
    { kind: 'advice' },
    { kind: 'majority', num: 1, den: 2 },
    { kind: 'majority', num: 2, den: 3 },
    { kind: 'majority', num: 1, den: 1 },
    { kind: 'majority', num: 3, den: 5 },
    { kind: 'majority', num: 1, den: 3 },
  ),
  fc.constantFrom<DecisionMethod>(
    { kind: 'majority', num: 0, den: 2 },
    { kind: 'majority', num: 3, den: 2 },
    { kind: 'majority', num: 1, den: 0 },
    { kind: 'sortition' } as unknown as DecisionMethod,
  ),
  20,
);

const ballotSpecArb = fc.record({
  voter: fc.constantFrom(...PEOPLE),
  choice: fc.constantFrom(...CHOICES),
  reason: fc.constantFrom('', ' \n', 'Parce que.'),
  revision: weighted(fc.constant(CURRENT), fc.constant('r1'), 4),
  seq: seqArb,
  ts: tsArb,
  /** Reuse an earlier ballot's id (hostile: one id, two contents). */
  sameAs: fc.option(fc.nat({ max: 15 }), { nil: undefined, freq: 15 }),
});

const proxySpecArb = fc.record({
  from: fc.constantFrom(...PEOPLE),
  to: fc.constantFrom(...PEOPLE),
  revoked: weighted(fc.constant(false), fc.constant(true), 3),
  seq: seqArb,
  ts: tsArb,
});

const inputArb: fc.Arbitrary<TallyInput> = fc
  .record({
    method: methodArb,
    quorum: weighted(fc.integer({ min: 0, max: 6 }), fc.constantFrom(Number.NaN, -1, 1e7), 20),
    electorate: fc.subarray(POOL),
    closes: fc.constantFrom<string | null | undefined>(
      null,
      undefined,
      TIMES[1],
      TIMES[1],
      'ce soir',
    ),
    ballots: fc.array(ballotSpecArb, { maxLength: 16 }),
    proxies: fc.array(proxySpecArb, { maxLength: 8 }),
  })
  .map(({ method, quorum, electorate, closes, ballots, proxies }) => {
    const ballotFacts = ballots.map(({ voter, choice, reason, revision, seq, ts, sameAs }, i) => {
      const id =
        sameAs !== undefined && sameAs < i
          ? `b${String(sameAs).padStart(2, '0')}`
          : `b${String(i).padStart(2, '0')}`;
      const fact: BallotFact = { id, voter, choice, reason, revision, order: { seq } };
      return ts === undefined ? fact : { ...fact, ts };
    });
    const proxyFacts = proxies.map(({ from, to, revoked, seq, ts }, i) => {
      const fact: ProxyFact = { id: `p${i}`, from, to, revoked, order: { seq } };
      return ts === undefined ? fact : { ...fact, ts };
    });
    const input: TallyInput = {
      method,
      quorum,
      electorate: new Set(electorate),
      revision: CURRENT,
      ballots: ballotFacts,
      proxies: proxyFacts,
      proposer: POOL[0] as string,
    };
    return closes === undefined ? input : { ...input, closes };
  });

/** The same input with its facts shuffled and some repeated. */
const rearrangedArb = inputArb.chain((input) =>
  fc
    .record({
      extraBallots: fc.subarray([...input.ballots]),
      extraProxies: fc.subarray([...input.proxies]),
    })
    .chain(({ extraBallots, extraProxies }) => {
      const ballots = [...input.ballots, ...extraBallots];
      const proxies = [...input.proxies, ...extraProxies];
      return fc.record({
        input: fc.constant(input),
        ballots: fc.shuffledSubarray(ballots, {
          minLength: ballots.length,
          maxLength: ballots.length,
        }),
        proxies: fc.shuffledSubarray(proxies, {
          minLength: proxies.length,
          maxLength: proxies.length,
        }),
      });
    }),
);

// ---------------------------------------------------------------------------------------------

describe('tally over random votes', () => {
  it('the generator makes varied votes (every result, reason, conflict and delegation)', () => {
    const seen = new Set<string>();
    for (const input of fc.sample(inputArb, { numRuns: 3000, seed: 5 })) {
      const result = tally(input);
      seen.add(`result:${result.result}`);
      for (const row of result.ignored) seen.add(row.reason);
      if (result.conflicts.length > 0) seen.add('conflict-row');
      if (result.proxyConflicts.length > 0) seen.add('proxy-conflict');
      if (result.delegations.length > 0) seen.add('delegation');
      if (result.delegations.length > 1) seen.add('delegations');
      if (result.problem !== null) seen.add(`problem:${result.problem}`);
      const { agree, disagree } = result.counts;
      if (input.method.kind === 'majority' && agree === disagree && agree > 0) seen.add('tie');
      if (result.participants === input.quorum && input.quorum > 0) seen.add('exact-quorum');
    }
    for (const expected of [
      'result:adopted',
      'result:rejected',
      'result:blocked',
      'result:no-quorum',
      'result:proposer-decides',
      'malformed',
      'not-in-electorate',
      'old-revision',
      'late',
      'choice-not-allowed',
      'reason-required',
      'superseded',
      'conflict',
      'conflict-row',
      'proxy-conflict',
      'delegation',
      'delegations',
      'problem:unknown-method',
      'problem:bad-threshold',
      'problem:bad-quorum',
      'problem:bad-closing-time',
      'tie',
      'exact-quorum',
    ]) {
      expect(seen, expected).toContain(expected);
    }
  });

  it(
    '(a) agrees with the reference model of the rules',
    () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          expect(tally(input)).toStrictEqual(referenceTally(input));
        }),
        { numRuns: NUM_RUNS * 5 },
      );
    },
    TIMEOUT * 5,
  );

  it(
    '(b) is the same whatever the order of arrival and however often a fact arrives',
    () => {
      fc.assert(
        fc.property(rearrangedArb, ({ input, ballots, proxies }) => {
          expect(tally({ ...input, ballots, proxies })).toStrictEqual(tally(input));
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    '(c) accounts for every ballot once, one vote per voter, counts adding up',
    () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          const result = tally(input);
          const ids = [...new Set(input.ballots.map((b) => b.id))].sort();
          const accounted = [...result.counted, ...result.ignored.map((row) => row.id)].sort();
          expect(accounted).toEqual(ids);

          // Under one id, the content kept is the one whose JSON text sorts first.
          const distinct = referenceDistinct(input.ballots, (b) =>
            JSON.stringify([b.voter, b.choice, b.reason, b.revision, b.order.seq, b.ts]),
          );
          const byId = new Map(distinct.map((b) => [b.id, b]));
          const voters = result.counted.map((id) => byId.get(id)?.voter);
          expect(new Set(voters).size).toBe(voters.length);
          for (const voter of voters) expect(input.electorate.has(voter as string)).toBe(true);

          const sum = (counts: Record<Choice, number>): number =>
            CHOICES.reduce((total, choice) => total + counts[choice], 0);
          expect(sum(result.ballotCounts)).toBe(result.counted.length);
          expect(sum(result.counts)).toBe(result.participants);
          expect(result.participants).toBe(result.counted.length + result.delegations.length);

          for (const { delegator, delegate } of result.delegations) {
            expect(delegator).not.toBe(delegate);
            expect(voters).toContain(delegate);
            expect(voters).not.toContain(delegator);
            // No chains: a delegator never also carries a vote.
            expect(result.delegations.some((d) => d.delegate === delegator)).toBe(false);
          }
          for (const conflict of result.conflicts) {
            expect(conflict.ids.length).toBeGreaterThan(1);
            expect(voters).not.toContain(conflict.voter);
          }
          if (result.problem === null && result.result !== 'no-quorum') {
            expect(result.participants).toBeGreaterThanOrEqual(input.quorum);
          }
          if (result.result === 'no-quorum') expect(result.participants).toBeLessThan(input.quorum);
          if (result.result === 'blocked') expect(result.blockers.length).toBeGreaterThan(0);
          if (result.result === 'adopted' && input.method.kind === 'majority') {
            const { agree, disagree } = result.counts;
            const { num, den } = input.method;
            expect(agree * den).toBeGreaterThanOrEqual(num * (agree + disagree));
            expect(agree).not.toBe(disagree);
            // From a threshold of one half up, adoption needs more agree than disagree.
            if (2 * num >= den) expect(agree).toBeGreaterThan(disagree);
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    '(d) a ballot that cannot count replaces nothing: leaving it out changes nothing',
    () => {
      const UNUSABLE = new Set<IgnoredReason>([
        'malformed',
        'not-in-electorate',
        'old-revision',
        'late',
        'choice-not-allowed',
        'reason-required',
      ]);
      fc.assert(
        fc.property(inputArb, (input) => {
          const full = tally(input);
          const unusable = new Set(
            full.ignored.filter((row) => UNUSABLE.has(row.reason)).map((row) => row.id),
          );
          const kept = tally({
            ...input,
            ballots: input.ballots.filter((b) => !unusable.has(b.id)),
          });
          expect({ ...kept, ignored: [] }).toStrictEqual({ ...full, ignored: [] });
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    '(e) recounting only the counted ballots and the proxies used gives the same decision',
    () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          const full = tally(input);
          const counted = new Set(full.counted);
          const used = new Set(full.delegations.map((d) => d.proxy));
          const recount = tally({
            ...input,
            ballots: input.ballots.filter((b) => counted.has(b.id)),
            proxies: input.proxies.filter((p) => used.has(p.id)),
          });
          const decision = (t: Tally): unknown => ({
            result: t.result,
            counts: t.counts,
            ballotCounts: t.ballotCounts,
            participants: t.participants,
            blockers: t.blockers,
            delegations: t.delegations,
            counted: t.counted,
          });
          expect(decision(recount)).toStrictEqual(decision(full));
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    '(f) one more member blocking, with a reason, blocks consent and consensus',
    () => {
      const consentLike = inputArb.filter(
        (input) => input.method.kind === 'consent' || input.method.kind === 'consensus',
      );
      fc.assert(
        fc.property(consentLike, (input) => {
          const blocker = 'did:key:newcomer';
          const block: BallotFact = {
            id: 'block',
            voter: blocker,
            choice: 'block',
            reason: 'Non.',
            revision: CURRENT,
            order: { seq: 1 },
            ts: TIMES[0] as string,
          };
          const result = tally({
            ...input,
            electorate: new Set([...input.electorate, blocker]),
            ballots: [...input.ballots, block],
          });
          const before = tally(input);
          if (result.problem !== null) {
            expect(result.result).toBe('rejected');
            return;
          }
          expect(result.participants).toBe(before.participants + 1);
          if (result.participants < input.quorum) expect(result.result).toBe('no-quorum');
          else expect(result.result).toBe('blocked');
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );
});
