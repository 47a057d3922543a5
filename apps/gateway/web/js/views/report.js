// Finance and auditors: the weekly report card (cut off every Friday), on screen or as CSV.
import { api } from '../api.js';
import { busy, field, h, lastFriday, replace, table } from '../dom.js';
import { formatDate, formatPercent, t } from '../i18n.js';
import { formatRupiah } from '../money.js';

const LABELS = {
  satkerCode: 'satker',
  klCode: 'kl',
  accountCode: 'accountCode',
  fiscalYear: 'fiscalYear',
  weekEnding: 'weekEnding',
  paguIdr: 'pagu',
  committedIdr: 'committed',
  realisedIdr: 'realised',
  absorptionPct: 'absorption',
  uptakePct: 'uptake',
  pdnSharePct: 'pdnShare',
  umkSharePct: 'umkShare',
};

/** A report field's name for people: a known term in their language, or the key in words. */
export const labelFor = (key) => (LABELS[key] ? t(LABELS[key]) : key.replace(/(Idr|Pct)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()));

function formatValue(key, value) {
  if (value === null || value === undefined) return '–';
  if (/Idr$/.test(key)) return formatRupiah(value);
  if (/Pct$/.test(key)) return formatPercent(value);
  if (/(On|Date|weekEnding|At)$/.test(key)) return formatDate(value);
  if (typeof value === 'boolean') return value ? '✓' : '–';
  return String(value);
}

/** Shows whatever the report holds: scalars as facts, lists of rows as tables. */
export function renderReport(report) {
  const scalars = Object.entries(report).filter(([, v]) => v === null || typeof v !== 'object');
  const nested = Object.entries(report).filter(([, v]) => v !== null && typeof v === 'object');
  return [
    scalars.length ? h('dl', { class: 'facts card' }, scalars.map(([k, v]) => [h('dt', {}, labelFor(k)), h('dd', {}, formatValue(k, v))])) : null,
    nested.map(([key, value]) => {
      if (!Array.isArray(value)) return [h('h3', {}, labelFor(key)), renderReport(value)];
      const columns = [...new Set(value.flatMap((row) => (row && typeof row === 'object' ? Object.keys(row) : [])))];
      return [h('h3', {}, labelFor(key)), table(columns.map((c) => ({ label: labelFor(c), align: /(Idr|Pct)$/.test(c) ? 'end' : undefined, cell: (row) => formatValue(c, row[c]) })), value, { empty: t('none') })];
    }),
  ];
}

export async function reportView(main, { user }) {
  const satker = h('input', { name: 'satkerCode', pattern: '[0-9]{6}', inputmode: 'numeric', required: true, value: user.satkerCode ?? '', readonly: Boolean(user.satkerCode) });
  const week = h('input', { name: 'weekEnding', type: 'date', required: true, value: lastFriday(), min: '2020-01-03', step: 7 });
  const output = h('div');
  const query = (format) => ({ satkerCode: satker.value.trim(), weekEnding: week.value, format });
  const show = h('button', { type: 'submit', class: 'primary' }, t('show'));
  const download = h('button', { type: 'button' }, t('downloadCsv'));

  download.addEventListener('click', () =>
    busy(download, async () => {
      const response = await api.download('/api/budget/reports/weekly', query('csv'));
      const link = h('a', { href: URL.createObjectURL(await response.blob()), download: `rapor-${satker.value}-${week.value}.csv` });
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
        busy(show, async () => replace(output, renderReport(await api.get('/api/budget/reports/weekly', query('json')))));
      },
    },
    field(t('satker'), satker),
    field(t('weekEnding'), week),
    show,
    download,
  );
  replace(main, h('h1', {}, t('reportTitle')), form, output);
  if (satker.value) form.requestSubmit();
}
