// Finance and auditors: absorption against the quarter's target, PDN and UMK
// shares, satkers ranked; kept live by the budget service's event stream.
import { api } from '../api.js';
import { field, h, itemsOf, replace, table } from '../dom.js';
import { formatDate, formatPercent, t } from '../i18n.js';
import { formatRupiah, percentOf, sum, weightedPercent } from '../money.js';

/** Indicative cumulative absorption targets per quarter (percent of pagu). */
export const QUARTER_TARGETS = { 1: 15, 2: 40, 3: 60, 4: 90 };
const UMK_TARGET = 40;

export function quarterOf(fiscalYear, today = new Date()) {
  if (fiscalYear < today.getFullYear()) return 4;
  if (fiscalYear > today.getFullYear()) return 1;
  return Math.floor(today.getMonth() / 3) + 1;
}

/** One line for the whole scope, from per-K/L rows: money summed, shares weighted by spend. */
export function totals(rows) {
  const paguIdr = sum(rows.map((r) => r.paguIdr));
  const committedIdr = sum(rows.map((r) => r.committedIdr));
  const realisedIdr = sum(rows.map((r) => r.realisedIdr));
  const spent = (r) => sum([r.committedIdr, r.realisedIdr]);
  return {
    paguIdr,
    committedIdr,
    realisedIdr,
    absorptionPct: percentOf(realisedIdr, paguIdr),
    uptakePct: percentOf(sum([committedIdr, realisedIdr]), paguIdr),
    pdnSharePct: weightedPercent(rows.map((r) => ({ percent: r.pdnSharePct, amount: spent(r) }))),
    umkSharePct: weightedPercent(rows.map((r) => ({ percent: r.umkSharePct, amount: spent(r) }))),
  };
}

function meter(percent, target) {
  const fill = h('span', { class: 'fill' });
  fill.style.width = `${Math.min(100, Math.max(0, percent))}%`;
  const parts = [fill];
  if (target !== undefined) {
    const mark = h('span', { class: 'target', title: formatPercent(target) });
    mark.style.left = `${target}%`;
    parts.push(mark);
  }
  return h('span', { class: `meter ${target !== undefined && percent < target ? 'behind' : ''}`, role: 'meter', 'aria-valuenow': String(percent), 'aria-valuemin': '0', 'aria-valuemax': '100' }, parts);
}

const kpi = (label, value, ...extra) => h('div', { class: 'kpi card' }, h('span', { class: 'kpi-label' }, label), h('strong', { class: 'kpi-value' }, value), extra);

export async function dashboardView(main, { token }) {
  const year = h('input', { type: 'number', name: 'fiscalYear', min: 2000, value: String(new Date().getFullYear()) });
  const liveState = h('span', { class: 'live connecting' }, t('connecting'));
  const updated = h('small', { class: 'hint' });
  const body = h('div', {}, t('loading'));
  let reloadTimer;
  let source;
  let retryTimer;
  let closed = false;

  async function load() {
    const fiscalYear = Number(year.value);
    try {
      const [byKl, bySatker, byGroup] = await Promise.all(
        ['kl', 'satker', 'account-group'].map(async (groupBy) => itemsOf(await api.get('/api/budget/absorption', { fiscalYear, groupBy }))),
      );
      if (closed) return;
      render(fiscalYear, byKl, bySatker, byGroup);
      updated.textContent = t('updatedAt', { time: formatDate(new Date().toISOString()) });
    } catch (error) {
      replace(body, h('p', { class: 'error' }, error.message));
    }
  }

  function render(fiscalYear, byKl, bySatker, byGroup) {
    const total = totals(byKl);
    const quarter = quarterOf(fiscalYear);
    const target = QUARTER_TARGETS[quarter];
    const ranked = [...bySatker].sort((a, b) => Number(b.absorptionPct) - Number(a.absorptionPct));
    replace(
      body,
      h(
        'section',
        { class: 'kpis' },
        kpi(t('pagu'), formatRupiah(total.paguIdr)),
        kpi(t('committed'), formatRupiah(total.committedIdr)),
        kpi(t('realised'), formatRupiah(total.realisedIdr)),
        kpi(t('absorption'), formatPercent(total.absorptionPct), meter(total.absorptionPct, target), h('small', {}, `${t('quarterTarget', { quarter, target: formatPercent(target) })} · ${total.absorptionPct >= target ? t('onTarget') : t('belowTarget')}`)),
        kpi(t('uptake'), formatPercent(total.uptakePct), meter(total.uptakePct)),
        kpi(t('pdnShare'), formatPercent(total.pdnSharePct), meter(total.pdnSharePct)),
        kpi(t('umkShare'), formatPercent(total.umkSharePct), meter(total.umkSharePct, UMK_TARGET), h('small', {}, t('umkTarget'))),
      ),
      h('h2', {}, t('byAccountGroup')),
      table(
        [
          { label: t('accountCode'), cell: (r) => { const group = String(r.accountGroup ?? r.accountCode ?? '').slice(0, 2); return t(`group.${group}`) === `group.${group}` ? group : t(`group.${group}`); } },
          { label: t('pagu'), align: 'end', cell: (r) => formatRupiah(r.paguIdr) },
          { label: t('realised'), align: 'end', cell: (r) => formatRupiah(r.realisedIdr) },
          { label: t('absorption'), cell: (r) => [meter(Number(r.absorptionPct), target), ' ', formatPercent(r.absorptionPct)] },
          { label: t('pdnShare'), align: 'end', cell: (r) => formatPercent(r.pdnSharePct) },
          { label: t('umkShare'), align: 'end', cell: (r) => formatPercent(r.umkSharePct) },
        ],
        byGroup,
        { empty: t('none') },
      ),
      h('h2', {}, t('satkerRanking')),
      table(
        [
          { label: t('rank'), cell: (r) => String(ranked.indexOf(r) + 1) },
          { label: t('satker'), cell: (r) => r.satkerCode },
          { label: t('kl'), cell: (r) => r.klCode },
          { label: t('pagu'), align: 'end', cell: (r) => formatRupiah(r.paguIdr) },
          { label: t('realised'), align: 'end', cell: (r) => formatRupiah(r.realisedIdr) },
          { label: t('absorption'), cell: (r) => [meter(Number(r.absorptionPct), target), ' ', formatPercent(r.absorptionPct)] },
          { label: t('pdnShare'), align: 'end', cell: (r) => formatPercent(r.pdnSharePct) },
          { label: t('umkShare'), align: 'end', cell: (r) => [formatPercent(r.umkSharePct), Number(r.umkSharePct) < UMK_TARGET ? h('span', { class: 'below', title: t('umkTarget') }, ' ▼') : null] },
        ],
        ranked,
        { empty: t('none') },
      ),
    );
  }

  function connect() {
    source = new EventSource(`/api/budget/absorption/stream?access_token=${encodeURIComponent(token)}`);
    const changed = () => {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(load, 300);
    };
    source.onmessage = changed;
    for (const name of ['absorption', 'absorption.changed']) source.addEventListener(name, changed);
    source.onopen = () => setLive('live', t('live'));
    source.onerror = () => {
      setLive('connecting', t('reconnecting'));
      if (source.readyState === EventSource.CLOSED && !closed) retryTimer = setTimeout(connect, 5000);
    };
  }
  function setLive(state, label) {
    liveState.className = `live ${state}`;
    liveState.textContent = label;
  }

  const title = h('h1', {}, t('dashboardTitle', { year: year.value }));
  year.addEventListener('change', () => {
    title.textContent = t('dashboardTitle', { year: year.value });
    load();
  });
  replace(main, h('div', { class: 'toolbar' }, title, field(t('fiscalYear'), year), liveState, updated), body);
  connect();
  await load();
  return () => {
    closed = true;
    clearTimeout(reloadTimer);
    clearTimeout(retryTimer);
    source?.close();
  };
}
