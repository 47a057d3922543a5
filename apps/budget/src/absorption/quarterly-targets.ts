import { JAKARTA_OFFSET_MS } from '#serapan/service';
/**
 * Cumulative absorption targets (realised ÷ (pagu − blokir), in %) at the end
 * of each quarter, e.g. [15, 50, 70, 95]. The target on a given day is
 * interpolated between the quarter ends, so a line can be judged on track any
 * day. Quarters and days are Jakarta's (UTC+7), as the treasury counts them.
 */
export type QuarterTargets = [number, number, number, number];

/** The instant a Jakarta calendar month starts (month 12 is next January). */
const jakartaMonthStart = (year: number, month: number): number => Date.UTC(year, month, 1) - JAKARTA_OFFSET_MS;

/** The calendar year in Jakarta at `day`. */

/** The quarter (1–4) and year in Jakarta at `day`. */
export function jakartaQuarterOf(day: Date): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const local = new Date(day.getTime() + JAKARTA_OFFSET_MS);
  return { year: local.getUTCFullYear(), quarter: (Math.floor(local.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4 };
}

/** Four rising percentages, or an error naming what is wrong. */
export function parseQuarterTargets(value: unknown): QuarterTargets {
  const values = typeof value === 'string' ? value.split(',').map((v) => Number(v.trim())) : value;
  if (
    !Array.isArray(values) ||
    values.length !== 4 ||
    values.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) ||
    values.some((v: number, i) => i > 0 && v < (values[i - 1] as number))
  ) {
    throw new Error(`quarter targets must be four rising percentages like [15, 50, 70, 95], got ${JSON.stringify(value)}`);
  }
  return values as QuarterTargets;
}

/** The expected cumulative absorption % for `fiscalYear` on `day` (Jakarta time). */
export function targetOn(targets: QuarterTargets, fiscalYear: number, day: Date): number {
  const start = jakartaMonthStart(fiscalYear, 0);
  const end = jakartaMonthStart(fiscalYear, 12);
  const t = day.getTime();
  if (t < start) return 0;
  if (t >= end) return targets[3];
  const quarterEnds = [3, 6, 9, 12].map((month) => jakartaMonthStart(fiscalYear, month));
  const q = quarterEnds.findIndex((qe) => t < qe);
  const qStart = q === 0 ? start : quarterEnds[q - 1];
  const from = q === 0 ? 0 : targets[q - 1];
  const fraction = (t - qStart) / (quarterEnds[q] - qStart);
  return Math.round((from + (targets[q] - from) * fraction) * 100) / 100;
}
