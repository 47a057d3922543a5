// Finance and auditors: absorption against the budget service's target for
// today, PDN and UMK shares, satkers ranked; kept live by its event stream.
import { api } from '../api.js';
import { field, h, itemsOf, replace, table } from '../dom.js';
import { formatDate, formatPercent, t } from '../i18n.js';
import { formatRupiah, percentOf, sum, weightedPercent } from '../money.js';
import { PDN_TIERS, tierBadge, tierShares } from './widgets.js';

/** The policy floor for spending with micro and small businesses (percent of spend). */
const UMK_TARGET = 40;

/**
 * One line for the whole scope, from per-K/L rows: money summed, shares
 * weighted by spend; the target is the budget service's for the fiscal year.
 */
export function totals(rows) {
  const paguIdr = sum(rows.map((r) => r.paguIdr));
  const committedIdr = sum(rows.map((r) => r.committedIdr));
  const realisedIdr = sum(rows.map((r) => r.realisedIdr));
  const spent = (r) => sum([r.committedIdr, r.realisedIdr]);
  const used = sum([committedIdr, realisedIdr]);
  const tierIdr = (tier) => sum(rows.map((r) => r.pdnTiers?.[tier]?.idr ?? '0'));
  return {
    paguIdr,
    committedIdr,
    realisedIdr,
    absorptionPct: percentOf(realisedIdr, paguIdr),
    uptakePct: percentOf(sum([committedIdr, realisedIdr]), paguIdr),
    pdnSharePct: weightedPercent(rows.map((r) => ({ percent: r.pdnSharePct, amount: spent(r) }))),
    pdnTiers: Object.fromEntries(PDN_TIERS.map((tier) => [tier, { idr: tierIdr(tier), sharePct: percentOf(tierIdr(tier), used) }])),
    umkSharePct: weightedPercent(rows.map((r) => ({ percent: r.umkSharePct, amount: spent(r) }))),
    targetPct: rows.length ? Math.max(...rows.map((r) => Number(r.targetPct ?? 0))) : undefined,
  };
}

/** On track when realised ÷ pagu reaches the target; no target, no judgement. */
export const onTrack = (total) => (total.targetPct === undefined ? undefined : total.absorptionPct >= total.targetPct);

function meter(percent, target) {
  const fill = h('span', { class: 'fill' });
  fill.style.width = `${Math.min(100, Math.max(0, percent))}%`;
  const parts = [fill];
  if (target !== undefined) {
    const mark = h('span', { class: 'target', title: formatPercent(target) });
    mark.style.left = `${target}%`;
    parts.push(mark);
  }
  return h(
    'span',
    {
      class: `meter ${target !== undefined && percent < target ? 'behind' : ''}`,
      role: 'meter',
      'aria-valuenow': String(percent),
      'aria-valuemin': '0',
      'aria-valuemax': '100',
    },
    parts,
  );
}

const kpi = (name, label, value, ...extra) =>
  h('div', { class: 'kpi card', 'data-kpi': name }, h('span', { class: 'kpi-label' }, label), h('strong', { class: 'kpi-value' }, value), extra);

const trackBadge = (row) =>
  row.onTrack === undefined
    ? null
    : h(
        'span',
        { class: `badge ${row.onTrack ? 'on-track' : 'behind'}`, title: t('targetToday', { target: formatPercent(row.targetPct) }) },
        row.onTrack ? t('onTarget') : t('belowTarget'),
      );

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
    const target = total.targetPct;
    const tracking = onTrack(total);
    const ranked = [...bySatker].sort((a, b) => Number(b.absorptionPct) - Number(a.absorptionPct));
    replace(
      body,
      h(
        'section',
        { class: 'kpis' },
        kpi('pagu', t('pagu'), formatRupiah(total.paguIdr)),
        kpi('committed', t('committed'), formatRupiah(total.committedIdr)),
        kpi('realised', t('realised'), formatRupiah(total.realisedIdr)),
        kpi(
          'absorption',
          t('absorption'),
          formatPercent(total.absorptionPct),
          meter(total.absorptionPct, target),
          target === undefined
            ? null
            : h('small', {}, `${t('targetToday', { target: formatPercent(target) })} · ${tracking ? t('onTarget') : t('belowTarget')}`),
        ),
        kpi('uptake', t('uptake'), formatPercent(total.uptakePct), meter(total.uptakePct)),
        kpi('pdnShare', t('pdnShare'), formatPercent(total.pdnSharePct), meter(total.pdnSharePct)),
        kpi('umkShare', t('umkShare'), formatPercent(total.umkSharePct), meter(total.umkSharePct, UMK_TARGET), h('small', {}, t('umkTarget'))),
      ),
      h('h2', {}, t('pdnTiers')),
      h('p', { class: 'hint' }, t('pdnTiersHint')),
      table(
        [
          { label: t('pdnTier'), cell: (tier) => tierBadge(tier) },
          { label: t('spend'), align: 'end', cell: (tier) => formatRupiah(total.pdnTiers[tier].idr) },
          { label: t('share'), cell: (tier) => [meter(total.pdnTiers[tier].sharePct), ' ', formatPercent(total.pdnTiers[tier].sharePct)] },
        ],
        PDN_TIERS,
        { empty: t('none') },
      ),
      h('h2', {}, t('byAccountGroup')),
      table(
        [
          {
            label: t('accountCode'),
            cell: (r) => {
              const group = String(r.accountGroup ?? r.accountCode ?? '').slice(0, 2);
              return t(`group.${group}`) === `group.${group}` ? group : t(`group.${group}`);
            },
          },
          { label: t('pagu'), align: 'end', cell: (r) => formatRupiah(r.paguIdr) },
          { label: t('realised'), align: 'end', cell: (r) => formatRupiah(r.realisedIdr) },
          { label: t('absorption'), cell: (r) => [meter(Number(r.absorptionPct), r.targetPct), ' ', formatPercent(r.absorptionPct)] },
          { label: t('target'), cell: trackBadge },
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
          { label: t('absorption'), cell: (r) => [meter(Number(r.absorptionPct), r.targetPct), ' ', formatPercent(r.absorptionPct)] },
          { label: t('target'), cell: trackBadge },
          { label: t('pdnShare'), align: 'end', cell: (r) => formatPercent(r.pdnSharePct) },
          { label: t('pdnTiers'), cell: (r) => tierShares(r.pdnTiers) },
          {
            label: t('umkShare'),
            align: 'end',
            cell: (r) => [formatPercent(r.umkSharePct), Number(r.umkSharePct) < UMK_TARGET ? h('span', { class: 'below', title: t('umkTarget') }, ' ▼') : null],
          },
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
    source.addEventListener('absorption', changed);
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
