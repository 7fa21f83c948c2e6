/*
 * "il y a 5 s", "il y a 3 min": how long ago something happened, in the member's language, with
 * `Intl.RelativeTimeFormat`. Pure: the time now is passed in.
 */

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', Number.POSITIVE_INFINITY],
];

/**
 * How long before `now` the moment `then` was (both ms since 1970), in `locale`: seconds under a
 * minute, minutes under an hour, hours under a day, then days. A moment in the future (another
 * tab's clock, a clock set back) reads as now.
 */
export function formatTimeAgo(then: number, now: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  let value = Math.max(0, Math.floor((now - then) / 1000));
  for (const [unit, size] of UNITS) {
    if (value < size) return format.format(-value, unit);
    value = Math.floor(value / size);
  }
  return format.format(-value, 'day');
}
