import { JAKARTA_OFFSET_MS, jakartaDate } from './jakarta-time.js';

const DAY_MS = 86_400_000;

/** The instant a week ending on Friday `weekEnding` (YYYY-MM-DD) is cut: Saturday 00:00 in Jakarta. */
export function cutoffOf(weekEnding: string): Date {
  return new Date(Date.parse(`${weekEnding}T00:00:00+07:00`) + DAY_MS);
}

/** Whether `date` (YYYY-MM-DD) is a Friday: a week's end. */
export function isFriday(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T12:00:00Z`).getUTCDay() === 5;
}

/** The latest Friday whose week has been cut by `now`. */
export function lastClosedFriday(now: Date): string {
  const local = new Date(now.getTime() + JAKARTA_OFFSET_MS);
  const daysSinceFriday = (local.getUTCDay() + 7 - 5) % 7 || 7;
  const friday = new Date(local.getTime() - daysSinceFriday * DAY_MS);
  return friday.toISOString().slice(0, 10);
}

/**
 * The fiscal years (calendar years, Jakarta days) of the seven days Saturday to
 * Friday of the week ending `weekEnding`: one, or two for the week that spans
 * 31 December / 1 January, whose first days close the old year.
 */
export function fiscalYearsOf(weekEnding: string): number[] {
  const friday = Date.parse(`${weekEnding}T00:00:00Z`);
  const saturdayYear = new Date(friday - 6 * DAY_MS).getUTCFullYear();
  const fridayYear = new Date(friday).getUTCFullYear();
  return saturdayYear === fridayYear ? [fridayYear] : [saturdayYear, fridayYear];
}

/** The Friday ending the week (Saturday to Friday) of the Jakarta date `date` (YYYY-MM-DD): the day itself on a Friday. */
export function weekEndingOf(date: string): string {
  const day = Date.parse(`${date}T00:00:00Z`);
  const daysToFriday = (5 - new Date(day).getUTCDay() + 7) % 7;
  return new Date(day + daysToFriday * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The week endings of `fiscalYear` up to the week of `now` (Jakarta): every
 * Friday from the one ending the week of 1 January to the one ending the week
 * of 31 December or of today, whichever is earlier. None for a year not begun.
 */
export function weekEndingsOf(fiscalYear: number, now: Date): string[] {
  const last = [weekEndingOf(`${fiscalYear}-12-31`), weekEndingOf(jakartaDate(now))].sort()[0];
  const weeks: string[] = [];
  for (
    let friday = weekEndingOf(`${fiscalYear}-01-01`);
    friday <= last;
    friday = new Date(Date.parse(`${friday}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10)
  )
    weeks.push(friday);
  return weeks;
}
