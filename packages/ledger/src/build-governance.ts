import type { KeyPair } from '@integrale/identity';
import { nextInFeed, signEntry, sortedIds, type FeedPosition } from './build.js';
import type {
  BallotEntry,
  Choice,
  DecisionEffects,
  LimitEntry,
  MethodField,
  OutcomeEntry,
  ProposalEntry,
  ProxyEntry,
  Result,
} from './entry.js';

/*
 * Building the governance extension's entries (docs/protocol-governance.md). Like the core
 * builders, each takes the author's key and the head of their feed; a governance entry leaves
 * the running balance as it is. Each throws `InvalidEntryError` when the fields do not make a
 * well-formed entry.
 */

/** Fields every governance entry has besides its own. */
interface Common {
  readonly coop: string;
  readonly ts: string;
}

/** Fields of a proposal. */
export interface ProposalFields extends Common {
  readonly title: string;
  readonly text: string;
  readonly scope: string;
  /** The assembly it is put to, or '' for none. */
  readonly assembly: string;
  readonly method: MethodField;
  readonly quorum: number;
  /** When the vote closes (`ts` format). */
  readonly closes: string;
  /** Who may vote, or `null` for every member (sorted here). */
  readonly electorate: readonly string[] | null;
  readonly amends: string | null;
  readonly effects: DecisionEffects;
}

/** A proposal (or, with `amends`, an amendment that restarts the vote). */
export function createProposal(
  author: KeyPair,
  head: FeedPosition,
  fields: ProposalFields,
): ProposalEntry {
  return signEntry<ProposalEntry>(
    {
      ...nextInFeed(author, head, fields),
      type: 'proposal',
      title: fields.title,
      text: fields.text,
      scope: fields.scope,
      assembly: fields.assembly,
      method: fields.method,
      quorum: fields.quorum,
      closes: fields.closes,
      electorate: fields.electorate === null ? null : sortedIds(fields.electorate),
      amends: fields.amends,
      effects: fields.effects,
    },
    author,
  );
}

/** A ballot on one revision of a proposal. */
export function createBallot(
  voter: KeyPair,
  head: FeedPosition,
  fields: Common & { readonly proposal: string; readonly choice: Choice; readonly reason: string },
): BallotEntry {
  return signEntry<BallotEntry>(
    {
      ...nextInFeed(voter, head, fields),
      type: 'ballot',
      proposal: fields.proposal,
      choice: fields.choice,
      reason: fields.reason,
    },
    voter,
  );
}

/** Gives one's vote to `to` for an assembly, or takes it back (`to: null`). */
export function createProxy(
  member: KeyPair,
  head: FeedPosition,
  fields: Common & { readonly assembly: string; readonly to: string | null },
): ProxyEntry {
  return signEntry<ProxyEntry>(
    {
      ...nextInFeed(member, head, fields),
      type: 'proxy',
      assembly: fields.assembly,
      to: fields.to,
    },
    member,
  );
}

/** Closes a vote: the ballots and proxies counted (ids, sorted here), the result and counts. */
export function createOutcome(
  closer: KeyPair,
  head: FeedPosition,
  fields: Common & {
    readonly proposal: string;
    readonly ballots: readonly string[];
    readonly proxies: readonly string[];
    readonly result: Result;
    readonly counts: Readonly<Record<Choice, number>>;
  },
): OutcomeEntry {
  return signEntry<OutcomeEntry>(
    {
      ...nextInFeed(closer, head, fields),
      type: 'outcome',
      proposal: fields.proposal,
      ballots: sortedIds(fields.ballots),
      proxies: sortedIds(fields.proxies),
      result: fields.result,
      counts: {
        agree: fields.counts.agree,
        disagree: fields.counts.disagree,
        abstain: fields.counts.abstain,
        'stand-aside': fields.counts['stand-aside'],
        block: fields.counts.block,
      },
    },
    closer,
  );
}

/** Takes up in one's feed the credit limit an adopted decision set. */
export function createLimit(
  member: KeyPair,
  head: FeedPosition,
  fields: Common & { readonly decision: string; readonly limit: number },
): LimitEntry {
  return signEntry<LimitEntry>(
    {
      ...nextInFeed(member, head, fields),
      type: 'limit',
      decision: fields.decision,
      limit: fields.limit,
    },
    member,
  );
}
