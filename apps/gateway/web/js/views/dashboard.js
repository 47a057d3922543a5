// Finance and auditors: absorption against the budget service's target for
// today, PDN and UMK shares against the fiscal year's targets, satkers ranked;
// kept live by its event stream. Every target and flag comes from the API.
import { api } from '../api.js';
import { field, h, itemsOf, replace, table } from '../dom.js';
import { formatDate, formatPercent, t } from '../i18n.js';
import { formatRupiah, percentOf, sum, weightedPercent } from '../money.js';
import { PDN_TIERS, tierBadge, tierShares } from './widgets.js';

/** pagu − blokir of a row (older answers carry no blokir). */
const availableOf = (r) => r.availablePaguIdr ?? r.paguIdr;

/**
 * One line for the whole scope, from per-K/L rows: money summed, absorption of
 * pagu − blokir, shares weighted by spend; the absorption target is the rows'
 * targets weighted by pagu − blokir, the UMK and PDN targets the fiscal year's.
 */
export function totals(rows) {
  const paguIdr = sum(rows.map((r) => r.paguIdr));
  const blokirIdr = sum(rows.map((r) => r.blokirIdr ?? '0'));
  const availablePaguIdr = sum(rows.map(availableOf));
  const committedIdr = sum(rows.map((r) => r.committedIdr));
  const realisedIdr = sum(rows.map((r) => r.realisedIdr));
  const spent = (r) => sum([r.committedIdr, r.realisedIdr]);
  const target = rows.length ? weightedPercent(rows.map((r) => ({ percent: r.absorptionTargetPct, amount: availableOf(r) }))) : undefined;
  const used = sum([committedIdr, realisedIdr]);
  const tierIdr = (tier) => sum(rows.map((r) => r.pdnTiers?.[tier]?.idr ?? '0'));
  return {
    paguIdr,
    blokirIdr,
    availablePaguIdr,
    committedIdr,
    realisedIdr,
    absorptionPct: percentOf(realisedIdr, availablePaguIdr),
    uptakePct: percentOf(sum([committedIdr, realisedIdr]), availablePaguIdr),
    pdnSharePct: weightedPercent(rows.map((r) => ({ percent: r.pdnSharePct, amount: spent(r) }))),
    pdnTiers: Object.fromEntries(PDN_TIERS.map((tier) => [tier, { idr: tierIdr(tier), sharePct: percentOf(tierIdr(tier), used) }])),
    umkSharePct: weightedPercent(rows.map((r) => ({ percent: r.umkSharePct, amount: spent(r) }))),
    absorptionTargetPct: target,
    umkTargetPct: rows[0]?.umkTargetPct,
    pdnTargetPct: rows[0]?.pdnTargetPct,
  };
}

/** On track when realised ÷ (pagu − blokir) reaches the target; no target, no judgement. */
export const onTrack = (total) => (total.absorptionTargetPct === undefined ? undefined : total.absorptionPct >= total.absorptionTargetPct);

/** A share against its floor; nothing spent is not behind. */
const shareOnTrack = (total, share, target) =>
  total[target] === undefined ? undefined : sum([total.committedIdr, total.realisedIdr]) === '0' || total[share] >= total[target];

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

/** A badge for one of a row's on-track flags: absorption, umk or pdn. */
const badge = (onTarget, target, title) =>
  onTarget === undefined
    ? null
    : h(
        'span',
        { class: `badge ${onTarget ? 'on-track' : 'behind'}`, title: t(title, { target: formatPercent(target) }) },
        onTarget ? t('onTarget') : t('belowTarget'),
      );

const trackBadge = (row) => badge(row.absorptionOnTrack, row.absorptionTargetPct, 'targetToday');
const umkBadge = (row) => badge(row.umkOnTrack, row.umkTargetPct, 'umkTarget');
const pdnBadge = (row) => badge(row.pdnOnTrack, row.pdnTargetPct, 'pdnTarget');

export async function dashboardView(main) {
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
    const target = total.absorptionTargetPct;
    const tracking = onTrack(total);
    const umkTracking = shareOnTrack(total, 'umkSharePct', 'umkTargetPct');
    const pdnTracking = shareOnTrack(total, 'pdnSharePct', 'pdnTargetPct');
    const ranked = [...bySatker].sort((a, b) => Number(b.absorptionPct) - Number(a.absorptionPct));
    const judged = (label, value, tracked) =>
      value === undefined ? null : h('small', {}, `${t(label, { target: formatPercent(value) })} · ${tracked ? t('onTarget') : t('belowTarget')}`);
    replace(
      body,
      h(
        'section',
        { class: 'kpis' },
        kpi('pagu', t('pagu'), formatRupiah(total.paguIdr), h('small', {}, t('blokirOf', { blokir: formatRupiah(total.blokirIdr) }))),
        kpi('committed', t('committed'), formatRupiah(total.committedIdr)),
        kpi('realised', t('realised'), formatRupiah(total.realisedIdr)),
        kpi('absorption', t('absorption'), formatPercent(total.absorptionPct), meter(total.absorptionPct, target), judged('targetToday', target, tracking)),
        kpi('uptake', t('uptake'), formatPercent(total.uptakePct), meter(total.uptakePct)),
        kpi(
          'pdnShare',
          t('pdnShare'),
          formatPercent(total.pdnSharePct),
          meter(total.pdnSharePct, total.pdnTargetPct),
          judged('pdnTarget', total.pdnTargetPct, pdnTracking),
        ),
        kpi(
          'umkShare',
          t('umkShare'),
          formatPercent(total.umkSharePct),
          meter(total.umkSharePct, total.umkTargetPct),
          judged('umkTarget', total.umkTargetPct, umkTracking),
        ),
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
          { label: t('blokir'), align: 'end', cell: (r) => formatRupiah(r.blokirIdr ?? '0') },
          { label: t('realised'), align: 'end', cell: (r) => formatRupiah(r.realisedIdr) },
          { label: t('absorption'), cell: (r) => [meter(Number(r.absorptionPct), r.absorptionTargetPct), ' ', formatPercent(r.absorptionPct)] },
          { label: t('target'), cell: (r) => [formatPercent(r.absorptionTargetPct), ' ', trackBadge(r)] },
          { label: t('pdnShare'), align: 'end', cell: (r) => [formatPercent(r.pdnSharePct), ' ', pdnBadge(r)] },
          { label: t('umkShare'), align: 'end', cell: (r) => [formatPercent(r.umkSharePct), ' ', umkBadge(r)] },
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
          { label: t('blokir'), align: 'end', cell: (r) => formatRupiah(r.blokirIdr ?? '0') },
          { label: t('realised'), align: 'end', cell: (r) => formatRupiah(r.realisedIdr) },
          { label: t('absorption'), cell: (r) => [meter(Number(r.absorptionPct), r.absorptionTargetPct), ' ', formatPercent(r.absorptionPct)] },
          { label: t('target'), cell: trackBadge },
          { label: t('pdnShare'), align: 'end', cell: (r) => [formatPercent(r.pdnSharePct), ' ', pdnBadge(r)] },
          { label: t('pdnTiers'), cell: (r) => tierShares(r.pdnTiers) },
          { label: t('umkShare'), align: 'end', cell: (r) => [formatPercent(r.umkSharePct), ' ', umkBadge(r)] },
        ],
        ranked,
        { empty: t('none') },
      ),
    );
  }

  // EventSource cannot send headers: the stream is opened with a short-lived ticket in its URL, and ends
  // when the ticket expires; then, or when it drops, a new ticket opens it again
  async function connect() {
    const ticket = await api.streamTicket().catch(() => undefined);
    if (closed) return;
    if (!ticket) {
      setLive('connecting', t('reconnecting'));
      retryTimer = setTimeout(connect, 5000);
      return;
    }
    source = new EventSource(`/api/budget/absorption/stream?access_token=${encodeURIComponent(ticket.ticket)}`);
    const changed = () => {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(load, 300);
    };
    source.addEventListener('absorption', changed);
    source.onopen = () => setLive('live', t('live'));
    source.onerror = () => {
      source.close();
      if (closed) return;
      setLive('connecting', t('reconnecting'));
      // at once when the ticket ran out (the stream ended as planned), after a pause when something failed
      retryTimer = setTimeout(connect, Date.now() >= ticket.expiresAt - 1000 ? 0 : 3000);
      // changes made while it was closed are picked up by a reload
      changed();
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
