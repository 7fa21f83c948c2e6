import type { AssemblyView } from '../app/runtime-assemblies.js';

/*
 * The assemblies list and its month calendar: pure functions of the assemblies and the clock, in
 * the member's time zone (passed in, so tests are exact).
 */

/** A day cell of the month grid. */
export interface CalendarDay {
  /** YYYY-MM-DD in the time zone. */
  readonly date: string;
  /** Day of the month. */
  readonly day: number;
  /** Whether it belongs to the month shown (the grid pads weeks with the neighbours' days). */
  readonly inMonth: boolean;
  readonly assemblies: readonly AssemblyView[];
}

/** A month: YYYY and 1–12. */
export interface Month {
  readonly year: number;
  readonly month: number;
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The month an instant falls in, in a time zone. */
export function monthOf(ms: number, timeZone: string): Month {
  const [year, month] = localDate(new Date(ms).toISOString(), timeZone).split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1 };
}

/** The month after (`+1`) or before (`-1`). */
export function shiftMonth(month: Month, by: number): Month {
  const index = month.year * 12 + (month.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The weeks (Monday first, as in France) covering a month, each day with the assemblies that
 * start on it in the time zone.
 */
export function monthGrid(
  month: Month,
  assemblies: readonly AssemblyView[],
  timeZone: string,
): CalendarDay[][] {
  const byDate = new Map<string, AssemblyView[]>();
  for (const assembly of assemblies) {
    const date = localDate(assembly.startsAt, timeZone);
    byDate.set(date, [...(byDate.get(date) ?? []), assembly]);
  }
  const first = new Date(Date.UTC(month.year, month.month - 1, 1));
  const offset = (first.getUTCDay() + 6) % 7; // days since Monday
  const daysInMonth = new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();
  const cells = Math.ceil((offset + daysInMonth) / 7) * 7;
  const weeks: CalendarDay[][] = [];
  for (let cell = 0; cell < cells; cell++) {
    const date = new Date(Date.UTC(month.year, month.month - 1, 1 + cell - offset));
    const key = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    if (cell % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1]!.push({
      date: key,
      day: date.getUTCDate(),
      inMonth: date.getUTCMonth() === month.month - 1,
      assemblies: byDate.get(key) ?? [],
    });
  }
  return weeks;
}

/** How long an assembly is taken to last after it starts, to still count as "now". */
const RUNNING_MS = 6 * 60 * 60 * 1000;

/** Assemblies to come (soonest first, those running now included) and past ones (latest first). */
export function splitByTime(
  assemblies: readonly AssemblyView[],
  now: number,
): { upcoming: AssemblyView[]; past: AssemblyView[] } {
  const upcoming: AssemblyView[] = [];
  const past: AssemblyView[] = [];
  for (const assembly of assemblies) {
    if (Date.parse(assembly.startsAt) + RUNNING_MS >= now) upcoming.push(assembly);
    else past.push(assembly);
  }
  upcoming.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  past.sort((a, b) => (a.startsAt < b.startsAt ? 1 : a.startsAt > b.startsAt ? -1 : 0));
  return { upcoming, past };
}
