import type {
  Choice,
  DecisionEffects,
  EntryStatus,
  IgnoredReason,
  MethodField,
  Result,
} from '@integrale/ledger';

export type {
  Choice,
  DecisionEffects,
  IgnoredReason,
  MethodField,
  Result,
} from '@integrale/ledger';

/*
 * What the screens need for proposals, votes, proxies and the decision log (issue 5, signed
 * governance entries: docs/protocol-governance.md). Part of `AppRuntime` (runtime.ts); kept here
 * so this area's additions stay in one file. Every view is what THIS device verified: statuses
 * come from its ledger, counts from its own recount.
 */

/** A proposal as the member drafts it (the signed entry's fields, before signing). */
export interface ProposalInput {
  readonly title: string;
  readonly text: string;
  /** `federation` or a circle's name. */
  readonly scope: string;
  /** The assembly it is put to ('' for none): proxies given for it count. */
  readonly assembly: string;
  readonly method: MethodField;
  readonly quorum: number;
  /** When the vote closes, ledger `ts` format (UTC, milliseconds). */
  readonly closes: string;
  /** Who may vote (did:keys), or `null` for every member. */
  readonly electorate: readonly string[] | null;
  /** The proposal this one amends (the vote restarts on the amendment), or `null`. */
  readonly amends: string | null;
  readonly effects: DecisionEffects;
  /** Soft: the app shows no counts before the close (ballots stay data every device holds). */
  readonly hideResults?: boolean;
}

/** The draft field a problem is about. */
export type ProposalField =
  | 'title'
  | 'text'
  | 'scope'
  | 'assembly'
  | 'method'
  | 'quorum'
  | 'closes'
  | 'electorate'
  | 'amends'
  | 'effects';

/** Why a governance action was not taken (each has a sentence in the UI). */
export type GovernanceProblem =
  | 'not-ready'
  | 'not-member'
  /** The draft cannot make a valid proposal: see `field`. */
  | 'invalid-draft'
  /** This device holds no valid proposal with this id. */
  | 'not-held'
  /** The vote is closed already (an outcome is recorded, or the closing time passed). */
  | 'closed'
  /** This member is not in the proposal's electorate. */
  | 'not-in-electorate'
  /** The method does not have this choice. */
  | 'choice-not-allowed'
  /** A block needs its reason. */
  | 'reason-required'
  /** The reason is longer than 1 000 characters. */
  | 'reason-too-long'
  /** Only the proposer may withdraw, close before the closing time, or decide under advice. */
  | 'not-proposer'
  /** A proxy needs an assembly and another member. */
  | 'invalid-proxy';

/** The outcome of a governance action. */
export type GovernanceResult =
  | { readonly ok: true; /** Id of the signed entry. */ readonly entry: string }
  | {
      readonly ok: false;
      readonly reason: GovernanceProblem;
      /** For `invalid-draft`: the field at fault. */
      readonly field?: ProposalField;
    };

/** One ballot on a proposal, and what the count made of it. */
export interface BallotView {
  readonly id: string;
  readonly voter: string;
  readonly choice: Choice;
  readonly reason: string;
  readonly ts: string;
  /** Counted in this device's count. */
  readonly counted: boolean;
  /** Why it is not counted (a later ballot replaced it, late, …), else `null`. */
  readonly ignored: IgnoredReason | null;
}

/** A member's current word on their vote for an assembly. */
export interface ProxyView {
  readonly id: string;
  readonly from: string;
  /** The delegate, or `null`: the vote was taken back. */
  readonly to: string | null;
  readonly ts: string;
  /** Carried a vote in this device's count. */
  readonly carried: boolean;
}

/** How the vote stands now, as this device counts it. */
export interface CountView {
  /** What closing now would record (`adopted` under advice: the proposer decides). */
  readonly result: Result;
  /** Under advice: the counts are advice, the proposer decides. */
  readonly proposerDecides: boolean;
  readonly counts: Readonly<Record<Choice, number>>;
  /** Voters with a counted ballot plus delegations. */
  readonly participants: number;
  readonly blockers: readonly string[];
  /** Voters with two different ballots at one seq (a forked feed): not counted. */
  readonly conflicts: readonly string[];
}

/** A recorded outcome (valid or not) of a proposal. */
export interface OutcomeView {
  readonly id: string;
  readonly author: string;
  readonly ts: string;
  readonly result: Result;
  readonly counts: Readonly<Record<Choice, number>>;
  readonly status: EntryStatus;
}

/** A proposal as its page shows it. */
export interface ProposalView extends Omit<ProposalInput, 'hideResults'> {
  readonly id: string;
  readonly author: string;
  readonly ts: string;
  readonly status: EntryStatus;
  readonly hideResults: boolean;
  /** Latest ballot of each voter first, then earlier ones; by time. */
  readonly ballots: readonly BallotView[];
  /** Each delegator's latest word for the proposal's assembly. */
  readonly proxies: readonly ProxyView[];
  /** `null` until the proposal is valid on this device. */
  readonly count: CountView | null;
  readonly outcomes: readonly OutcomeView[];
  /** Proposals that amend this one (the vote restarted there). */
  readonly amendedBy: readonly string[];
  /** The valid outcome, once the vote is closed. */
  readonly decided: OutcomeView | null;
}

/** A proposal in a list. */
export interface ProposalSummary {
  readonly id: string;
  readonly title: string;
  readonly scope: string;
  readonly assembly: string;
  readonly method: MethodField;
  readonly closes: string;
  readonly author: string;
  readonly ts: string;
  readonly status: EntryStatus;
  /** The valid outcome's result, or `null` while open. */
  readonly result: Result | null;
  readonly amends: string | null;
}

/** One decision of the decision log: a recorded outcome and its proposal. */
export interface DecisionView {
  /** The outcome's id. */
  readonly id: string;
  readonly proposal: string;
  readonly author: string;
  readonly ts: string;
  readonly scope: string;
  readonly title: string;
  readonly method: MethodField | null;
  readonly result: Result;
  readonly counts: Readonly<Record<Choice, number>>;
  readonly effects: DecisionEffects;
  /** This device's verdict on the outcome (its recount). */
  readonly status: EntryStatus;
  /** The proposal it amends, if any. */
  readonly amends: string | null;
  /** Adopted decisions revoking this one. */
  readonly revokedBy: readonly string[];
  /** Ballots on time the closer did not count (a contest). */
  readonly uncounted: readonly string[];
  /** Voters with forked ballots. */
  readonly conflicts: readonly string[];
  /** The ids of every signed entry the decision rests on (proposal, ballots, proxies, outcome). */
  readonly entries: readonly string[];
}

/** A member's credit limit in force and the decision that set it. */
export interface LimitView {
  /** Minor units: the balance may not go below −limit. */
  readonly limit: number;
  /** The outcome that set it, `null` for the genesis's. */
  readonly decision: string | null;
  /** That decision's title, when known. */
  readonly title: string | null;
}

/** The area's data at one moment. */
export interface GovernanceSnapshot {
  /** Every proposal held, newest first. */
  readonly proposals: readonly ProposalSummary[];
  /** Every recorded outcome, newest first. */
  readonly decisions: readonly DecisionView[];
  /** This member's limit in force (`null` before the ledger is known). */
  readonly limit: LimitView | null;
}

/** The runtime's part for proposals and decisions. */
export interface GovernanceRuntime {
  /** Proposals, decisions and this member's limit. Cheap: cached per change. */
  governanceSnapshot(): GovernanceSnapshot;
  /** One proposal with its ballots and count, or `null` when not held. */
  proposal(id: string): ProposalView | null;
  /** Signs a proposal (or, with `amends`, an amendment). */
  propose(input: ProposalInput): Promise<GovernanceResult>;
  /** Signs a ballot; a later one on the same proposal replaces it. */
  vote(proposal: string, choice: Choice, reason: string): Promise<GovernanceResult>;
  /** Gives this member's vote for an assembly to another member, or takes it back (`null`). */
  giveProxy(assembly: string, to: string | null): Promise<GovernanceResult>;
  /** Closes a vote with this device's count, or (`withdraw`) the proposer withdraws it. */
  closeVote(proposal: string, options?: { readonly withdraw?: boolean }): Promise<GovernanceResult>;
  /** This member's current proxy for an assembly: the delegate, or `null`. */
  proxyOf(assembly: string): string | null;
}
