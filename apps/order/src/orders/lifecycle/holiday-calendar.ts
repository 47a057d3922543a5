import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from '#serapan/telemetry';

/** The calendar files that ship with the project: apps/order/holidays, found from dist/apps/order/src/orders/lifecycle. */
export const SHIPPED_HOLIDAYS_DIR = fileURLToPath(new URL('../../../../../../apps/order/holidays/', import.meta.url));

/** A day off besides the weekend: a national holiday (hari libur nasional) or a joint leave day (cuti bersama). */
export interface DayOff {
  /** YYYY-MM-DD, a calendar day in Jakarta. */
  date: string;
  kind: 'holiday' | 'cuti-bersama';
  name: string;
}

/** One `<year>.json` file, as docs/domain.md ("Holiday calendar") describes it. */
export interface CalendarYear {
  year: number;
  /** `final` once the year's SKB 3 Menteri is in the file; `provisional` while only part of it is known. */
  status: 'final' | 'provisional';
  /** The decree the days come from. */
  source: { decree: string; note?: string };
  days: DayOff[];
}

/** Thrown at boot for a calendar file that cannot be used; the message names the file. */
export class HolidayCalendarError extends Error {}

/**
 * The days off of the years it has files for. A year without a file counts
 * weekends only: the deadline is then a little shorter than the rule means,
 * never longer, and the gap is logged once per year (docs/domain.md).
 */
export class HolidayCalendar {
  private readonly log = log.child({ context: HolidayCalendar.name });
  private readonly daysOff: Map<string, DayOff>;
  private readonly years: Map<number, CalendarYear>;
  private readonly warned = new Set<number>();

  constructor(years: readonly CalendarYear[]) {
    this.years = new Map(years.map((y) => [y.year, y]));
    this.daysOff = new Map(years.flatMap((y) => y.days.map((d) => [d.date, d])));
  }

  /** A calendar of weekends only (no files). */
  static weekendsOnly(): HolidayCalendar {
    return new HolidayCalendar([]);
  }

  /** The years with a file, each with its status. */
  coverage(): { year: number; status: CalendarYear['status'] }[] {
    return [...this.years.values()].map(({ year, status }) => ({ year, status })).sort((a, b) => a.year - b.year);
  }

  /** Whether the Jakarta calendar day `date` (YYYY-MM-DD) is a holiday or cuti bersama. */
  dayOff(date: string): DayOff | undefined {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year) && !this.warned.has(year)) {
      this.warned.add(year);
      this.log.warn({ year }, `no holiday calendar for ${year}: its deadlines skip weekends only; add ${year}.json (docs/domain.md, "Holiday calendar")`);
    }
    return this.daysOff.get(date);
  }
}

/**
 * Reads every `<year>.json` in `dir` into a calendar, refusing the whole
 * directory at the first malformed file with an error naming it.
 */
export function loadHolidayCalendar(dir: string): HolidayCalendar {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    throw new HolidayCalendarError(`holiday calendar directory ${dir} cannot be read: ${(error as Error).message}`);
  }
  const years = names.sort().map((name) => parseCalendarYear(join(dir, name), readFileSync(join(dir, name), 'utf8')));
  const calendar = new HolidayCalendar(years);
  const covered = calendar.coverage().map((y) => `${y.year} (${y.status})`);
  log.child({ context: HolidayCalendar.name }).info({ dir }, `holiday calendar: ${covered.join(', ') || 'no years'}; other years count weekends only`);
  return calendar;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KINDS = new Set(['holiday', 'cuti-bersama']);

/** Parses and checks one calendar file; `file` is its path, named in every error. */
export function parseCalendarYear(file: string, text: string): CalendarYear {
  const fail = (problem: string) => new HolidayCalendarError(`holiday calendar file ${file}: ${problem}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw fail(`not JSON (${(error as Error).message})`);
  }
  if (!isRecord(raw)) throw fail('must be an object with year, status, source and days');
  const fileYear = /(?:^|\/)(\d{4})\.json$/.exec(file)?.[1];
  if (!fileYear) throw fail('must be named <year>.json, e.g. 2026.json');
  if (raw.year !== Number(fileYear)) throw fail(`year must be ${fileYear}, as the file name says`);
  if (raw.status !== 'final' && raw.status !== 'provisional') throw fail('status must be "final" or "provisional"');
  if (!isRecord(raw.source) || typeof raw.source.decree !== 'string' || raw.source.decree.trim() === '') {
    throw fail('source.decree must name the decree the days come from (the SKB 3 Menteri number)');
  }
  if (!Array.isArray(raw.days)) throw fail('days must be a list');
  const seen = new Set<string>();
  const days = raw.days.map((day: unknown, i): DayOff => {
    if (!isRecord(day)) throw fail(`days[${i}] must be an object with date, kind and name`);
    const { date, kind, name } = day;
    if (typeof date !== 'string' || !isCalendarDate(date)) throw fail(`days[${i}].date must be a date YYYY-MM-DD`);
    if (!date.startsWith(`${fileYear}-`)) throw fail(`days[${i}].date ${date} is not in ${fileYear}`);
    if (seen.has(date)) throw fail(`days[${i}].date ${date} is listed twice`);
    seen.add(date);
    if (typeof kind !== 'string' || !KINDS.has(kind)) throw fail(`days[${i}].kind must be "holiday" or "cuti-bersama"`);
    if (typeof name !== 'string' || name.trim() === '') throw fail(`days[${i}].name must say which holiday it is`);
    return { date, kind: kind as DayOff['kind'], name };
  });
  const source = { decree: raw.source.decree, ...(typeof raw.source.note === 'string' ? { note: raw.source.note } : {}) };
  return { year: raw.year, status: raw.status, source, days };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCalendarDate(date: string): boolean {
  const parts = DATE.exec(date);
  if (!parts) return false;
  const d = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return d.toISOString().slice(0, 10) === date;
}
