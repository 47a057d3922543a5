import { busy, h } from '../dom.js';
import { formatPercent, t } from '../i18n.js';
import { formatRupiah, formatRupiahCompact, parseRupiahInput, sum } from '../money.js';

export const statusBadge = (status) => h('span', { class: `badge status-${String(status).toLowerCase()}` }, t(`status.${status}`));

/** A payment term's state (PLANNED, SHIPPED, RECEIVED, PAID). */
export const termStatusBadge = (status) => h('span', { class: `badge term-${String(status).toLowerCase()}` }, t(`termStatus.${status}`));

/** An addendum's state (PROPOSED, PENDING_BUDGET, APPLIED, REFUSED, WITHDRAWN, REJECTED). */
export const addendumStatusBadge = (status) => h('span', { class: `badge addendum-${String(status).toLowerCase()}` }, t(`addendumStatus.${status}`));

export const tierBadge = (tier) => (tier ? h('span', { class: `badge tier-${tier}`, title: t(`tierHint.${tier}`) }, t(`tier.${tier}`)) : null);

/** PDN tiers, highest preference first (Perpres 46/2025 art. 66); all but import are domestic. */
export const PDN_TIERS = ['top', 'pdn', 'low', 'uncertified', 'import'];

/** The tiers spent on, each with its share as a badge (e.g. "PDN unggulan 40%") and its amount in the tooltip; '–' when nothing was spent. */
export function tierShares(pdnTiers) {
  const spent = PDN_TIERS.filter((tier) => pdnTiers?.[tier] && pdnTiers[tier].idr !== '0');
  if (spent.length === 0) return '–';
  return h(
    'span',
    { class: 'tier-shares' },
    spent.map((tier) =>
      h(
        'span',
        { class: `badge tier-${tier}`, 'data-tier': tier, title: `${t(`tier.${tier}`)}: ${formatRupiah(pdnTiers[tier].idr)}` },
        `${t(`tier.${tier}`)} ${formatPercent(pdnTiers[tier].sharePct)}`,
      ),
    ),
  );
}

/** A large amount at a glance ("Rp 15,3 M"), the exact figure on hover and in `data-idr`; never broken across lines. */
export const money = (value) => h('span', { class: 'money', title: formatRupiah(value), 'data-idr': value ?? undefined }, formatRupiahCompact(value));

export const umkBadge = (umk) => (umk ? h('span', { class: 'badge umk', title: t('umkHint') }, t('umk')) : null);

const grouped = new Intl.NumberFormat('id-ID');

/** A text box for whole rupiah with a live "Rp …" preview; `value()` is a decimal string or null. */
export function rupiahInput({ name, value, required = false, placeholder } = {}) {
  const input = h('input', { name, inputmode: 'numeric', autocomplete: 'off', required, placeholder, value: value ? grouped.format(BigInt(value)) : '' });
  const preview = h('small', { class: 'hint' });
  const update = () => {
    const parsed = parseRupiahInput(input.value);
    preview.textContent = input.value.trim() === '' ? '' : parsed === null ? t('invalidRupiah') : formatRupiah(parsed);
    preview.classList.toggle('error', input.value.trim() !== '' && parsed === null);
    input.setCustomValidity(input.value.trim() !== '' && parsed === null ? t('invalidRupiah') : '');
  };
  input.addEventListener('input', update);
  update();
  return { element: h('span', { class: 'rupiah-input' }, input, preview), input, value: () => parseRupiahInput(input.value) };
}

/** Previous/next for a page of results; `total` may be unknown. */
export function pager({ page, pageSize, count, total }, go) {
  const hasNext = total !== undefined ? page * pageSize < total : count === pageSize;
  if (page <= 1 && !hasNext) return null;
  return h(
    'div',
    { class: 'pager' },
    h('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, t('previous')),
    h('span', {}, t('pageOf', { page })),
    h('button', { type: 'button', disabled: !hasNext, onclick: () => go(page + 1) }, t('next')),
  );
}

export const shortId = (id) => String(id ?? '').slice(0, 8);

/** A small form for one step on an order: its fields, one submit button, failures as a toast. */
export function actionForm(label, fields, run, kind = 'primary', dataset) {
  const submit = h('button', { type: 'submit', class: kind }, label);
  return h('form', { class: 'card step', dataset, onsubmit: (event) => (event.preventDefault(), busy(submit, run)) }, fields, submit);
}

/** A bar from 0 to 100 % with the target marked; behind the target, it says so in colour. */
export function meter(percent, target) {
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

/** A key figure in a card: its label, its value, and what goes with it (a meter, a judgement). */
export const kpi = (name, label, value, ...extra) =>
  h('div', { class: 'kpi card', 'data-kpi': name }, h('span', { class: 'kpi-label' }, label), h('strong', { class: 'kpi-value' }, value), extra);

/** On or behind a target, as a badge that names the target on hover (`title`: the message key); no target, no judgement. */
export const targetBadge = (onTarget, target, title) =>
  onTarget === undefined
    ? null
    : h(
        'span',
        { class: `badge ${onTarget ? 'on-track' : 'behind'}`, title: t(title, { target: formatPercent(target) }) },
        onTarget ? t('onTarget') : t('belowTarget'),
      );

/** A share against its floor; nothing spent is not behind; no floor, no judgement. */
export const shareOnTrack = (figures, sharePct, targetPct) =>
  targetPct === undefined ? undefined : sum([figures.committedIdr, figures.realisedIdr]) === '0' || sharePct >= targetPct;
