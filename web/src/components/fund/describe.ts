import type { EconomyProblem } from '../../app/runtime-services.js';
import type { Translator } from '../../i18n/translator.js';

/** The sentence for a refused action of the economy screens (services, fund, purchases). */
export function describeEconomyProblem(
  i18n: Pick<Translator, 't'>,
  reason: EconomyProblem,
): string {
  return i18n.t(`services.problem.${reason}`);
}

/** A calendar date (`YYYY-MM-DD`) or a timestamp, written for reading (UTC, no time). */
export function formatDay(value: string, locale: string): string {
  const date = new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The ledger timestamp of the end of a calendar day (UTC), from a date input's value. */
export function endOfDay(day: string): string | null {
  return /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(day) ? `${day}T23:59:59.000Z` : null;
}
