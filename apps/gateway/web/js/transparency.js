// The public transparency page (/transparency): no sign-in, aggregates only. Absorption, PDN and UMK shares
// per K/L and per satker, the weekly curves, the latest Friday report card with its history and league
// table, and where the open data is. Everything comes from /api/transparency and /api/open-data.
import { api } from './api.js';
import { field, h, replace, table } from './dom.js';
import { formatDate, formatPercent, language, setLanguage, t } from './i18n.js';
import { formatRupiah, sum } from './money.js';
import { kpi, meter, money, shareOnTrack, targetBadge } from './views/widgets.js';
import { absorptionChart, sharesChart } from './views/weekly-charts.js';

const root = document.getElementById('app');
const ALL = '';

const satkerLabel = (row) => (row.satkerName ? `${row.satkerName} (${row.satkerCode})` : `${t('satker')} ${row.satkerCode}`);

// what is shown is in the address (?year=2026&kl=024), so a view can be shared as a link
const query = new URLSearchParams(location.search);
const state = {
  fiscalYear: /^[0-9]{4}$/.test(query.get('year') ?? '') ? Number(query.get('year')) : new Date().getFullYear(),
  klCode: query.has('kl') ? (query.get('kl') ?? ALL) : undefined,
  weekEnding: undefined,
  satkerCode: undefined,
};

function remember() {
  const shown = new URLSearchParams({ year: String(state.fiscalYear) });
  if (state.klCode !== undefined) shown.set('kl', state.klCode);
  history.replaceState(null, '', `${location.pathname}?${shown}`);
}

async function render() {
  document.documentElement.lang = language();
  document.title = t('tr.title');
  const body = h('div', {}, h('p', { class: 'loading' }, t('loading')));
  replace(root, header(), h('main', { id: 'main', class: 'public' }, body));
  try {
    const summary = await api.get('/api/transparency/summary', { fiscalYear: state.fiscalYear });
    // the K/L shown first: the one asked for, else the one with the largest pagu
    if (state.klCode === undefined) state.klCode = [...summary.kls].sort((a, b) => (BigInt(b.paguIdr) > BigInt(a.paguIdr) ? 1 : -1))[0]?.klCode ?? ALL;
    remember();
    const scope = state.klCode === ALL ? {} : { klCode: state.klCode };
    const [weekly, cards] = await Promise.all([
      api.get('/api/transparency/weekly', { fiscalYear: state.fiscalYear, ...scope }),
      api.get('/api/transparency/report-cards', { fiscalYear: state.fiscalYear, weekEnding: state.weekEnding }),
    ]);
    replace(
      body,
      controls(summary),
      scopeFigures(summary, weekly),
      klTable(summary),
      reportCard(cards),
      satkerTable(summary),
      await satkerHistory(),
      openData(),
    );
  } catch (error) {
    replace(body, h('p', { class: 'error' }, error.message));
  }
}

function header() {
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'brand' }, h('a', { href: '/transparency' }, 'Serapan'), h('small', {}, t('tr.tagline'))),
    h(
      'div',
      { class: 'who' },
      h(
        'button',
        { class: 'link', type: 'button', title: t('language'), onclick: () => (setLanguage(language() === 'id' ? 'en' : 'id'), render()) },
        t('languageShort'),
      ),
      h('a', { href: '/', class: 'link' }, t('tr.signIn')),
    ),
  );
}

function controls(summary) {
  const year = h('input', { type: 'number', name: 'fiscalYear', min: 2000, max: 2100, value: String(state.fiscalYear) });
  year.addEventListener('change', () => {
    state.fiscalYear = Number(year.value);
    Object.assign(state, { klCode: undefined, weekEnding: undefined, satkerCode: undefined });
    render();
  });
  const kl = h(
    'select',
    { name: 'klCode' },
    h('option', { value: ALL }, t('tr.allKl')),
    summary.kls.map((row) => h('option', { value: row.klCode, selected: row.klCode === state.klCode }, `${row.klName} (${row.klCode})`)),
  );
  kl.addEventListener('change', () => ((state.klCode = kl.value), render()));
  return h(
    'div',
    { class: 'toolbar' },
    h('h1', {}, t('tr.heading', { year: summary.fiscalYear })),
    field(t('fiscalYear'), year),
    field(t('kl'), kl),
    h('small', { class: 'hint' }, t('updatedAt', { time: formatDate(summary.asOf) })),
  );
}

/** The chosen K/L (or all of them): its key figures and its weekly curves. */
function scopeFigures(summary, weekly) {
  const rows = state.klCode === ALL ? summary.kls : summary.kls.filter((row) => row.klCode === state.klCode);
  const total = (name) => sum(rows.map((row) => row[name]));
  const now = weekly.weeks[weekly.weeks.length - 1] ?? {};
  const available = total('availableIdr');
  const realised = total('realisedIdr');
  const committed = total('committedIdr');
  const absorption = rows.length === 1 ? rows[0].absorptionPct : now.realisedPct;
  const target = rows.length === 1 ? rows[0].absorptionTargetPct : now.targetPct;
  const pdn = rows.length === 1 ? rows[0].pdnSharePct : now.pdnSharePct;
  const umk = rows.length === 1 ? rows[0].umkSharePct : now.umkSharePct;
  return h(
    'section',
    { 'aria-label': t('tr.keyFigures') },
    h('p', { class: 'hint' }, state.klCode === ALL ? t('tr.allKlHint') : rows[0]?.klName),
    h(
      'div',
      { class: 'kpis' },
      kpi('available', t('tr.available'), money(available)),
      kpi('committed', t('committed'), money(committed)),
      kpi('realised', t('realised'), money(realised)),
      kpi(
        'absorption',
        t('absorption'),
        formatPercent(absorption),
        meter(Number(absorption ?? 0), target),
        h('small', {}, t('targetToday', { target: formatPercent(target) })),
      ),
      kpi(
        'pdnShare',
        t('pdnShare'),
        formatPercent(pdn),
        meter(Number(pdn ?? 0), summary.pdnTargetPct),
        h('small', {}, t('pdnTarget', { target: formatPercent(summary.pdnTargetPct) })),
      ),
      kpi(
        'umkShare',
        t('umkShare'),
        formatPercent(umk),
        meter(Number(umk ?? 0), summary.umkTargetPct),
        h('small', {}, t('umkTarget', { target: formatPercent(summary.umkTargetPct) })),
      ),
    ),
    h('div', { class: 'charts' }, absorptionChart(weekly), sharesChart(weekly)),
  );
}

function klTable(summary) {
  return [
    h('h2', {}, t('tr.byKl')),
    table(
      [
        { label: t('kl'), cell: (r) => `${r.klName} (${r.klCode})` },
        { label: t('tr.satkers'), align: 'end', cell: (r) => String(r.satkers) },
        { label: t('tr.available'), align: 'end', cell: (r) => formatRupiah(r.availableIdr) },
        { label: t('realised'), align: 'end', cell: (r) => formatRupiah(r.realisedIdr) },
        { label: t('absorption'), cell: (r) => [meter(Number(r.absorptionPct), r.absorptionTargetPct), ' ', formatPercent(r.absorptionPct)] },
        { label: t('target'), align: 'end', cell: (r) => formatPercent(r.absorptionTargetPct) },
        {
          label: t('pdnShare'),
          align: 'end',
          cell: (r) => [
            formatPercent(r.pdnSharePct),
            ' ',
            targetBadge(shareOnTrack(r, r.pdnSharePct, summary.pdnTargetPct), summary.pdnTargetPct, 'pdnTarget'),
          ],
        },
        {
          label: t('umkShare'),
          align: 'end',
          cell: (r) => [
            formatPercent(r.umkSharePct),
            ' ',
            targetBadge(shareOnTrack(r, r.umkSharePct, summary.umkTargetPct), summary.umkTargetPct, 'umkTarget'),
          ],
        },
      ],
      summary.kls,
      { empty: t('none') },
    ),
  ];
}

/** The Friday report card of every satker in scope, ranked: the league table. */
function reportCard(report) {
  const cards = report.cards
    .filter((card) => state.klCode === ALL || card.klCode === state.klCode)
    .sort((a, b) => b.absorptionPct - a.absorptionPct || a.satkerCode.localeCompare(b.satkerCode));
  const week = h(
    'select',
    { name: 'weekEnding' },
    report.weeks.map((weekEnding) => h('option', { value: weekEnding, selected: weekEnding === report.weekEnding }, formatDate(weekEnding))),
  );
  week.addEventListener('change', () => ((state.weekEnding = week.value), render()));
  return h(
    'section',
    { class: 'league', 'aria-labelledby': 'league-title' },
    h('h2', { id: 'league-title' }, t('tr.league')),
    report.weekEnding
      ? h('div', { class: 'toolbar' }, field(t('tr.weekEnding'), week), h('small', { class: 'hint' }, t('tr.leagueHint')))
      : h('p', { class: 'empty' }, t('tr.noCards')),
    report.weekEnding
      ? table(
          [
            { label: t('rank'), align: 'end', cell: (c) => String(cards.indexOf(c) + 1) },
            {
              label: t('satker'),
              cell: (c) => h('button', { type: 'button', class: 'link', onclick: () => ((state.satkerCode = c.satkerCode), render()) }, satkerLabel(c)),
            },
            { label: t('kl'), cell: (c) => c.klName ?? c.klCode },
            { label: t('absorption'), cell: (c) => [meter(c.absorptionPct, c.absorptionTargetPct), ' ', formatPercent(c.absorptionPct)] },
            { label: t('tr.change'), align: 'end', cell: (c) => `${c.absorptionChangePct >= 0 ? '+' : ''}${formatPercent(c.absorptionChangePct)}` },
            {
              label: t('target'),
              cell: (c) => [formatPercent(c.absorptionTargetPct), ' ', targetBadge(c.absorptionOnTrack, c.absorptionTargetPct, 'targetToday')],
            },
            { label: t('pdnShare'), align: 'end', cell: (c) => [formatPercent(c.pdnSharePct), ' ', targetBadge(c.pdnOnTrack, c.pdnTargetPct, 'pdnTarget')] },
            { label: t('umkShare'), align: 'end', cell: (c) => [formatPercent(c.umkSharePct), ' ', targetBadge(c.umkOnTrack, c.umkTargetPct, 'umkTarget')] },
            { label: t('tr.completed'), align: 'end', cell: (c) => String(c.ordersCompleted) },
          ],
          cards,
          { empty: t('none') },
        )
      : null,
  );
}

function satkerTable(summary) {
  const rows = summary.satkers
    .filter((row) => state.klCode === ALL || row.klCode === state.klCode)
    .sort((a, b) => a.klCode.localeCompare(b.klCode) || a.rankInKl - b.rankInKl);
  return [
    h('h2', {}, t('tr.bySatker')),
    table(
      [
        { label: t('tr.rankInKl'), align: 'end', cell: (r) => String(r.rankInKl) },
        { label: t('satker'), cell: satkerLabel },
        { label: t('kl'), cell: (r) => r.klName ?? r.klCode },
        { label: t('tr.available'), align: 'end', cell: (r) => formatRupiah(r.availableIdr) },
        { label: t('committed'), align: 'end', cell: (r) => formatRupiah(r.committedIdr) },
        { label: t('realised'), align: 'end', cell: (r) => formatRupiah(r.realisedIdr) },
        { label: t('absorption'), cell: (r) => [meter(Number(r.absorptionPct), r.absorptionTargetPct), ' ', formatPercent(r.absorptionPct)] },
        { label: t('pdnShare'), align: 'end', cell: (r) => formatPercent(r.pdnSharePct) },
        { label: t('umkShare'), align: 'end', cell: (r) => formatPercent(r.umkSharePct) },
      ],
      rows,
      { empty: t('none') },
    ),
  ];
}

/** One satker's report cards, week by week, once a satker is picked in the league table. */
async function satkerHistory() {
  if (!state.satkerCode) return null;
  let past;
  try {
    past = await api.get('/api/transparency/report-cards/history', { fiscalYear: state.fiscalYear, satkerCode: state.satkerCode });
  } catch (error) {
    // the rest of the page stands; only this section says what went wrong
    return h('section', { class: 'history' }, h('p', { class: 'error' }, error.message));
  }
  return h(
    'section',
    { class: 'history', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, t('tr.history', { satker: satkerLabel(past) })),
    table(
      [
        { label: t('tr.weekEnding'), cell: (c) => formatDate(c.weekEnding) },
        { label: t('realised'), align: 'end', cell: (c) => formatRupiah(c.realisedIdr) },
        { label: t('absorption'), align: 'end', cell: (c) => formatPercent(c.absorptionPct) },
        {
          label: t('target'),
          cell: (c) => [formatPercent(c.absorptionTargetPct), ' ', targetBadge(c.absorptionOnTrack, c.absorptionTargetPct, 'targetToday')],
        },
        { label: t('rank'), align: 'end', cell: (c) => `${c.rankInKl} / ${c.satkersInKl}` },
        { label: t('pdnShare'), align: 'end', cell: (c) => formatPercent(c.pdnSharePct) },
        { label: t('umkShare'), align: 'end', cell: (c) => formatPercent(c.umkSharePct) },
      ],
      past.cards,
      { empty: t('none') },
    ),
  );
}

function openData() {
  const year = state.fiscalYear;
  const link = (href, label) => h('li', {}, h('a', { href }, label), ' ', h('code', {}, href));
  return h(
    'section',
    { class: 'open-data', 'aria-labelledby': 'open-data-title' },
    h('h2', { id: 'open-data-title' }, t('tr.openData')),
    h('p', {}, t('tr.openDataHint')),
    h(
      'ul',
      {},
      link('/api/open-data/releases', t('tr.releases')),
      link(`/api/open-data/bulk/${year}`, t('tr.bulk', { year })),
      link(`/api/transparency/summary?fiscalYear=${year}`, t('tr.summaryJson')),
      link(`/api/transparency/weekly?fiscalYear=${year}`, t('tr.weeklyJson')),
    ),
    h('p', { class: 'hint' }, t('tr.recordsHint')),
  );
}

setLanguage(language());
render();
