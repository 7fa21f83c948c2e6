/*
 * A loan's repayment schedule as the fund's screens show it: which instalments are paid, late or
 * still to come, computed purely from the schedule the assembly adopted and the repayments the
 * ledger holds. Amounts are integer minor units. Invariants (property-tested): a repayment counts
 * once however often it is listed; nothing shown as owed ever exceeds the amount lent; once the
 * repayments reach the amount lent, every instalment is paid.
 */

/** One instalment of an adopted schedule. */
export interface ScheduledInstalment {
  /** `YYYY-MM-DD`. */
  readonly due: string;
  /** Minor units, ≥ 1. */
  readonly amount: number;
}

/** A repayment read from the ledger (a spend back to the fund naming the loan). */
export interface RepaymentLike {
  /** The entry's id: the same entry listed twice counts once. */
  readonly entry: string;
  readonly amount: number;
}

/** `paid`: the repayments cover it; `late`: its date passed and they do not; `due`: to come. */
export type InstalmentState = 'paid' | 'late' | 'due';

/** An instalment and where it stands. */
export interface InstalmentView extends ScheduledInstalment {
  readonly state: InstalmentState;
  /** What is still owed on this instalment, 0 … amount. */
  readonly outstanding: number;
}

/** A schedule and where it stands. */
export interface ScheduleStanding {
  readonly instalments: readonly InstalmentView[];
  /** Repaid so far (each repayment once). */
  readonly repaid: number;
  /** Still owed: 0 … the amount lent. */
  readonly remaining: number;
  /** The amount lent: the sum of the instalments. */
  readonly lent: number;
}

/** The total of distinct repayments (by entry id), ignoring anything not a positive integer. */
export function repaidTotal(repayments: readonly RepaymentLike[]): number {
  const seen = new Set<string>();
  let total = 0;
  for (const { entry, amount } of repayments) {
    if (seen.has(entry) || !Number.isSafeInteger(amount) || amount < 1) continue;
    seen.add(entry);
    total += amount;
  }
  return total;
}

/**
 * Where each instalment stands on `today` (`YYYY-MM-DD`): an instalment is paid when the
 * repayments reach everything due up to and including it; otherwise late once its date has
 * passed, else due.
 */
export function scheduleStanding(
  schedule: readonly ScheduledInstalment[],
  repayments: readonly RepaymentLike[],
  today: string,
): ScheduleStanding {
  const repaid = repaidTotal(repayments);
  let cumulative = 0;
  const instalments = schedule.map((instalment): InstalmentView => {
    const before = cumulative;
    cumulative += instalment.amount;
    const covered = Math.min(instalment.amount, Math.max(0, repaid - before));
    const state: InstalmentState =
      repaid >= cumulative ? 'paid' : instalment.due < today ? 'late' : 'due';
    return { ...instalment, state, outstanding: instalment.amount - covered };
  });
  return { instalments, repaid, remaining: Math.max(0, cumulative - repaid), lent: cumulative };
}

function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(day, lastDay);
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * `count` monthly instalments from `first` (`YYYY-MM-DD`) adding up exactly to `amount`: equal
 * parts, the remainder spread one unit at a time over the first ones. `null` when impossible
 * (fewer units than instalments, or not whole numbers).
 */
export function equalSchedule(
  amount: number,
  count: number,
  first: string,
): ScheduledInstalment[] | null {
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(count)) return null;
  if (count < 1 || amount < count || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(first)) return null;
  const base = Math.floor(amount / count);
  const extra = amount - base * count;
  return Array.from({ length: count }, (_, i) => ({
    due: addMonths(first, i),
    amount: base + (i < extra ? 1 : 0),
  }));
}
