/** Why an entry is invalid (spec section 3, in the order the checks apply). */
export type InvalidReason =
  | 'malformed'
  | 'wrong-coop'
  | 'bad-signature'
  | 'bad-prev'
  | 'invalid-prev'
  | 'bad-reference'
  | 'bad-proof'
  | 'invite-used'
  | 'self-pay'
  | 'bad-balance'
  | 'over-limit'
  | 'not-payee'
  | 'double-accept'
  // Governance extension (docs/protocol-governance.md):
  /** An outcome whose result or counts are not what counting its ballots gives. */
  | 'bad-outcome'
  /** Only the proposer may withdraw a proposal or close an advice process. */
  | 'not-proposer'
  /** A `limit` entry citing a decision that was not adopted. */
  | 'not-adopted'
  /** A `limit` entry whose limit is not the one the decision set for its author. */
  | 'bad-limit'
  // Collective-accounts extension (docs/protocol-accounts.md):
  /** An account whose author is not among its stewards. */
  | 'not-steward'
  /** A spend without the approval of enough stewards, or of a decision authorising it. */
  | 'not-approved'
  /** A spend whose `accountPrev` is not the account's spend at `accountSeq − 1`. */
  | 'bad-account-prev'
  /** A spend taking into its account a receipt an earlier spend of its chain already took. */
  | 'double-receipt'
  /** A spend that would take its account below zero. */
  | 'overdrawn'
  /** A spend whose account rules are not the chain's, nor a decision revoking them. */
  | 'bad-rules';

/** What a pending entry waits for: something not held yet (or a cycle, for `missing-member`). */
export type PendingReason =
  | 'missing-prev'
  | 'missing-invite'
  | 'missing-pay'
  | 'missing-member'
  /** Governance extension: a proposal, ballot, proxy or decision an entry names is not held. */
  | 'missing-reference';

/** Every invalid reason, for exhaustive tables (translations, tests). */
export const INVALID_REASONS: readonly InvalidReason[] = [
  'malformed',
  'wrong-coop',
  'bad-signature',
  'bad-prev',
  'invalid-prev',
  'bad-reference',
  'bad-proof',
  'invite-used',
  'self-pay',
  'bad-balance',
  'over-limit',
  'not-payee',
  'double-accept',
  'bad-outcome',
  'not-proposer',
  'not-adopted',
  'bad-limit',
  'not-steward',
  'not-approved',
  'bad-account-prev',
  'double-receipt',
  'overdrawn',
  'bad-rules',
];

/** Every pending reason. */
export const PENDING_REASONS: readonly PendingReason[] = [
  'missing-prev',
  'missing-invite',
  'missing-pay',
  'missing-member',
  'missing-reference',
];

/** The verdict on one entry, given the set of entries held. */
export type EntryStatus =
  | {
      readonly state: 'valid';
      /** The author's running balance after this entry. */ readonly balance: number;
    }
  | { readonly state: 'invalid'; readonly reason: InvalidReason }
  | { readonly state: 'pending'; readonly reason: PendingReason };
