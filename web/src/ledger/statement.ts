/*
 * A member's statement for a period: their own movements (payments they made, payments they
 * received and accepted) with the running balance, and the balance before and after. Amounts are
 * integer minor units; the sums are BigInt, so no total ever passes through floating point, however
 * many movements there are. Days are UTC days of the entries' timestamps, the same on every device.
 */

/** One movement of a member's account. */
export interface Movement {
  /** The entry that moved the money: the pay (money out) or the accept (money in). */
  readonly id: string;
  /** The signer's clock (`YYYY-MM-DDTHH:MM:SS.mmmZ`). */
  readonly ts: string;
  /** Signed minor units: negative for a payment made, positive for one received. */
  readonly amount: number;
  /** did:key of the other member. */
  readonly counterparty: string;
  /** The payment's memo (the payer's words: untrusted text). */
  readonly memo: string;
}

/** A period of whole UTC days, both ends included, as `YYYY-MM-DD`. */
export interface StatementPeriod {
  readonly from: string;
  readonly to: string;
}

/** A movement of the period with the balance right after it. */
export interface StatementLine extends Movement {
  readonly balance: bigint;
}

/** The statement of one period. */
export interface Statement {
  readonly period: StatementPeriod;
  /** The balance at the start of `from` (every earlier movement). */
  readonly opening: bigint;
  /** The movements of the period, oldest first. */
  readonly lines: readonly StatementLine[];
  /** Sum of the period's positive movements. */
  readonly credits: bigint;
  /** Sum of the period's negative movements (a negative number, or 0). */
  readonly debits: bigint;
  /** The balance at the end of `to`: opening + credits + debits. */
  readonly closing: bigint;
}

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (what `<input type=date>` gives). */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Why a period cannot be read. */
export type PeriodProblem = 'invalid-from' | 'invalid-to' | 'reversed';

/** Reads a period typed in two date fields. */
export function readPeriod(
  from: string,
  to: string,
):
  | { readonly ok: true; readonly period: StatementPeriod }
  | {
      readonly ok: false;
      readonly reason: PeriodProblem;
    } {
  if (!isIsoDate(from)) return { ok: false, reason: 'invalid-from' };
  if (!isIsoDate(to)) return { ok: false, reason: 'invalid-to' };
  if (to < from) return { ok: false, reason: 'reversed' };
  return { ok: true, period: { from, to } };
}

/** Movements in the order they count: by timestamp, then by id (the same on every device). */
export function sortMovements(movements: readonly Movement[]): Movement[] {
  return [...movements].sort((a, b) =>
    a.ts !== b.ts ? (a.ts < b.ts ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** The statement of `period` from all of a member's movements (in any order). */
export function buildStatement(movements: readonly Movement[], period: StatementPeriod): Statement {
  let opening = 0n;
  let credits = 0n;
  let debits = 0n;
  const lines: StatementLine[] = [];
  for (const movement of sortMovements(movements)) {
    const day = movement.ts.slice(0, 10);
    const amount = BigInt(movement.amount);
    if (day < period.from) {
      opening += amount;
    } else if (day <= period.to) {
      if (amount > 0n) credits += amount;
      else debits += amount;
      lines.push({ ...movement, balance: opening + credits + debits });
    }
  }
  return { period, opening, lines, credits, debits, closing: opening + credits + debits };
}
