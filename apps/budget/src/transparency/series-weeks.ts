import { weekEndingsOf } from '#serapan/service';

/**
 * The Fridays a fiscal year's weekly series runs over, `first` to `last`
 * (YYYY-MM-DD), or null when none has begun: the year's week endings
 * (`weekEndingsOf`), from the year's first Friday to the Friday ending the
 * current week (Jakarta), or, for a past year, the Friday ending the week of
 * 31 December, which has a report card of the old year too.
 */
export function seriesWeeks(fiscalYear: number, now: Date): { first: string; last: string } | null {
  const weeks = weekEndingsOf(fiscalYear, now);
  return weeks.length === 0 ? null : { first: weeks[0], last: weeks[weeks.length - 1] };
}
