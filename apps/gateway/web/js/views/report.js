// Finance and auditors: the weekly report card (cut off every Friday), one card
// per satker in scope, on screen or as CSV.
import { api } from '../api.js';
import { busy, field, h, nextFriday, replace, table } from '../dom.js';
import { formatDate, formatPercent, t } from '../i18n.js';
import { formatRupiah } from '../money.js';
import { tierShares } from './widgets.js';

/** A change in percentage points with its sign, e.g. "+1,5 pp". */
export function formatChange(points) {
  const value = Number(points ?? 0);
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatPercent(Math.abs(value)).replace('%', '')} pp`;
}

/** A card's verdict against one target: the share or absorption, and ▼ with the target when behind (cards cut before targets carry none). */
const judged = (value, onTarget, target, label) => [
  formatPercent(value),
  onTarget === false ? h('span', { class: 'below', title: t(label, { target: formatPercent(target) }) }, ' ▼') : null,
];

/** The columns of the report card table, one row per satker. */
export function cardColumns() {
  return [
    { label: t('rankInKl'), cell: (c) => t('rankOf', { rank: c.rankInKl, of: c.satkersInKl }) },
    { label: t('satker'), cell: (c) => c.satkerCode },
    { label: t('kl'), cell: (c) => c.klCode },
    // the week spanning New Year has a card per fiscal year (docs/domain.md, "The first week of January")
    { label: t('fiscalYear'), cell: (c) => String(c.fiscalYear) },
    { label: t('pagu'), align: 'end', cell: (c) => formatRupiah(c.paguIdr) },
    { label: t('committed'), align: 'end', cell: (c) => formatRupiah(c.committedIdr) },
    { label: t('realised'), align: 'end', cell: (c) => formatRupiah(c.realisedIdr) },
    { label: t('absorption'), align: 'end', cell: (c) => judged(c.absorptionPct, c.absorptionOnTrack, c.absorptionTargetPct, 'targetToday') },
    {
      label: t('weekChange'),
      align: 'end',
      cell: (c) => h('span', { class: c.absorptionChangePct > 0 ? 'up' : undefined }, formatChange(c.absorptionChangePct)),
    },
    { label: t('pdnShare'), align: 'end', cell: (c) => judged(c.pdnSharePct, c.pdnOnTrack, c.pdnTargetPct, 'pdnTarget') },
    { label: t('pdnTiers'), cell: (c) => tierShares(c.pdnTiers) },
    { label: t('umkShare'), align: 'end', cell: (c) => judged(c.umkSharePct, c.umkOnTrack, c.umkTargetPct, 'umkTarget') },
    { label: t('ordersPlaced'), align: 'end', cell: (c) => String(c.ordersPlaced) },
    { label: t('ordersJustified'), align: 'end', cell: (c) => String(c.ordersJustified ?? 0) },
    { label: t('ordersCompleted'), align: 'end', cell: (c) => String(c.ordersCompleted) },
    { label: t('medianDaysToPayment'), align: 'end', cell: (c) => (c.medianDaysToPayment === null ? '–' : t('days', { days: c.medianDaysToPayment })) },
  ];
}

export async function reportView(main, { user }) {
  const satker = h('input', {
    name: 'satkerCode',
    pattern: '[0-9]{6}',
    inputmode: 'numeric',
    value: user.satkerCode ?? '',
    readonly: Boolean(user.satkerCode),
    placeholder: t('allInScope'),
  });
  const week = h('input', { name: 'weekEnding', type: 'date', required: true, value: nextFriday(), min: '2020-01-03', step: 7 });
  const output = h('div');
  const query = (format) => ({ satkerCode: satker.value.trim(), weekEnding: week.value, format });
  const show = h('button', { type: 'submit', class: 'primary' }, t('show'));
  const download = h('button', { type: 'button' }, t('downloadCsv'));

  download.addEventListener('click', () =>
    busy(download, async () => {
      const response = await api.download('/api/budget/reports/weekly', query('csv'));
      const link = h('a', { href: URL.createObjectURL(await response.blob()), download: `rapor-${satker.value || 'semua'}-${week.value}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }),
  );

  const form = h(
    'form',
    {
      class: 'card filters filter-row',
      onsubmit: (event) => {
        event.preventDefault();
        busy(show, async () => {
          const { weekEnding, cards } = await api.get('/api/budget/reports/weekly', query('json'));
          replace(output, h('p', { class: 'hint' }, t('reportCutoff', { date: formatDate(weekEnding) })), table(cardColumns(), cards, { empty: t('none') }));
        });
      },
    },
    field(t('satker'), satker),
    field(t('weekEnding'), week),
    show,
    download,
  );
  replace(main, h('h1', {}, t('reportTitle')), form, output);
  form.requestSubmit();
}
