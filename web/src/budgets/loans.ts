import { loanMarker, loanOfMemo } from '@integrale/peer';
import type { AccountMovement } from './movements.js';

/*
 * The interest-free fund's loans, read from the ledger: a loan is a spend from a `fund` account
 * authorised by an adopted decision (acct/1 with `decision`); a repayment is money from the
 * borrower (a spend from the account lent to, or a contribution by the member lent to) back into
 * that fund whose memo ends with `[pret:<decision id>]` — the same
 * reading as the fund's own screen (packages/peer/src/fund.ts), so both show the same figures.
 * The fund lends without interest: whatever comes back beyond the amount lent is flagged, never
 * counted as income of the loan.
 */

export { loanMarker };

/** The decision a memo names as the loan it repays, or `null`. */
export const loanInMemo = loanOfMemo;

/** A loan of the fund and how it is being repaid. */
export interface Loan {
  /** The adopted decision that authorised it (the loan's name). */
  readonly decision: string;
  readonly fund: string;
  /** The borrower: a member's did:key or an account's id. */
  readonly to: string;
  /** The spend entries that paid it out (one, unless the fund's chain forked). */
  readonly spends: readonly string[];
  readonly lent: bigint;
  readonly repaid: bigint;
  /** lent − repaid, never below 0. */
  readonly outstanding: bigint;
  /** What came back beyond the amount lent (the fund charges no interest): flagged when > 0. */
  readonly overpaid: bigint;
  readonly repayments: readonly AccountMovement[];
}

/** Every loan of the given fund accounts, by decision, in the order the loans appear. */
export function fundLoans(
  funds: ReadonlySet<string>,
  movements: readonly AccountMovement[],
): Loan[] {
  const loans = new Map<string, { fund: string; to: string; spends: string[]; lent: bigint }>();
  for (const movement of movements) {
    if (!funds.has(movement.account) || movement.kind !== 'spend') continue;
    if (movement.direction !== 'out' || movement.decision === null) continue;
    const known = loans.get(movement.decision);
    if (known === undefined) {
      loans.set(movement.decision, {
        fund: movement.account,
        to: movement.counterparty,
        spends: [movement.id],
        lent: BigInt(movement.amount),
      });
    } else {
      known.spends.push(movement.id);
      known.lent += BigInt(movement.amount);
    }
  }
  const repayments = new Map<string, AccountMovement[]>();
  for (const movement of movements) {
    if (movement.direction !== 'in' || !funds.has(movement.account)) continue;
    const decision = loanInMemo(movement.memo);
    const loan = decision === null ? undefined : loans.get(decision);
    if (decision === null || loan === undefined || loan.fund !== movement.account) continue;
    // Only the borrower repays: a spend from the account lent to, or a contribution by the
    // member lent to (someone else's gift to the fund is not a repayment).
    if (movement.counterparty !== loan.to) continue;
    const list = repayments.get(decision) ?? [];
    list.push(movement);
    repayments.set(decision, list);
  }
  return [...loans].map(([decision, loan]) => {
    const back = repayments.get(decision) ?? [];
    const repaid = back.reduce((sum, movement) => sum + BigInt(movement.amount), 0n);
    const rest = loan.lent - repaid;
    return {
      decision,
      fund: loan.fund,
      to: loan.to,
      spends: loan.spends,
      lent: loan.lent,
      repaid,
      outstanding: rest > 0n ? rest : 0n,
      overpaid: rest < 0n ? -rest : 0n,
      repayments: back,
    };
  });
}
