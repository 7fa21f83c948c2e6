/**
 * The entry types of ledger format v1 (spec `docs/spec/ledger-v1.md`, section 2). A value of
 * these types has passed the shape check (`checkShape`): it is well-formed, nothing more.
 */

/** The format version every entry carries. */
export const FORMAT_VERSION = 1;

/** Prefix of the bytes an entry's author signs. */
export const SIGNING_PREFIX = 'integrale/v1\n';

/** Prefix of the bytes an invitation key signs in a join's proof. */
export const JOIN_PROOF_PREFIX = 'integrale/v1/join\n';

/** The largest amount of one payment, and the largest credit limit, in minor units. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** Entry types of format v1, in the order a feed's life meets them. */
export const ENTRY_TYPES = ['genesis', 'invite', 'join', 'pay', 'accept'] as const;

/**
 * Entry types of the governance extension `gov/1` (docs/protocol-governance.md): proposals,
 * ballots, proxies, outcomes, and the adoption of a credit limit a decision set.
 */
export const GOVERNANCE_ENTRY_TYPES = ['proposal', 'ballot', 'proxy', 'outcome', 'limit'] as const;

/**
 * Entry types of the collective-accounts extension `acct/1` (docs/protocol-accounts.md): an
 * account with its stewards, contributions to it, and spends from it approved by k stewards or
 * by a decision.
 */
export const ACCOUNT_ENTRY_TYPES = ['account', 'contribute', 'spend'] as const;

export type EntryType =
  | (typeof ENTRY_TYPES)[number]
  | (typeof GOVERNANCE_ENTRY_TYPES)[number]
  | (typeof ACCOUNT_ENTRY_TYPES)[number];

/** Fields every entry has. */
export interface EntryBase {
  readonly v: 1;
  readonly type: EntryType;
  /** did:key of the signer. */
  readonly author: string;
  /** Position in the author's feed: 1, 2, 3 … */
  readonly seq: number;
  /** Id of the author's entry at `seq − 1`; `null` on a feed's first entry. */
  readonly prev: string | null;
  /** The author's clock, informative only. */
  readonly ts: string;
  /** base64url Ed25519 signature over {@link SIGNING_PREFIX} + JCS(entry without `sig`). */
  readonly sig: string;
}

/** The cooperative's currency, named by its genesis. */
export interface Currency {
  /** 1–8 of A–Z and 0–9, e.g. `ECO`. */
  readonly code: string;
  /** 1–40 characters, e.g. `Éco`. */
  readonly name: string;
  /** 0–4: how many minor units make one unit is 10^decimals. */
  readonly decimals: number;
}

/** Creates the cooperative; its id is the cooperative's id and its author the founder. */
export interface GenesisEntry extends EntryBase {
  readonly type: 'genesis';
  readonly name: string;
  readonly currency: Currency;
  /** No member's balance may go below −creditLimit (minor units). */
  readonly creditLimit: number;
}

/** A member invites someone by naming a fresh one-time invitation key. */
export interface InviteEntry extends EntryBase {
  readonly type: 'invite';
  readonly coop: string;
  /** did:key of the one-time invitation key. */
  readonly invitee: string;
}

/** A newcomer's first entry: proves possession of an invitation key. */
export interface JoinEntry extends EntryBase {
  readonly type: 'join';
  readonly coop: string;
  /** Id of the invite entry. */
  readonly invite: string;
  /** Signature by the invitation key over {@link JOIN_PROOF_PREFIX} + coop + "\n" + author. */
  readonly proof: string;
  /** The newcomer's display name. */
  readonly name: string;
}

/** A payment, signed by the payer. */
export interface PayEntry extends EntryBase {
  readonly type: 'pay';
  readonly coop: string;
  /** did:key of the payee. */
  readonly to: string;
  /** Minor units, 1 … 10^12. */
  readonly amount: number;
  /** 0–280 characters. */
  readonly memo: string;
  /** The payer's running balance after this entry. */
  readonly balance: number;
}

/** The payee's receipt of a payment. */
export interface AcceptEntry extends EntryBase {
  readonly type: 'accept';
  readonly coop: string;
  /** Id of the pay entry received. */
  readonly pay: string;
  /** The payee's running balance after this entry. */
  readonly balance: number;
}

/** A decision method, as a proposal names it (see `governance/`). */
export type MethodField =
  | { readonly kind: 'consent' }
  | { readonly kind: 'consensus' }
  | { readonly kind: 'advice' }
  /** Adopted when at least num/den of the agree and disagree votes agree (a tie never passes). */
  | { readonly kind: 'majority'; readonly num: number; readonly den: number };

/** What an adopted decision changes; every field is optional, none means no effect. */
export interface DecisionEffects {
  /** One member's credit limit (minor units). */
  readonly memberLimit?: { readonly member: string; readonly limit: number };
  /** The credit limit of every member without a limit of their own. */
  readonly defaultLimit?: number;
  /** An earlier decision (outcome id) this one revokes or supersedes. */
  readonly revokes?: string;
  /** A member the cooperative removes (soft: peers stop sharing documents with them). */
  readonly removeMember?: string;
  /** A budget (its id in the cooperative's documents, 1–64 characters) this decision approves. */
  readonly approvesBudget?: string;
  /** A spend from a collective account this decision authorises (acct/1). */
  readonly spend?: { readonly account: string; readonly to: string; readonly amount: number };
  /** New stewards and threshold for a collective account (acct/1; spends take them up). */
  readonly accountRules?: {
    readonly account: string;
    readonly stewards: readonly string[];
    readonly threshold: number;
  };
}

/** A proposal put to a vote, or an amendment of one (which restarts the vote). */
export interface ProposalEntry extends EntryBase {
  readonly type: 'proposal';
  readonly coop: string;
  /** 1–200 characters. */
  readonly title: string;
  /** 0–10 000 characters. */
  readonly text: string;
  /** The circle deciding it, or `federation`: 1–80 characters. */
  readonly scope: string;
  /** The assembly it is put to (its proxies count): 0–64 characters, empty for none. */
  readonly assembly: string;
  readonly method: MethodField;
  /** The fewest members who must take part (proxies included). */
  readonly quorum: number;
  /** When the vote closes, in the `ts` format: ballots signed later do not count. */
  readonly closes: string;
  /** Who may vote (sorted dids, no repeats), or `null` for every member. */
  readonly electorate: readonly string[] | null;
  /** The proposal (revision) this one amends, or `null`. */
  readonly amends: string | null;
  readonly effects: DecisionEffects;
}

/** The choices a ballot may carry; which ones count depends on the method. */
export const CHOICES = ['agree', 'disagree', 'abstain', 'stand-aside', 'block'] as const;
export type Choice = (typeof CHOICES)[number];

/** A member's vote on one revision of a proposal; a later ballot in their feed replaces it. */
export interface BallotEntry extends EntryBase {
  readonly type: 'ballot';
  readonly coop: string;
  /** Id of the proposal (revision) voted on. */
  readonly proposal: string;
  readonly choice: Choice;
  /** 0–1 000 characters; a block needs one. */
  readonly reason: string;
}

/** A member gives their vote to another for one assembly (`to: null` takes it back). */
export interface ProxyEntry extends EntryBase {
  readonly type: 'proxy';
  readonly coop: string;
  /** 1–64 characters. */
  readonly assembly: string;
  readonly to: string | null;
}

/** What a vote gave, as the closer counted it; every peer counts again. */
export const RESULTS = ['adopted', 'rejected', 'blocked', 'no-quorum', 'withdrawn'] as const;
export type Result = (typeof RESULTS)[number];

/** The closing of a vote: the ballots and proxies counted, and the result. */
export interface OutcomeEntry extends EntryBase {
  readonly type: 'outcome';
  readonly coop: string;
  /** Id of the proposal (revision) closed. */
  readonly proposal: string;
  /** Ids of the ballots counted (sorted, no repeats). */
  readonly ballots: readonly string[];
  /** Ids of the proxy entries taken into account (sorted, no repeats). */
  readonly proxies: readonly string[];
  readonly result: Result;
  /** The votes for each choice: counted ballots, each proxy adding one to its delegate's. */
  readonly counts: Readonly<Record<Choice, number>>;
}

/** A member takes up in their feed the credit limit a decision set; later pays obey it. */
export interface LimitEntry extends EntryBase {
  readonly type: 'limit';
  readonly coop: string;
  /** Id of the adopted outcome that set it. */
  readonly decision: string;
  /** The limit, as the decision set it for this member. */
  readonly limit: number;
}

/** Any well-formed entry of format v1. */
export type CoreEntry = GenesisEntry | InviteEntry | JoinEntry | PayEntry | AcceptEntry;

/** What a collective account is for. */
export const ACCOUNT_KINDS = ['project', 'service', 'fund', 'purchase'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** A collective account: its id is this entry's id; it spends with `threshold` of `stewards`. */
export interface AccountEntry extends EntryBase {
  readonly type: 'account';
  readonly coop: string;
  /** 1–80 characters. */
  readonly name: string;
  readonly kind: AccountKind;
  /** The circle it belongs to, or `federation`: 1–80 characters. */
  readonly scope: string;
  /** Sorted dids, 1–50, without repeats; the author must be one of them. */
  readonly stewards: readonly string[];
  /** How many stewards must approve a spend: 1 … stewards.length. */
  readonly threshold: number;
}

/** A member pays into a collective account (counted for the account at once: no accept). */
export interface ContributeEntry extends EntryBase {
  readonly type: 'contribute';
  readonly coop: string;
  /** The account's id. */
  readonly account: string;
  /** Minor units, 1 … 10^12. */
  readonly amount: number;
  /** 0–280 characters. */
  readonly memo: string;
  /** The author's running balance after this entry. */
  readonly balance: number;
}

/**
 * A payment from a collective account, in the account's own chain (`accountSeq`, `accountPrev`),
 * approved by `threshold` stewards' signatures (or by an adopted decision), written into any
 * member's feed (usually the last approver's).
 */
export interface SpendEntry extends EntryBase {
  readonly type: 'spend';
  readonly coop: string;
  readonly account: string;
  /** 1, 2, 3 … in the account's chain of spends. */
  readonly accountSeq: number;
  /** The account's spend at `accountSeq − 1`, or `null` for the first. */
  readonly accountPrev: string | null;
  /** A member's did:key, or another account's id. */
  readonly to: string;
  readonly amount: number;
  readonly memo: string;
  /**
   * Contributions and spends to this account (sorted ids) taken into its chain here for the
   * first time: what the account may spend is what its chain has taken in, minus what it spent.
   */
  readonly receipts: readonly string[];
  /** An adopted decision authorising exactly this spend, or `null`. */
  readonly decision: string | null;
  /**
   * The account's rules this spend follows: an adopted decision setting its stewards and
   * threshold (`accountRules`), or `null` for those of the account entry. Along the account's
   * chain it stays, or moves on to a decision that revokes the one before.
   */
  readonly rules: string | null;
  /** Stewards' signatures over the spend (see `spendApprovalMessage`), by did. */
  readonly approvals: Readonly<Record<string, string>>;
}

/** Any well-formed entry of the governance extension. */
export type GovernanceEntry = ProposalEntry | BallotEntry | ProxyEntry | OutcomeEntry | LimitEntry;

/** Any well-formed entry of the collective-accounts extension. */
export type AccountsEntry = AccountEntry | ContributeEntry | SpendEntry;

/** Any well-formed entry. */
export type Entry = CoreEntry | GovernanceEntry | AccountsEntry;

/** Prefix of the bytes a steward signs to approve a spend. */
export const SPEND_APPROVAL_PREFIX = 'integrale/v1/spend\n';

/** An entry before signing: everything but `sig` (distributed over the union of types). */
export type UnsignedEntry<E extends Entry = Entry> = E extends Entry ? Omit<E, 'sig'> : never;
