/**
 * Cumulative absorption targets (realised ÷ pagu, in %) at the end of each
 * quarter, e.g. [15, 40, 70, 95]. The target on a given day is interpolated
 * between the quarter ends, so a line can be judged on track any day.
 */
export type QuarterTargets = [number, number, number, number];

/** The injection token of the service's configured QuarterTargets. */
export const QUARTER_TARGETS = Symbol('QUARTER_TARGETS');

export function parseQuarterTargets(text: string): QuarterTargets {
  const values = text.split(',').map((v) => Number(v.trim()));
  if (values.length !== 4 || values.some((v) => !Number.isFinite(v) || v < 0 || v > 100) || values.some((v, i) => i > 0 && v < values[i - 1])) {
    throw new Error(`quarter targets must be four rising percentages like "15,40,70,95", got "${text}"`);
  }
  return values as QuarterTargets;
}

/** The expected cumulative absorption % for `fiscalYear` on `day`. */
export function targetOn(targets: QuarterTargets, fiscalYear: number, day: Date): number {
  const start = Date.UTC(fiscalYear, 0, 1);
  const end = Date.UTC(fiscalYear + 1, 0, 1);
  const t = day.getTime();
  if (t < start) return 0;
  if (t >= end) return targets[3];
  const quarterEnds = [3, 6, 9, 12].map((month) => Date.UTC(fiscalYear, month, 1));
  const q = quarterEnds.findIndex((qe) => t < qe);
  const qStart = q === 0 ? start : quarterEnds[q - 1];
  const from = q === 0 ? 0 : targets[q - 1];
  const fraction = (t - qStart) / (quarterEnds[q] - qStart);
  return Math.round((from + (targets[q] - from) * fraction) * 100) / 100;
}
