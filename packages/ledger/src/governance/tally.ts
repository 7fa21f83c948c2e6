/**
 * Counting an assembly's vote on one proposal (issue 5): a pure function of the SETS of ballots
 * and proxy records held. The order in which they arrived, and repeats, never change the tally.
 *
 * ## The rules
 *
 * **Ballots that can count.** Each distinct ballot (by id) is screened; the first rule that
 * applies gives the reason it is ignored:
 * 1. `malformed`: a field of the wrong type, a choice not among the five, a `seq` that is not an
 *    integer 1 … 2^53 − 1, or a `ts` given but not in the ledger's format (a value of the
 *    well-typed input can still be NaN or negative: it is screened, never thrown on).
 * 2. `not-in-electorate`: the voter may not vote on this proposal.
 * 3. `old-revision`: the ballot is for another revision. An amendment is a new revision and
 *    restarts the vote: only ballots for the current revision count.
 * 4. `late`: there is a closing time and the ballot was signed after it (`ts` > closing time;
 *    a ballot signed at the closing instant counts), or has no `ts` to tell. `ts` is the
 *    voter's signed clock. (A caller may instead leave late ballots out and give no closing
 *    time: since a late ballot replaces nothing, the tally is the same.)
 * 5. `choice-not-allowed`: the method does not count this choice (see `allowedChoices`).
 * 6. `reason-required`: a block whose reason is empty once leading and trailing white space is
 *    removed (JavaScript's `String.prototype.trim`).
 * A ballot ignored by rules 1–6 is as if it had never been cast: it replaces nothing. So the
 * tally is the same whether or not the caller passes ballots for other revisions or late ones.
 *
 * **One member, one vote.** Among a voter's remaining ballots, the one with the greatest `seq`
 * (its position in the voter's feed) is counted; the earlier ones are ignored as `superseded`:
 * a changed vote replaces the earlier one. If two or more different ballots share that greatest
 * `seq` (a forked feed), they are a conflict: listed in `conflicts`, each ignored as `conflict`,
 * and that voter's choice is not counted (their earlier ballots are `superseded` all the same).
 *
 * **Proxies.** A member may give their vote to another member for the assembly. Per delegator,
 * among their well-formed proxy records not late (as for ballots), the one with the greatest
 * `seq` is their current wish (two different records at that `seq`: a conflict, listed in
 * `proxyConflicts`, and no proxy). Unlike an unusable ballot, it replaces the earlier records
 * even when it gives no delegation: a later record is the delegator's later word. It gives a
 * delegation unless:
 * - it takes the vote back (`revoked`), or names the delegator themself;
 * - the delegator or the delegate is not in the electorate;
 * - the delegator cast a ballot that passed rules 1–6 (counted, or in conflict): a member's own
 *   ballot always overrides their proxy, whatever the order they were signed in;
 * - the delegate has no counted ballot (nothing to carry).
 * There are no chains: a delegate carries only the votes given to them directly, and a
 * delegate who votes keeps their own vote rather than passing it on. Each delegation counts the
 * delegate's choice once more.
 *
 * **Quorum.** The participants are the voters with a counted ballot (abstain and stand-aside
 * included) plus the delegations. With fewer participants than the quorum, the result is
 * `no-quorum`, whatever the counts.
 *
 * **Results**, from the counts with delegations included:
 * - `consent`: `blocked` if any block (an objection), else `adopted`;
 * - `consensus`: `blocked` if any block; else `adopted` if at least one agree; else `rejected`
 *   (everyone stood aside);
 * - `majority` num/den: `adopted` when agree > 0, agree ≠ disagree (a tie never passes) and
 *   agree × den ≥ num × (agree + disagree) — exact integer arithmetic; abstentions do not count
 *   toward the threshold (they do toward the quorum); else `rejected`;
 * - `advice`: `proposer-decides` (the proposer's outcome records their decision; the counts
 *   are advice).
 * Rules a proposal cannot have (unknown method, bad threshold, bad quorum, bad closing time)
 * give `rejected` with the `problem`, never an adoption; a bad closing time makes every ballot
 * and proxy record late, since none can be placed before it.
 *
 * **Repeats.** An id names one fact. Should one id come with two different contents (only
 * hostile input can do that: an entry's id is its hash), the content whose JSON text sorts
 * first is kept, so that even then arrival order does not matter.
 */
import type { Choice } from '../entry.js';
import { compareCodeUnits } from '../report.js';
import {
  allowedChoices,
  isChoice,
  isTimestamp,
  validateClosingTime,
  validateMethod,
  validateQuorum,
  type DecisionMethod,
  type RulesProblem,
} from './methods.js';

/** A ballot as the tally needs it, read from a signed `ballot` entry. */
export interface BallotFact {
  /** The ballot entry's id. */
  readonly id: string;
  /** did:key of the voter (the entry's author). */
  readonly voter: string;
  readonly choice: Choice;
  /** Why; required (non-blank) for a block. */
  readonly reason: string;
  /** Id of the proposal revision voted on. */
  readonly revision: string;
  /** Where the ballot sits in the voter's feed: the greatest `seq` is their latest word. */
  readonly order: { readonly seq: number };
  /**
   * The voter's signed clock (ledger `ts` format), compared with the closing time when the
   * input has one; without it, the ballot cannot be placed before the close and is late.
   */
  readonly ts?: string;
}

/** A proxy record of one assembly, read from a signed `proxy` entry. */
export interface ProxyFact {
  /** The proxy entry's id. */
  readonly id: string;
  /** did:key of the delegator (the entry's author). */
  readonly from: string;
  /** did:key of the delegate (ignored when `revoked`). */
  readonly to: string;
  /** The delegator takes their vote back: no proxy from this record on. */
  readonly revoked: boolean;
  /** Where the record sits in the delegator's feed. */
  readonly order: { readonly seq: number };
  /** The delegator's signed clock (ledger `ts` format), as for {@link BallotFact.ts}. */
  readonly ts?: string;
}

/** Everything a tally depends on. */
export interface TallyInput {
  readonly method: DecisionMethod;
  /** The fewest participants (members who voted, plus delegations) for a result. */
  readonly quorum: number;
  /** Who may vote: the members of the proposal's scope (or the electorate it names). */
  readonly electorate: ReadonlySet<string>;
  /** Id of the proposal's current revision: ballots for any other revision do not count. */
  readonly revision: string;
  /** The ballots held for this proposal (any revision; repeats and any order are fine). */
  readonly ballots: readonly BallotFact[];
  /** The proxy records held for the proposal's assembly (none when it has no assembly). */
  readonly proxies: readonly ProxyFact[];
  /** did:key of the proposer: who decides under the advice method. */
  readonly proposer: string;
  /** Closing time (ledger `ts` format): records signed later do not count. Absent: none. */
  readonly closes?: string | null;
}

/** The result of a tally; `proposer-decides` under the advice method. */
export type TallyResult = 'adopted' | 'rejected' | 'no-quorum' | 'blocked' | 'proposer-decides';

/** Why a ballot is not counted (see the rules above, in the order they apply). */
export type IgnoredReason =
  | 'malformed'
  | 'not-in-electorate'
  | 'old-revision'
  | 'late'
  | 'choice-not-allowed'
  | 'reason-required'
  | 'superseded'
  | 'conflict';

/** Every ignored reason, in the order the rules apply (for translations and tests). */
export const IGNORED_REASONS: readonly IgnoredReason[] = [
  'malformed',
  'not-in-electorate',
  'old-revision',
  'late',
  'choice-not-allowed',
  'reason-required',
  'superseded',
  'conflict',
];

/** Two or more different ballots of one voter at their greatest `seq` (a forked feed). */
export interface BallotConflict {
  readonly voter: string;
  readonly seq: number;
  /** The ballot ids, sorted. */
  readonly ids: readonly string[];
}

/** Two or more different proxy records of one delegator at their greatest `seq`. */
export interface ProxyConflict {
  readonly delegator: string;
  readonly seq: number;
  /** The proxy record ids, sorted. */
  readonly ids: readonly string[];
}

/** A vote carried: the delegate's counted choice counts once more for the delegator. */
export interface Delegation {
  readonly delegator: string;
  readonly delegate: string;
  /** Id of the proxy record that gave it (an outcome lists these). */
  readonly proxy: string;
}

/** What the vote gives, with everything needed to show and re-check it. */
export interface Tally {
  readonly result: TallyResult;
  /** Why the rules themselves are unusable (then the result is `rejected`), else `null`. */
  readonly problem: RulesProblem | null;
  /** Counted ballots per choice, each delegation adding one to its delegate's choice. */
  readonly counts: Readonly<Record<Choice, number>>;
  /** Counted ballots per choice, delegations not multiplied in (as an outcome entry records). */
  readonly ballotCounts: Readonly<Record<Choice, number>>;
  /** Voters with a counted ballot plus delegations: what the quorum is compared with. */
  readonly participants: number;
  /** Voters whose counted ballot is a block, sorted (their reasons are in their ballots). */
  readonly blockers: readonly string[];
  /** Forked ballots, sorted by voter. */
  readonly conflicts: readonly BallotConflict[];
  /** Forked proxy records, sorted by delegator. */
  readonly proxyConflicts: readonly ProxyConflict[];
  /** The delegations that carried a vote, sorted by delegator. */
  readonly delegations: readonly Delegation[];
  /** Ids of the counted ballots, sorted: at most one per voter. */
  readonly counted: readonly string[];
  /** Every other distinct ballot id with why it does not count, sorted by id. */
  readonly ignored: readonly { readonly id: string; readonly reason: IgnoredReason }[];
  /** Who decides: the proposer under the advice method, else `null`. */
  readonly decider: string | null;
}

/** Counts of zero for every choice, in the order of `CHOICES`. */
export function zeroCounts(): Record<Choice, number> {
  return { agree: 0, disagree: 0, abstain: 0, 'stand-aside': 0, block: 0 };
}

function isFeedSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function seqOf(fact: { readonly order?: { readonly seq?: unknown } }): unknown {
  return typeof fact.order === 'object' && fact.order !== null ? fact.order.seq : undefined;
}

/** One fact per id; for two contents under one id, the one whose JSON text sorts first. */
function distinctById<F extends { readonly id: string }>(
  facts: readonly F[],
  text: (fact: F) => string,
): F[] {
  const kept = new Map<string, { fact: F; text: string }>();
  for (const fact of facts) {
    const current = kept.get(fact.id);
    const candidate = text(fact);
    if (current === undefined || compareCodeUnits(candidate, current.text) < 0) {
      kept.set(fact.id, { fact, text: candidate });
    }
  }
  return [...kept.values()].map(({ fact }) => fact);
}

const ballotText = (b: BallotFact): string =>
  JSON.stringify([b.voter, b.choice, b.reason, b.revision, seqOf(b), b.ts]);
const proxyText = (p: ProxyFact): string =>
  JSON.stringify([p.from, p.to, p.revoked, seqOf(p), p.ts]);

/** The rules every peer applies alike (see the module comment). */
interface Screen {
  readonly electorate: ReadonlySet<string>;
  readonly revision: string;
  readonly allowed: ReadonlySet<Choice>;
  /** `null`: no closing time; `undefined`: an unusable one (everything is late). */
  readonly closes: string | null | undefined;
}

function isLate(ts: string | undefined, screen: Screen): boolean {
  if (screen.closes === null) return false;
  return screen.closes === undefined || ts === undefined || ts > screen.closes;
}

/** A `ts` is optional (callers may screen late facts themselves), but well-formed if given. */
function isOptionalTimestamp(ts: unknown): boolean {
  return ts === undefined || isTimestamp(ts);
}

/** Rules 1–6: why a ballot cannot count at all, or `null` if it may. */
function screenBallot(ballot: BallotFact, screen: Screen): IgnoredReason | null {
  const { id, voter, choice, reason, revision, ts } = ballot;
  if (
    typeof id !== 'string' ||
    typeof voter !== 'string' ||
    !isChoice(choice) ||
    typeof reason !== 'string' ||
    typeof revision !== 'string' ||
    !isFeedSeq(seqOf(ballot)) ||
    !isOptionalTimestamp(ts)
  ) {
    return 'malformed';
  }
  if (!screen.electorate.has(voter)) return 'not-in-electorate';
  if (revision !== screen.revision) return 'old-revision';
  if (isLate(ts, screen)) return 'late';
  if (!screen.allowed.has(choice)) return 'choice-not-allowed';
  if (choice === 'block' && reason.trim() === '') return 'reason-required';
  return null;
}

/** Whether a proxy record is well-formed, from a member, and signed before the close. */
function proxyCounts(proxy: ProxyFact, screen: Screen): boolean {
  const { id, from, to, revoked, ts } = proxy;
  return (
    typeof id === 'string' &&
    typeof from === 'string' &&
    typeof to === 'string' &&
    typeof revoked === 'boolean' &&
    isFeedSeq(seqOf(proxy)) &&
    isOptionalTimestamp(ts) &&
    screen.electorate.has(from) &&
    !isLate(ts, screen)
  );
}

/** Groups facts by a key (the voter's or delegator's did). */
function groupBy<F>(facts: readonly F[], key: (fact: F) => string): Map<string, F[]> {
  const groups = new Map<string, F[]>();
  for (const fact of facts) {
    const group = groups.get(key(fact));
    if (group === undefined) groups.set(key(fact), [fact]);
    else group.push(fact);
  }
  return groups;
}

/** The facts at the greatest `seq` of a non-empty group, sorted by id, with that `seq`. */
function latest<F extends { readonly id: string; readonly order: { readonly seq: number } }>(
  group: readonly F[],
): { seq: number; facts: F[] } {
  // A loop, not Math.max(...): a hostile feed may hold more ballots than a call has arguments.
  let seq = 0;
  for (const fact of group) if (fact.order.seq > seq) seq = fact.order.seq;
  const facts = group
    .filter((fact) => fact.order.seq === seq)
    .sort((a, b) => compareCodeUnits(a.id, b.id));
  return { seq, facts };
}

function decide(
  method: DecisionMethod,
  counts: Readonly<Record<Choice, number>>,
  participants: number,
  quorum: number,
): TallyResult {
  if (participants < quorum) return 'no-quorum';
  switch (method.kind) {
    case 'consent':
      return counts.block > 0 ? 'blocked' : 'adopted';
    case 'consensus':
      if (counts.block > 0) return 'blocked';
      return counts.agree > 0 ? 'adopted' : 'rejected';
    case 'majority': {
      const { agree, disagree } = counts;
      const passes =
        agree > 0 && agree !== disagree && agree * method.den >= method.num * (agree + disagree);
      return passes ? 'adopted' : 'rejected';
    }
    case 'advice':
      return 'proposer-decides';
  }
}

/**
 * Counts a vote by the rules above. Never throws on well-typed input, however hostile its
 * values (NaN seqs, unknown method kinds, absurd quorums): those are screened and reported.
 */
export function tally(input: TallyInput): Tally {
  const closes = input.closes ?? null;
  const problem =
    validateMethod(input.method) ??
    validateQuorum(input.quorum) ??
    (closes === null ? null : validateClosingTime(closes));
  const screen: Screen = {
    electorate: input.electorate,
    revision: input.revision,
    allowed: new Set(allowedChoices(input.method)),
    closes: closes === null || validateClosingTime(closes) === null ? closes : undefined,
  };

  // Ballots: rules 1–6, then one vote per voter.
  const ignored = new Map<string, IgnoredReason>();
  const standing: BallotFact[] = [];
  for (const ballot of distinctById(input.ballots, ballotText)) {
    const reason = screenBallot(ballot, screen);
    if (reason === null) standing.push(ballot);
    else ignored.set(ballot.id, reason);
  }
  const counted = new Map<string, BallotFact>();
  const conflicts: BallotConflict[] = [];
  const spoke = new Set<string>();
  for (const [voter, group] of groupBy(standing, (ballot) => ballot.voter)) {
    spoke.add(voter);
    const top = latest(group);
    for (const ballot of group)
      if (ballot.order.seq < top.seq) ignored.set(ballot.id, 'superseded');
    const [only, ...others] = top.facts;
    if (only !== undefined && others.length === 0) {
      counted.set(voter, only);
    } else {
      for (const ballot of top.facts) ignored.set(ballot.id, 'conflict');
      conflicts.push({ voter, seq: top.seq, ids: top.facts.map((ballot) => ballot.id) });
    }
  }

  // Proxies: the delegator's latest record, then the conditions for carrying a vote.
  const proxyConflicts: ProxyConflict[] = [];
  const delegations: Delegation[] = [];
  const records = distinctById(input.proxies, proxyText).filter((p) => proxyCounts(p, screen));
  for (const [delegator, group] of groupBy(records, (proxy) => proxy.from)) {
    const top = latest(group);
    const [wish, ...others] = top.facts;
    if (wish === undefined || others.length > 0) {
      proxyConflicts.push({ delegator, seq: top.seq, ids: top.facts.map((proxy) => proxy.id) });
      continue;
    }
    const delegate = wish.to;
    if (wish.revoked || delegate === delegator || !input.electorate.has(delegate)) continue;
    if (spoke.has(delegator) || !counted.has(delegate)) continue;
    delegations.push({ delegator, delegate, proxy: wish.id });
  }

  const ballotCounts = zeroCounts();
  for (const ballot of counted.values()) ballotCounts[ballot.choice] += 1;
  const counts = { ...ballotCounts };
  for (const { delegate } of delegations) {
    const carried = counted.get(delegate);
    if (carried !== undefined) counts[carried.choice] += 1;
  }
  const participants = counted.size + delegations.length;
  const result =
    problem === null ? decide(input.method, counts, participants, input.quorum) : 'rejected';

  const byDid = (a: string, b: string): number => compareCodeUnits(a, b);
  return {
    result,
    problem,
    counts,
    ballotCounts,
    participants,
    blockers: [...counted.values()]
      .filter((ballot) => ballot.choice === 'block')
      .map((ballot) => ballot.voter)
      .sort(byDid),
    conflicts: conflicts.sort((a, b) => byDid(a.voter, b.voter)),
    proxyConflicts: proxyConflicts.sort((a, b) => byDid(a.delegator, b.delegator)),
    delegations: delegations.sort((a, b) => byDid(a.delegator, b.delegator)),
    counted: [...counted.values()].map((ballot) => ballot.id).sort(byDid),
    ignored: [...ignored]
      .map(([id, reason]) => ({ id, reason }))
      .sort((a, b) => compareCodeUnits(a.id, b.id)),
    decider: result === 'proposer-decides' ? input.proposer : null,
  };
}
