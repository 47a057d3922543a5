// Finance and auditors: absorption against the budget service's target for
// today, PDN and UMK shares against the fiscal year's targets, the weekly
// curves, satkers ranked. It holds the lines of its scope and applies each
// change the event stream sends to them: no reload per event. Every target and
// flag comes from the API.
import { api } from '../api.js';
import { field, h, itemsOf, replace, table } from '../dom.js';
import { formatDate, formatPercent, t } from '../i18n.js';
import { openLiveStream } from '../live.js';
import { formatRupiah, percentOf, sum, weightedPercent } from '../money.js';
import { absorptionChart, sharesChart } from './weekly-charts.js';
import { kpi, meter, money, PDN_TIERS, shareOnTrack, targetBadge, tierBadge, tierShares } from './widgets.js';

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

/** A line's key: the same line in the list and in a stream event. */
export const lineKey = (line) => `${line.fiscalYear}/${line.satkerCode}/${line.accountCode}`;

/** Lines grouped by `keyOf` and summed as `totals` sums them, each group with its on-track flags and its keys (`fields` of its first line). */
export function groupLines(lines, keyOf, fields) {
  const groups = new Map();
  for (const line of lines) {
    const key = keyOf(line);
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.values()].map((members) => {
    const total = totals(members);
    return {
      ...Object.fromEntries(fields.map((name) => [name, name === 'accountGroup' ? members[0].accountCode.slice(0, 2) : members[0][name]])),
      ...total,
      absorptionOnTrack: onTrack(total),
      umkOnTrack: shareOnTrack(total, total.umkSharePct, total.umkTargetPct),
      pdnOnTrack: shareOnTrack(total, total.pdnSharePct, total.pdnTargetPct),
    };
  });
}

/**
 * The weekly series with its last week (the one still running, or the year's last) set to the figures of
 * `total` as they are now: how a change the stream sends moves the curves.
 */
export function withLatest(series, total) {
  if (!series?.weeks?.length) return series;
  const used = sum([total.committedIdr, total.realisedIdr]) !== '0';
  const weeks = [...series.weeks];
  weeks[weeks.length - 1] = {
    ...weeks[weeks.length - 1],
    committedIdr: total.committedIdr,
    realisedIdr: total.realisedIdr,
    realisedPct: total.absorptionPct,
    committedPct: total.uptakePct,
    pdnSharePct: used ? total.pdnSharePct : null,
    umkSharePct: used ? total.umkSharePct : null,
  };
  return { ...series, availableIdr: total.availablePaguIdr, weeks };
}

/** The badges of a row's on-track flags: absorption, umk or pdn. */
const trackBadge = (row) => targetBadge(row.absorptionOnTrack, row.absorptionTargetPct, 'targetToday');
const umkBadge = (row) => targetBadge(row.umkOnTrack, row.umkTargetPct, 'umkTarget');
const pdnBadge = (row) => targetBadge(row.pdnOnTrack, row.pdnTargetPct, 'pdnTarget');

export async function dashboardView(main) {
  const year = h('input', { type: 'number', name: 'fiscalYear', min: 2000, value: String(new Date().getFullYear()) });
  const updated = h('small', { class: 'hint' });
  const body = h('div', {}, t('loading'));
  let renderTimer;
  let closed = false;
  /** The scope's lines by `lineKey`, and its weekly series: what the stream's changes are applied to. */
  let lines = new Map();
  let weekly;

  async function load() {
    const fiscalYear = Number(year.value);
    try {
      const [rows, series] = await Promise.all([
        api.get('/api/budget/absorption', { fiscalYear, groupBy: 'line' }).then(itemsOf),
        api.get('/api/budget/absorption/weekly', { fiscalYear }),
      ]);
      if (closed) return;
      lines = new Map(rows.map((line) => [lineKey(line), line]));
      weekly = series;
      show();
    } catch (error) {
      replace(body, h('p', { class: 'error' }, error.message));
    }
  }

  function show() {
    const all = [...lines.values()];
    render(
      Number(year.value),
      groupLines(all, (line) => line.klCode, ['fiscalYear', 'klCode']),
      groupLines(all, (line) => line.satkerCode, ['fiscalYear', 'klCode', 'satkerCode']),
      groupLines(all, (line) => line.accountCode.slice(0, 2), ['fiscalYear', 'accountGroup']).sort((a, b) => a.accountGroup.localeCompare(b.accountGroup)),
      weekly,
    );
    updated.textContent = t('updatedAt', { time: formatDate(new Date().toISOString()) });
  }

  /** One line as it is after a change: it replaces the line, moves the running week, and is shown (a burst at once). */
  function apply(change) {
    if (change.fiscalYear !== Number(year.value)) return;
    const known = lines.get(lineKey(change));
    // events can overtake each other only across reconnects; an older snapshot never replaces a newer one
    if (known?.changedAt && change.changedAt < known.changedAt) return;
    lines.set(lineKey(change), change);
    weekly = withLatest(weekly, totals([...lines.values()]));
    clearTimeout(renderTimer);
    renderTimer = setTimeout(show, 100);
  }

  function render(fiscalYear, byKl, bySatker, byGroup, series) {
    const total = totals(byKl);
    const target = total.absorptionTargetPct;
    const tracking = onTrack(total);
    const umkTracking = shareOnTrack(total, total.umkSharePct, total.umkTargetPct);
    const pdnTracking = shareOnTrack(total, total.pdnSharePct, total.pdnTargetPct);
    const ranked = [...bySatker].sort((a, b) => Number(b.absorptionPct) - Number(a.absorptionPct));
    const judged = (label, value, tracked) =>
      value === undefined ? null : h('small', {}, `${t(label, { target: formatPercent(value) })} · ${tracked ? t('onTarget') : t('belowTarget')}`);
    replace(
      body,
      h(
        'section',
        { class: 'kpis' },
        kpi('pagu', t('pagu'), money(total.paguIdr), h('small', {}, t('blokirOf', { blokir: formatRupiah(total.blokirIdr) }))),
        kpi('committed', t('committed'), money(total.committedIdr)),
        kpi('realised', t('realised'), money(total.realisedIdr)),
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
      series ? h('div', { class: 'charts' }, absorptionChart(series), sharesChart(series)) : null,
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

  const title = h('h1', {}, t('dashboardTitle', { year: year.value }));
  year.addEventListener('change', () => {
    title.textContent = t('dashboardTitle', { year: year.value });
    load();
  });
  let opened = false;
  const stream = openLiveStream('/api/budget/absorption/stream', {
    on: { absorption: apply },
    // changes made while it was closed are picked up by loading once more
    onOpen: () => (opened ? load() : (opened = true)),
  });
  replace(main, h('div', { class: 'toolbar' }, title, field(t('fiscalYear'), year), stream.indicator, updated), body);
  await load();
  return () => {
    closed = true;
    clearTimeout(renderTimer);
    stream.close();
  };
}
