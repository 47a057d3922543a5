// Payment terms (termin) on the order page: what each term delivers and is
// worth, its BAST with any late penalty, its SP2D; and the per-term steps:
// the vendor ships, the officer receives, finance pays.
import { api } from '../api.js';
import { amountDue, daysLate, latePenalty, termParts } from '../contract.js';
import { field, h, isoDate, table, toast } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { formatRupiah } from '../money.js';
import { actionForm, termStatusBadge } from './widgets.js';

/** The name of line `lineNo` of the order, or its number when the order does not say. */
export function lineName(order, lineNo) {
  const line = (order.lines ?? []).find((l, i) => (l.lineNo ?? i + 1) === lineNo);
  return line?.name ?? t('lineNo', { line: lineNo });
}

/** "2 × Tensimeter; 1 × Oksimeter": a term's or an addendum's units per line. */
export const quantitiesText = (order, quantities) =>
  (quantities ?? [])
    .filter((q) => q.quantity > 0)
    .map((q) => `${q.quantity} × ${lineName(order, q.lineNo)}`)
    .join('; ') || '–';

/** The label of a step for term `term`: plain when the order has one term, as it always had. */
const termLabel = (order, key, term) => ((order.terms ?? []).length > 1 ? t(`${key}Term`, { term: term.termNo }) : t(key));

/** The terms table, when the order service reports terms (older answers carry none). */
export function termsSection(order) {
  const terms = order.terms ?? [];
  if (!terms.length) return null;
  return h(
    'section',
    { class: 'terms' },
    h('h2', {}, t('paymentTerms')),
    table(
      [
        { label: t('term'), cell: (term) => t('termNo', { term: term.termNo }) },
        { label: t('status'), cell: (term) => termStatusBadge(term.status) },
        { label: t('deliveryDate'), cell: (term) => formatDate(term.deliveryDate) },
        { label: t('quantity'), cell: (term) => quantitiesText(order, term.quantities) },
        { label: t('termValue'), align: 'end', cell: (term) => h('span', { 'data-field': 'value' }, formatRupiah(term.valueIdr)) },
        {
          label: t('bastNumber'),
          cell: (term) => (term.bastNumber ? h('span', { 'data-field': 'bast' }, `${term.bastNumber} · ${formatDate(term.receivedOn)}`) : '–'),
        },
        {
          label: t('daysLate'),
          align: 'end',
          cell: (term) =>
            term.daysLate ? h('span', { class: 'late', 'data-field': 'daysLate' }, t('days', { days: term.daysLate })) : term.receivedOn ? '0' : '–',
        },
        {
          label: t('penalty'),
          align: 'end',
          cell: (term) =>
            term.penaltyIdr && term.penaltyIdr !== '0' ? h('strong', { class: 'late', 'data-field': 'penalty' }, formatRupiah(term.penaltyIdr)) : '–',
        },
        {
          label: t('sp2dNumber'),
          cell: (term) => (term.sp2dNumber ? h('span', { 'data-field': 'sp2d' }, `${term.sp2dNumber} · ${formatDate(term.paidOn)}`) : '–'),
        },
      ],
      terms,
      { rowClass: (term) => `term-${term.termNo}${term.daysLate ? ' term-late' : ''}` },
    ),
  );
}

const post = async (order, path, body, reload) => {
  await api.post(`/api/orders/${order.id}/${path}`, body);
  toast(t('done'), 'success');
  await reload();
};

/** The vendor ships a term (the next planned one: terms ship in order). */
export function shipForm(order, term, reload) {
  return actionForm(termLabel(order, 'ship', term), [], () => post(order, 'ship', term ? { termNo: term.termNo } : {}, reload), 'primary', termData(term));
}

/**
 * The officer receives a term with its BAST; a receipt after the term's
 * delivery date shows the penalty it will carry before it is sent.
 */
export function receiveForm(order, term, reload) {
  const bast = h('input', { name: 'bastNumber', required: true, maxlength: 100 });
  const on = h('input', { name: 'receivedOn', type: 'date', required: true, value: isoDate(), max: isoDate() });
  const preview = h('small', { class: 'hint late', 'data-field': 'latePreview' });
  const update = () => {
    const days = daysLate(term?.deliveryDate, on.value);
    preview.textContent = days > 0 ? t('latePreview', { days, penalty: formatRupiah(latePenalty(termParts(order, term), days)) }) : '';
  };
  on.addEventListener('input', update);
  update();
  return actionForm(
    termLabel(order, 'receive', term),
    [
      term?.deliveryDate ? h('small', { class: 'hint' }, `${t('deliveryDate')}: ${formatDate(term.deliveryDate)}`) : null,
      field(t('bastNumber'), bast),
      field(t('receivedOn'), on, preview),
    ],
    () => post(order, 'receive', { bastNumber: bast.value.trim(), receivedOn: on.value, ...(term ? { termNo: term.termNo } : {}) }, reload),
    'primary',
    termData(term),
  );
}

/** Finance pays a received term: its value less the penalty at receipt. */
export function paymentForm(order, reload, term = receivedTerm(order)) {
  const sp2d = h('input', { name: 'sp2dNumber', required: true, maxlength: 100 });
  const on = h('input', { name: 'paidOn', type: 'date', required: true, value: isoDate(), max: isoDate() });
  const penalty = term?.penaltyIdr && term.penaltyIdr !== '0';
  return actionForm(
    termLabel(order, 'pay', term ?? {}),
    [
      term ? h('small', { class: 'hint', 'data-field': 'amountDue' }, t(penalty ? 'payAmountLessPenalty' : 'payAmount', amountFacts(term))) : null,
      field(t('sp2dNumber'), sp2d),
      field(t('paidOn'), on),
    ],
    () => post(order, 'pay', { sp2dNumber: sp2d.value.trim(), paidOn: on.value, ...(term ? { termNo: term.termNo } : {}) }, reload),
    'primary',
    termData(term),
  );
}

const amountFacts = (term) => ({ amount: formatRupiah(amountDue(term)), value: formatRupiah(term.valueIdr), penalty: formatRupiah(term.penaltyIdr ?? '0') });

/** The first received, unpaid term: the one a payment is for. */
export const receivedTerm = (order) => (order.terms ?? []).find((term) => term.status === 'RECEIVED');

const termData = (term) => (term ? { term: String(term.termNo) } : undefined);
