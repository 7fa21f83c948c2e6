import {
  recount,
  type DecisionEffects,
  type Ledger,
  type MethodField,
  type OutcomeEntry,
  type ProposalEntry,
  type Result,
  type Tally,
} from '@integrale/ledger';

/*
 * What a member's device does with the governance extension (docs/protocol-governance.md):
 * close a vote by counting what it holds, and take up the credit limit the cooperative decided
 * for its member. Pure reads of the ledger; signing happens in cooperative-peer.ts, in turn with
 * every other entry of the member's feed.
 */

/** A proposal as a member drafts it; the entry's envelope is added when it is signed. */
export interface ProposalDraft {
  readonly title: string;
  readonly text: string;
  /** A circle's name, or `federation`. */
  readonly scope: string;
  /** The assembly it is put to ('' for none): proxies given for it count. */
  readonly assembly: string;
  readonly method: MethodField;
  readonly quorum: number;
  /** When the vote closes, in the ledger's `ts` format. */
  readonly closes: string;
  /** Who may vote (dids), or `null` for every member. */
  readonly electorate: readonly string[] | null;
  /** The proposal this one amends (restarting the vote), or `null`. */
  readonly amends: string | null;
  readonly effects: DecisionEffects;
}

/** A vote closed as this device counts it: what an outcome entry would record. */
export interface Closing {
  readonly proposal: string;
  /** The ballots counted (and only those: the recount over them gives the same). */
  readonly ballots: readonly string[];
  /** The proxy entries that carried a vote. */
  readonly proxies: readonly string[];
  readonly result: Result;
  readonly counts: OutcomeEntry['counts'];
  readonly tally: Tally;
}

/** The valid proposal with this id, if the ledger holds one. */
export function proposalOf(ledger: Ledger, id: string): ProposalEntry | undefined {
  return ledger.validGovernance('proposal').find((proposal) => proposal.id === id)?.entry;
}

/**
 * How a vote stands (or closes) over every valid ballot and proxy this device holds for it.
 * `null` when the proposal is not held as valid. Under the advice method the proposer decides:
 * the closing then records `adopted` (a proposer who does not go ahead withdraws instead).
 */
export function countVote(ledger: Ledger, proposalId: string): Closing | null {
  const proposal = proposalOf(ledger, proposalId);
  if (proposal === undefined) return null;
  const ballots = ledger
    .validGovernance('ballot')
    .filter((ballot) => ballot.entry.proposal === proposalId);
  const proxies =
    proposal.assembly === ''
      ? []
      : ledger
          .validGovernance('proxy')
          .filter((proxy) => proxy.entry.assembly === proposal.assembly);
  const members = new Set(ledger.members().map((member) => member.did));
  const tally = recount(proposal, proposalId, ballots, proxies, members);
  return {
    proposal: proposalId,
    ballots: [...tally.counted],
    proxies: tally.delegations.map((delegation) => delegation.proxy).sort(),
    result: tally.result === 'proposer-decides' ? 'adopted' : tally.result,
    counts: tally.counts,
    tally,
  };
}

/** Every valid proposal by id (read once per question, not once per outcome). */
function proposalsById(ledger: Ledger): Map<string, ProposalEntry> {
  return new Map(ledger.validGovernance('proposal').map(({ id, entry }) => [id, entry]));
}

/** Ids of adopted outcomes revoked by a later adopted decision. */
function revokedDecisions(ledger: Ledger, proposals = proposalsById(ledger)): Set<string> {
  const revoked = new Set<string>();
  for (const { entry } of ledger.validGovernance('outcome')) {
    if (entry.result !== 'adopted') continue;
    const target = proposals.get(entry.proposal)?.effects.revokes;
    if (target !== undefined) revoked.add(target);
  }
  return revoked;
}

/**
 * Members the cooperative removed: named by `removeMember` in an adopted decision that no later
 * adopted decision revokes. Soft in the ledger (their signed past stays valid); the membership
 * gate stops sharing documents with their devices.
 */
export function removedMembers(ledger: Ledger): ReadonlySet<string> {
  const outcomes = ledger.validGovernance('outcome');
  if (outcomes.length === 0) return NO_ONE;
  // Asked at every document request: computed again only when the decisions change.
  const key = `${outcomes.length}/${ledger.validGovernance('proposal').length}`;
  const cached = removedCache.get(ledger);
  if (cached?.key === key) return cached.removed;
  const removed = new Set<string>();
  const proposals = proposalsById(ledger);
  const revoked = revokedDecisions(ledger, proposals);
  for (const { id, entry } of outcomes) {
    if (entry.result !== 'adopted' || revoked.has(id)) continue;
    const member = proposals.get(entry.proposal)?.effects.removeMember;
    if (member !== undefined) removed.add(member);
  }
  removedCache.set(ledger, { key, removed });
  return removed;
}

const NO_ONE: ReadonlySet<string> = new Set();
const removedCache = new WeakMap<Ledger, { key: string; removed: ReadonlySet<string> }>();

/** A decided limit a member could take up. */
export interface DecidedLimit {
  /** The adopted outcome's id. */
  readonly decision: string;
  readonly limit: number;
}

/**
 * The limit the cooperative has decided for `did` now: the latest adopted, unrevoked decision
 * setting this member's own limit; failing one, the latest setting the default limit. "Latest"
 * is by the outcome's `ts`, then id — the same answer on every device. `null` when no decision
 * sets a limit for them.
 */
export function decidedLimit(ledger: Ledger, did: string): DecidedLimit | null {
  const proposals = proposalsById(ledger);
  const revoked = revokedDecisions(ledger, proposals);
  let own: (DecidedLimit & { order: string }) | null = null;
  let common: (DecidedLimit & { order: string }) | null = null;
  for (const { id, entry } of ledger.validGovernance('outcome')) {
    if (entry.result !== 'adopted' || revoked.has(id)) continue;
    const effects = proposals.get(entry.proposal)?.effects;
    if (effects === undefined) continue;
    const order = entry.ts + ' ' + id;
    if (effects.memberLimit?.member === did && (own === null || order > own.order)) {
      own = { decision: id, limit: effects.memberLimit.limit, order };
    }
    if (effects.defaultLimit !== undefined && (common === null || order > common.order)) {
      common = { decision: id, limit: effects.defaultLimit, order };
    }
  }
  const chosen = own ?? common;
  return chosen === null ? null : { decision: chosen.decision, limit: chosen.limit };
}

/**
 * The decided limit `did`'s feed has not taken up yet, or `null` when its feed already follows
 * the current decision (or none applies). A member's device takes it up with a `limit` entry,
 * raising or lowering: a decision binds whoever it concerns.
 */
export function limitToTakeUp(ledger: Ledger, did: string): DecidedLimit | null {
  const decided = decidedLimit(ledger, did);
  if (decided === null) return null;
  return ledger.limitOf(did).decision === decided.decision ? null : decided;
}
