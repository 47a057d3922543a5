import { jakartaDate } from '#serapan/service';

const DAY_MS = 86_400_000;

/** The Friday (YYYY-MM-DD) ending the Saturday-to-Friday week that holds `day` (YYYY-MM-DD). */
export function fridayEnding(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return new Date(date.getTime() + ((5 - date.getUTCDay() + 7) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The Fridays a fiscal year's weekly series runs over, `first` to `last`
 * (YYYY-MM-DD), or null when none has begun. It starts at the year's first
 * Friday and ends at the Friday ending the current week (Jakarta), or, for a
 * past year, at the Friday ending the week of 31 December: that week has a
 * report card of the old year too (fiscalYearsOf in libs/service/src/jakarta-week.ts).
 */
export function seriesWeeks(fiscalYear: number, now: Date): { first: string; last: string } | null {
  const first = fridayEnding(`${fiscalYear}-01-01`);
  const yearEnd = fridayEnding(`${fiscalYear}-12-31`);
  const current = fridayEnding(jakartaDate(now));
  const last = current < yearEnd ? current : yearEnd;
  return last < first ? null : { first, last };
}
