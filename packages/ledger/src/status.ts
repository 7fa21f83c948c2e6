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
  | 'double-accept';

/** What a pending entry waits for: something not held yet (or a cycle, for `missing-member`). */
export type PendingReason = 'missing-prev' | 'missing-invite' | 'missing-pay' | 'missing-member';

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
];

/** Every pending reason. */
export const PENDING_REASONS: readonly PendingReason[] = [
  'missing-prev',
  'missing-invite',
  'missing-pay',
  'missing-member',
];

/** The verdict on one entry, given the set of entries held. */
export type EntryStatus =
  | {
      readonly state: 'valid';
      /** The author's running balance after this entry. */ readonly balance: number;
    }
  | { readonly state: 'invalid'; readonly reason: InvalidReason }
  | { readonly state: 'pending'; readonly reason: PendingReason };
