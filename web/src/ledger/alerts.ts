import type { VerificationReport } from '@integrale/ledger';

/*
 * What every member must see about the ledger's integrity: a fork is signed proof that a member
 * wrote two histories at one position (a double spend, or one key used on two devices without
 * syncing); an account over its credit limit can only come from such a fork. Both come from the
 * verification report this device computed itself.
 */

/** One alert. */
export type LedgerAlert =
  | {
      readonly kind: 'fork';
      readonly author: string;
      readonly seq: number;
      /** The competing entries' ids, sorted. */
      readonly ids: readonly string[];
    }
  | { readonly kind: 'over-limit'; readonly account: string; readonly balance: number };

/** The alerts of a report: forks (by author then seq), then accounts over the limit. */
export function ledgerAlerts(
  report: Pick<VerificationReport, 'forks' | 'overLimit'>,
): LedgerAlert[] {
  return [
    ...report.forks.map((fork) => ({
      kind: 'fork' as const,
      author: fork.author,
      seq: fork.seq,
      ids: [...fork.ids],
    })),
    ...report.overLimit.map((over) => ({
      kind: 'over-limit' as const,
      account: over.account,
      balance: over.balance,
    })),
  ];
}
