import { MAX_AMOUNT, type Ledger, type ProposalEntry, type Result } from '@integrale/ledger';

/*
 * The interest-free fund (caisse de financement sans intérêts). Members contribute to its
 * account (acct/1 `contribute`). A loan is a proposal whose `effects.spend` takes the amount from
 * the fund to a project's account, and whose text ends with its repayment schedule
 * `[echeancier:YYYY-MM-DD=amount;…]` — so the schedule is signed and voted on with the loan. A
 * schedule whose instalments do not add up EXACTLY to the amount lent is no loan: there is never
 * any interest. Once adopted, any member (a fund steward, in the app) writes the spend citing the
 * decision; the ledger checks it matches the decision exactly. Repayments are spends from the
 * project's account back to the fund whose memo ends with `[pret:<outcome id>]`. Everything here
 * is read from the verified ledger.
 */

/** Most instalments in a schedule (ten years, monthly). */
export const MAX_INSTALMENTS = 120;

/** One instalment: when and how much (minor units). */
export interface Instalment {
  /** A calendar date, `YYYY-MM-DD`. */
  readonly due: string;
  readonly amount: number;
}

/** Why a schedule is refused. */
export type ScheduleProblem =
  | 'no-instalment'
  | 'too-many-instalments'
  | 'invalid-date'
  | 'dates-not-increasing'
  | 'invalid-amount'
  | 'sum-not-amount';

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 2000 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/**
 * Checks a schedule (untrusted: from a form, another tab or a proposal's text) against the amount
 * lent: 1 … {@link MAX_INSTALMENTS} instalments, strictly later dates, each a whole positive
 * amount, adding up to exactly `amount`. Never throws.
 */
export function scheduleProblem(schedule: unknown, amount: number): ScheduleProblem | null {
  if (!Array.isArray(schedule) || schedule.length === 0) return 'no-instalment';
  if (schedule.length > MAX_INSTALMENTS) return 'too-many-instalments';
  let sum = 0;
  let previous = '';
  for (const instalment of schedule as unknown[]) {
    if (typeof instalment !== 'object' || instalment === null) return 'invalid-amount';
    const { due, amount: part } = instalment as Record<string, unknown>;
    if (!isCalendarDate(due)) return 'invalid-date';
    if (due <= previous) return 'dates-not-increasing';
    previous = due;
    if (typeof part !== 'number' || !Number.isSafeInteger(part) || part < 1 || part > MAX_AMOUNT)
      return 'invalid-amount';
    sum += part; // at most 120 × 10^12: exact in a double
  }
  return sum === amount ? null : 'sum-not-amount';
}

const SCHEDULE_AT_END = /\s*\[echeancier:([0-9=;-]{1,4000})\]\s*$/;

/** The schedule's marker, as a loan proposal's text ends with it. */
export function scheduleMarker(schedule: readonly Instalment[]): string {
  return `[echeancier:${schedule.map((i) => `${i.due}=${i.amount}`).join(';')}]`;
}

/** A loan proposal's text: the member's words, then the schedule's marker. */
export function loanText(text: string, schedule: readonly Instalment[]): string {
  const words = text.trim();
  return words === '' ? scheduleMarker(schedule) : `${words}\n\n${scheduleMarker(schedule)}`;
}

/** The schedule a proposal's text ends with and the text before it, or `null`. */
export function scheduleOfText(
  text: string,
): { readonly schedule: Instalment[]; readonly text: string } | null {
  const match = SCHEDULE_AT_END.exec(text);
  if (match === null) return null;
  const schedule: Instalment[] = [];
  for (const part of match[1]!.split(';')) {
    const [due, amount, extra] = part.split('=');
    if (extra !== undefined || due === undefined || amount === undefined) return null;
    if (!/^[0-9]{1,13}$/.test(amount)) return null;
    schedule.push({ due, amount: Number(amount) });
    if (schedule.length > MAX_INSTALMENTS) return null;
  }
  return { schedule, text: text.slice(0, match.index).trim() };
}

/** The marker a repayment's memo ends with: the decision that granted the loan. */
export function loanMarker(outcome: string): string {
  return `[pret:${outcome}]`;
}

const LOAN_MARKER_AT_END = /\[pret:([0-9a-f]{64})\]$/;

/** The decision a memo names at its end, or `null`. */
export function loanOfMemo(memo: string): string | null {
  return LOAN_MARKER_AT_END.exec(memo)?.[1] ?? null;
}

/** A repayment (a valid spend or contribution from the borrower back to the fund, naming the loan). */
export interface Repayment {
  readonly entry: string;
  readonly amount: number;
  readonly ts: string;
}

/** A loan as every device reads it from its verified ledger. */
export interface LoanView {
  /** The proposal's id. */
  readonly proposal: string;
  readonly proposer: string;
  readonly title: string;
  /** The proposal's words (without the schedule). */
  readonly text: string;
  readonly ts: string;
  readonly closes: string;
  readonly fund: string;
  /** The project account lent to. */
  readonly to: string;
  readonly amount: number;
  readonly schedule: readonly Instalment[];
  /** The valid outcome (the earliest, should two be recorded), or `null` while open. */
  readonly outcome: string | null;
  readonly result: Result | null;
  /** The valid spend paying the loan out, once written. */
  readonly payout: string | null;
  /** Valid repayments, oldest first (each entry once). */
  readonly repayments: readonly Repayment[];
}

const byTs = <T extends { readonly ts: string; readonly id: string }>(a: T, b: T): number =>
  a.ts !== b.ts ? (a.ts < b.ts ? -1 : 1) : a.id < b.id ? -1 : 1;

/** Whether a proposal is a loan from `fund`: a spend effect from it and an exact schedule. */
export function loanOf(
  proposal: ProposalEntry,
  fund: string,
): { schedule: Instalment[]; text: string } | null {
  const spend = proposal.effects.spend;
  if (spend === undefined || spend.account !== fund) return null;
  const parsed = scheduleOfText(proposal.text);
  if (parsed === null || scheduleProblem(parsed.schedule, spend.amount) !== null) return null;
  return parsed;
}

/** Every loan proposal from the fund account `fund`, newest first, with its state. */
export function fundLoans(ledger: Ledger, fund: string): LoanView[] {
  const outcomes = new Map<string, { id: string; ts: string; result: Result }>();
  for (const { id, entry } of ledger.validGovernance('outcome')) {
    const known = outcomes.get(entry.proposal);
    const candidate = { id, ts: entry.ts, result: entry.result };
    if (known === undefined || byTs(candidate, known) < 0) outcomes.set(entry.proposal, candidate);
  }
  const payouts = new Map<string, string>();
  const repayments = new Map<string, (Repayment & { readonly from: string })[]>();
  for (const { id, entry } of ledger.validGovernance('spend')) {
    if (entry.account === fund && entry.decision !== null) {
      const known = payouts.get(entry.decision);
      if (known === undefined || id < known) payouts.set(entry.decision, id);
    }
    if (entry.to !== fund) continue;
    const loan = loanOfMemo(entry.memo);
    if (loan === null) continue;
    const list = repayments.get(loan) ?? [];
    list.push({ entry: id, amount: entry.amount, ts: entry.ts, from: entry.account });
    repayments.set(loan, list);
  }
  // A member lent to directly repays with contributions naming the loan.
  for (const { id, entry } of ledger.validGovernance('contribute')) {
    if (entry.account !== fund) continue;
    const loan = loanOfMemo(entry.memo);
    if (loan === null) continue;
    const list = repayments.get(loan) ?? [];
    list.push({ entry: id, amount: entry.amount, ts: entry.ts, from: entry.author });
    repayments.set(loan, list);
  }
  const out: LoanView[] = [];
  for (const { id, entry } of ledger.validGovernance('proposal')) {
    const loan = loanOf(entry, fund);
    if (loan === null) continue;
    const spend = entry.effects.spend!;
    const outcome = outcomes.get(id) ?? null;
    const adopted = outcome?.result === 'adopted' ? outcome.id : null;
    out.push({
      proposal: id,
      proposer: entry.author,
      title: entry.title,
      text: loan.text,
      ts: entry.ts,
      closes: entry.closes,
      fund,
      to: spend.to,
      amount: spend.amount,
      schedule: loan.schedule,
      outcome: outcome?.id ?? null,
      result: outcome?.result ?? null,
      payout: adopted === null ? null : (payouts.get(adopted) ?? null),
      // Only the borrower's money counts as a repayment: a spend from the account lent to, or
      // a contribution by the member lent to.
      repayments:
        adopted === null
          ? []
          : (repayments.get(adopted) ?? [])
              .filter(({ from }) => from === spend.to)
              .map(({ entry: spendId, amount, ts }) => ({ entry: spendId, amount, ts }))
              .sort((a, b) => byTs({ ...a, id: a.entry }, { ...b, id: b.entry })),
    });
  }
  return out.sort((a, b) => -byTs({ ...a, id: a.proposal }, { ...b, id: b.proposal }));
}

/** Valid contributions to an account, oldest first (who gave what). */
export function contributionsTo(
  ledger: Ledger,
  account: string,
): {
  readonly entry: string;
  readonly from: string;
  readonly amount: number;
  readonly memo: string;
  readonly ts: string;
}[] {
  return ledger
    .validGovernance('contribute')
    .filter(({ entry }) => entry.account === account)
    .map(({ id, entry }) => ({
      entry: id,
      from: entry.author,
      amount: entry.amount,
      memo: entry.memo,
      ts: entry.ts,
    }))
    .sort((a, b) => byTs({ ...a, id: a.entry }, { ...b, id: b.entry }));
}
