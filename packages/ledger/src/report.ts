import type { AccountFork, AccountRow } from './accounts-report.js';
import type { InvalidReason, PendingReason } from './status.js';

/** One invalid or pending entry in a report. */
export interface ReportedEntry<R extends string> {
  readonly id: string;
  /** The author as given if it is a string, else `null`. */
  readonly author: string | null;
  /** The seq if it is an integer in the format's sense (whatever its sign), else `null`. */
  readonly seq: number | null;
  readonly reason: R;
}

/** Two or more entries (passing checks 1–3) by one author at one seq. */
export interface ReportedFork {
  readonly author: string;
  readonly seq: number;
  /** Every such id, sorted. */
  readonly ids: readonly string[];
}

/** An account whose balance is below −creditLimit (possible only through a fork). */
export interface OverLimitAccount {
  readonly account: string;
  readonly balance: number;
}

/**
 * The verification report of spec section 4, field for field and in the same order; `verify
 * --json` prints exactly this. Lists are sorted as the spec says.
 */
export interface VerificationReport {
  readonly coop: string;
  /** Distinct entries held (by id). */
  readonly entries: number;
  readonly valid: number;
  readonly invalid: readonly ReportedEntry<InvalidReason>[];
  readonly pending: readonly ReportedEntry<PendingReason>[];
  readonly forks: readonly ReportedFork[];
  readonly members: readonly string[];
  /** Every member's balance in minor units (0 included), keys sorted. */
  readonly balances: Readonly<Record<string, number>>;
  /** Valid pays no valid accept has received yet, sorted. */
  readonly unaccepted: readonly string[];
  readonly overLimit: readonly OverLimitAccount[];
  /**
   * Governance extension, present only when the ledger holds its entries: every valid outcome
   * (sorted by id) and every member's credit limit with the decision that set it.
   */
  readonly decisions?: readonly DecisionRow[];
  readonly limits?: Readonly<
    Record<string, { readonly limit: number; readonly decision: string | null }>
  >;
  /**
   * Collective-accounts extension, present only when the ledger holds its entries: every valid
   * account by id (keys sorted), and the forks of accounts' chains of spends.
   */
  readonly accounts?: Readonly<Record<string, AccountRow>>;
  readonly accountForks?: readonly AccountFork[];
}

/** A closed vote, as the report lists it. */
export interface DecisionRow {
  /** The outcome's id. */
  readonly id: string;
  readonly proposal: string;
  /** Who closed the vote. */
  readonly author: string;
  /** The closer's clock (informative). */
  readonly ts: string;
  readonly scope: string;
  readonly title: string;
  readonly method: string;
  readonly result: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly effects: Readonly<Record<string, unknown>>;
  /** Adopted decisions that revoke this one, sorted. */
  readonly revokedBy: readonly string[];
  /** Ballots on time for this revision that the closer did not count, sorted (a contest). */
  readonly uncounted: readonly string[];
  /** Voters with two different ballots at one seq (a forked feed): counted as not voting. */
  readonly conflicts: readonly {
    readonly voter: string;
    readonly seq: number;
    readonly ids: readonly string[];
  }[];
}

/** Sorts by UTF-16 code units, as the spec asks (plain byte order for ASCII ids and dids). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
