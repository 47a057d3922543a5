// The weekly charts of a scope (GET /api/budget/absorption/weekly or /api/transparency/weekly): absorption
// through the year against the quarterly target curve, and the PDN and UMK shares against their targets.
import { chart } from '../charts.js';
import { formatDate, formatPercent, locale, t } from '../i18n.js';
import { formatRupiah, formatRupiahCompact, sum } from '../money.js';

/** The month's name under the first Friday of each month. */
export function monthTick(weekEnding) {
  const [year, month, day] = weekEnding.split('-').map(Number);
  return day <= 7 ? new Intl.DateTimeFormat(locale(), { month: 'short' }).format(new Date(year, month - 1, 1)) : null;
}

/** A year's weeks along the bottom, months named, and 0–100 % up the side. */
const percentOverWeeks = (weeks) => ({ labels: weeks.map((w) => w.weekEnding), tick: monthTick, yMax: 100, yFormat: formatPercent });

const percentOrDash = (value) => (typeof value === 'number' ? formatPercent(value) : '–');

/** The week the series stands at: the last one, which the live figures move. */
const latest = (weeks) => weeks[weeks.length - 1];

export function absorptionChart(series) {
  const weeks = series.weeks;
  const now = latest(weeks);
  return chart({
    name: 'absorption',
    title: t('chart.absorption', { year: series.fiscalYear }),
    description: now
      ? t('chart.absorptionSummary', {
          week: formatDate(now.weekEnding),
          realised: percentOrDash(now.realisedPct),
          committed: percentOrDash(now.committedPct),
          target: percentOrDash(now.targetPct),
        })
      : t('none'),
    ...percentOverWeeks(weeks),
    series: [
      { label: t('chart.realised'), kind: 'line', values: weeks.map((w) => w.realisedPct) },
      { label: t('chart.committed'), kind: 'line', values: weeks.map((w) => w.committedPct) },
      { label: t('chart.target'), kind: 'target', values: weeks.map((w) => w.targetPct) },
    ],
    columns: [
      { label: t('chart.weekEnding'), cell: (i) => formatDate(weeks[i].weekEnding) },
      { label: t('realised'), align: 'end', cell: (i) => formatRupiah(weeks[i].realisedIdr) },
      { label: t('chart.realised'), align: 'end', cell: (i) => percentOrDash(weeks[i].realisedPct) },
      { label: t('committed'), align: 'end', cell: (i) => formatRupiah(weeks[i].committedIdr) },
      { label: t('chart.committed'), align: 'end', cell: (i) => percentOrDash(weeks[i].committedPct) },
      { label: t('chart.target'), align: 'end', cell: (i) => percentOrDash(weeks[i].targetPct) },
    ],
  });
}

export function sharesChart(series) {
  const weeks = series.weeks;
  const now = latest(weeks);
  const constant = (value) => weeks.map(() => value);
  return chart({
    name: 'shares',
    title: t('chart.shares'),
    description: now
      ? t('chart.sharesSummary', {
          week: formatDate(now.weekEnding),
          pdn: percentOrDash(now.pdnSharePct),
          pdnTarget: percentOrDash(series.pdnTargetPct),
          umk: percentOrDash(now.umkSharePct),
          umkTarget: percentOrDash(series.umkTargetPct),
        })
      : t('none'),
    ...percentOverWeeks(weeks),
    series: [
      { label: t('pdnShare'), kind: 'line', values: weeks.map((w) => w.pdnSharePct) },
      { label: t('umkShare'), kind: 'line', values: weeks.map((w) => w.umkSharePct) },
      { label: t('chart.pdnTarget'), kind: 'target', values: constant(series.pdnTargetPct) },
      { label: t('chart.umkTarget'), kind: 'target', values: constant(series.umkTargetPct) },
    ],
    columns: [
      { label: t('chart.weekEnding'), cell: (i) => formatDate(weeks[i].weekEnding) },
      { label: t('pdnShare'), align: 'end', cell: (i) => percentOrDash(weeks[i].pdnSharePct) },
      { label: t('chart.pdnTarget'), align: 'end', cell: () => percentOrDash(series.pdnTargetPct) },
      { label: t('umkShare'), align: 'end', cell: (i) => percentOrDash(weeks[i].umkSharePct) },
      { label: t('chart.umkTarget'), align: 'end', cell: () => percentOrDash(series.umkTargetPct) },
    ],
  });
}

/** A vendor's sales by week (GET /api/orders/vendor-sales/weekly): contracted and paid, as bars. */
export function salesChart(sales) {
  const weeks = sales.weeks;
  // a bar's height is a drawing, not money: a Number is exact enough for it
  const amount = (value) => Number(value ?? 0);
  return chart({
    name: 'sales',
    title: t('chart.sales', { year: sales.fiscalYear }),
    description: t('chart.salesSummary', {
      contracted: formatRupiah(sum(weeks.map((w) => w.contractedIdr))),
      paid: formatRupiah(sum(weeks.map((w) => w.paidIdr))),
    }),
    labels: weeks.map((w) => w.weekEnding),
    tick: monthTick,
    yFormat: (value) => formatRupiahCompact(String(Math.round(value))),
    series: [
      { label: t('chart.contracted'), kind: 'bar', values: weeks.map((w) => amount(w.contractedIdr)) },
      { label: t('chart.paid'), kind: 'bar', values: weeks.map((w) => amount(w.paidIdr)) },
    ],
    columns: [
      { label: t('chart.weekEnding'), cell: (i) => formatDate(weeks[i].weekEnding) },
      { label: t('chart.orders'), align: 'end', cell: (i) => String(weeks[i].orders) },
      { label: t('chart.contracted'), align: 'end', cell: (i) => formatRupiah(weeks[i].contractedIdr) },
      { label: t('chart.paid'), align: 'end', cell: (i) => formatRupiah(weeks[i].paidIdr) },
    ],
  });
}
