import {
  CHOICES,
  type BallotEntry,
  type Entry,
  type OutcomeEntry,
  type ProposalEntry,
  type ProxyEntry,
} from './entry.js';
import { tally, type BallotFact, type ProxyFact, type Tally } from './governance/index.js';
import { compareCodeUnits, type DecisionRow } from './report.js';
import type { InvalidReason } from './status.js';

/*
 * The ledger's side of the governance extension (docs/protocol-governance.md): checking a
 * recorded outcome against a recount of what it lists, and the report's decision log. The
 * counting rules themselves are in governance/ (pure functions of sets of ballots).
 *
 * Why an outcome lists the ballots it counted instead of every peer counting every ballot it
 * holds: validity must not change as entries arrive. Were an outcome checked against all ballots
 * held, a ballot arriving late could turn a valid decision invalid — and with it every limit and
 * payment that rests on it. Listing makes the check a function of the outcome alone; a ballot the
 * closer left out, though on time, is reported (`uncounted`) for all to see and contest.
 */

/** An entry with its id. */
interface WithId<E> {
  readonly id: string;
  readonly entry: E;
}

/** What a recount needs: the outcome, its proposal and what it lists (all valid). */
export interface RecountInput {
  readonly outcome: OutcomeEntry;
  readonly proposal: ProposalEntry;
  readonly proposalId: string;
  readonly ballots: readonly WithId<BallotEntry>[];
  readonly proxies: readonly WithId<ProxyEntry>[];
  /** The cooperative's members now (who may vote when the proposal names no electorate). */
  readonly members: ReadonlySet<string>;
}

/** Whether a ballot was signed by its voter's clock before the vote closed. */
function onTime(ballot: BallotEntry, proposal: ProposalEntry): boolean {
  // Both are in the fixed `ts` format, so text order is time order.
  return ballot.ts <= proposal.closes;
}

/** Counts a proposal's listed ballots and proxies by its rules. */
export function recount(
  proposal: ProposalEntry,
  proposalId: string,
  ballots: readonly WithId<BallotEntry>[],
  proxies: readonly WithId<ProxyEntry>[],
  members: ReadonlySet<string>,
): Tally {
  const ballotFacts: BallotFact[] = ballots.map(({ id, entry }) => ({
    id,
    voter: entry.author,
    choice: entry.choice,
    reason: entry.reason,
    revision: entry.proposal,
    order: { seq: entry.seq },
    ts: entry.ts,
  }));
  // Proxies are given for one assembly: those of another count for nothing here.
  const proxyFacts: ProxyFact[] = proxies
    .filter(({ entry }) => proposal.assembly !== '' && entry.assembly === proposal.assembly)
    .map(({ id, entry }) => ({
      id,
      from: entry.author,
      to: entry.to ?? entry.author,
      revoked: entry.to === null,
      order: { seq: entry.seq },
      ts: entry.ts,
    }));
  return tally({
    method: proposal.method,
    quorum: proposal.quorum,
    electorate: proposal.electorate === null ? members : new Set(proposal.electorate),
    revision: proposalId,
    ballots: ballotFacts,
    proxies: proxyFacts,
    proposer: proposal.author,
    // Ballots and proxies signed (by their authors' clocks) after the close do not count.
    closes: proposal.closes,
  });
}

/**
 * Why a recorded outcome is invalid, or `null` when it is what counting its listed ballots gives.
 * A proposer may withdraw (`withdrawn`) whatever the count; under the advice method the proposer
 * alone closes, with `adopted` or `withdrawn`.
 */
export function recountOutcome(input: RecountInput): InvalidReason | null {
  const { outcome, proposal } = input;
  const counted = recount(proposal, input.proposalId, input.ballots, input.proxies, input.members);
  for (const choice of CHOICES) {
    if (outcome.counts[choice] !== counted.counts[choice]) return 'bad-outcome';
  }
  const byProposer = outcome.author === proposal.author;
  if (outcome.result === 'withdrawn') return byProposer ? null : 'not-proposer';
  if (counted.result === 'proposer-decides') {
    if (!byProposer) return 'not-proposer';
    return outcome.result === 'adopted' ? null : 'bad-outcome';
  }
  return outcome.result === counted.result ? null : 'bad-outcome';
}

/** What the decision log reads of the ledger. */
export interface GovernanceView {
  /** The valid entry with this id, if any. */
  valid(id: string): Entry | undefined;
  /** Every valid entry of a type, with its id. */
  validOfType<T extends Entry['type']>(type: T): Iterable<WithId<Extract<Entry, { type: T }>>>;
}

/** Every valid outcome as the report lists it, sorted by id. */
export function decisionRows(view: GovernanceView, members: ReadonlySet<string>): DecisionRow[] {
  const outcomes = [...view.validOfType('outcome')];
  const revokedBy = new Map<string, string[]>();
  for (const { id, entry } of outcomes) {
    if (entry.result !== 'adopted') continue;
    const proposal = view.valid(entry.proposal) as ProposalEntry;
    const target = proposal.effects.revokes;
    if (target === undefined) continue;
    const list = revokedBy.get(target);
    if (list === undefined) revokedBy.set(target, [id]);
    else list.push(id);
  }
  const ballotsByProposal = new Map<string, WithId<BallotEntry>[]>();
  for (const ballot of view.validOfType('ballot')) {
    const list = ballotsByProposal.get(ballot.entry.proposal);
    if (list === undefined) ballotsByProposal.set(ballot.entry.proposal, [ballot]);
    else list.push(ballot);
  }
  const rows = outcomes.map(({ id, entry }): DecisionRow => {
    const proposal = view.valid(entry.proposal) as ProposalEntry;
    const listed = new Set(entry.ballots);
    const uncounted = (ballotsByProposal.get(entry.proposal) ?? [])
      .filter((ballot) => !listed.has(ballot.id) && onTime(ballot.entry, proposal))
      .map((ballot) => ballot.id)
      .sort(compareCodeUnits);
    const proxies = entry.proxies.map((proxyId) => ({
      id: proxyId,
      entry: view.valid(proxyId) as ProxyEntry,
    }));
    // Forked votes: over every ballot held on this revision, not only those listed (a closer
    // never counts conflicting ballots, so the listed ones would hardly ever show one).
    const everyBallot = ballotsByProposal.get(entry.proposal) ?? [];
    const counted = recount(proposal, entry.proposal, everyBallot, proxies, members);
    return {
      id,
      proposal: entry.proposal,
      author: entry.author,
      ts: entry.ts,
      scope: proposal.scope,
      title: proposal.title,
      method: proposal.method.kind,
      result: entry.result,
      counts: entry.counts,
      effects: { ...proposal.effects },
      revokedBy: (revokedBy.get(id) ?? []).sort(compareCodeUnits),
      uncounted,
      conflicts: counted.conflicts.map((conflict) => ({
        voter: conflict.voter,
        seq: conflict.seq,
        ids: [...conflict.ids].sort(compareCodeUnits),
      })),
    };
  });
  return rows.sort((a, b) => compareCodeUnits(a.id, b.id));
}
