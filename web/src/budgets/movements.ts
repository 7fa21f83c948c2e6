/*
 * A collective account's movements as the budgets, the dashboard and the loans read them: only
 * what this device holds as valid in the signed ledger (contributions to the account, spends
 * from it and to it). Amounts are integer minor units; sums are made with BigInt.
 */

/** One valid movement of a collective account. */
export interface AccountMovement {
  /** Id of the signed entry (a `contribute` or a `spend`). */
  readonly id: string;
  /** The collective account it moves. */
  readonly account: string;
  readonly kind: 'contribution' | 'spend';
  /** Money coming into the account, or leaving it. */
  readonly direction: 'in' | 'out';
  /**
   * The other side: the contributing member (contribution), the payee — a member's did:key or
   * an account's id (spend out), or the paying account's id (spend in).
   */
  readonly counterparty: string;
  /** Minor units, positive. */
  readonly amount: number;
  readonly memo: string;
  /** The author's clock (informative). */
  readonly ts: string;
  /** For a spend: the adopted decision that authorised it, or `null`. */
  readonly decision: string | null;
  /** Who signed the entry into their feed. */
  readonly author: string;
}

/** An amount moved with its sign for the account (+ in, − out), as BigInt. */
export function signedAmount(movement: AccountMovement): bigint {
  return movement.direction === 'in' ? BigInt(movement.amount) : -BigInt(movement.amount);
}

/** Newest first (by the authors' clocks), then by id, so two devices list alike. */
export function newestFirst(a: AccountMovement, b: AccountMovement): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
