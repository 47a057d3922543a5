// Finance: record the SP2D payment of orders whose receipt (BAST) is confirmed,
// one by one (term by term, for orders paid in terms) or by uploading the
// treasury's SP2D list (CSV); the upload answers line by line.
import { api } from '../api.js';
import { busy, field, h, itemsOf, replace, table, toast } from '../dom.js';
import { t } from '../i18n.js';
import { ordersTable } from './orders.js';
import { paymentForm, receivedTerm } from './terms.js';

/** Received orders, and running ones whose terms may already hold a received one waiting for payment. */
const PAYABLE = ['RECEIVED', 'IN_PROCESS', 'SHIPPED'];

/**
 * The orders with a received, unpaid term (or received as a whole, from an
 * order service without terms); the list shows no terms, so each order is
 * read whole, and its payment form names the term and what it pays.
 */
async function payable(orders) {
  const whole = await Promise.all(orders.map((order) => (order.terms?.length ? order : api.get(`/api/orders/${order.id}`).catch(() => order))));
  return whole.filter((order) => receivedTerm(order) || (order.status === 'RECEIVED' && !order.terms?.length));
}

export async function paymentsView(main, { user }) {
  const report = h('div', { class: 'sp2d-report' });
  const listing = h('div', {});

  async function load() {
    try {
      const pages = await Promise.all(PAYABLE.map((status) => api.get('/api/orders', { status, satkerCode: user.satkerCode })));
      const orders = await payable(pages.flatMap(itemsOf));
      replace(
        listing,
        orders.length ? ordersTable(orders, [{ label: t('pay'), cell: (order) => paymentForm(order, load) }]) : h('p', { class: 'empty' }, t('noPayments')),
      );
    } catch (error) {
      replace(listing, h('p', { class: 'error' }, error.message));
    }
  }

  replace(main, h('h1', {}, t('paymentsTitle')), importForm(report, load), report, listing);
  await load();
}

function importForm(report, reload) {
  const file = h('input', { name: 'sp2dFile', type: 'file', accept: '.csv,text/csv', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('sp2dImport'));
  const run = async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    try {
      const answer = await api.postCsv('/api/orders/payments/sp2d-import', await chosen.text());
      replace(report, importReport(answer));
      toast(t('sp2dImported', { paid: answer.counts.paid }), 'success');
      await reload();
    } catch (error) {
      replace(report, h('p', { class: 'error' }, error.message));
    }
  };
  return h(
    'form',
    { class: 'card step', 'data-form': 'sp2d-import', onsubmit: (event) => (event.preventDefault(), busy(submit, run)) },
    h('h2', {}, t('sp2dImportTitle')),
    h('p', { class: 'hint' }, t('sp2dImportHint')),
    field(t('sp2dFile'), file),
    submit,
  );
}

function importReport({ counts, lines }) {
  const summary = ['paid', 'alreadyPaid', 'notFound', 'refused', 'malformed', 'duplicate'].map((k) => `${t(`sp2dCount.${k}`)}: ${counts[k]}`).join(' · ');
  return h(
    'div',
    { class: 'card' },
    h('p', { 'data-field': 'sp2d-counts' }, summary),
    table(
      [
        { label: t('sp2dLine'), align: 'end', cell: (l) => String(l.line) },
        { label: t('sp2dNumber'), cell: (l) => l.sp2dNumber ?? '–' },
        { label: t('purchaseOrderNumber'), cell: (l) => l.purchaseOrderNumber ?? '–' },
        { label: t('sp2dOutcome'), cell: (l) => h('span', { class: `badge outcome-${l.outcome}` }, t(`sp2dOutcome.${l.outcome}`)) },
        { label: t('reason'), cell: (l) => l.reason ?? '' },
      ],
      lines,
      { rowClass: (l) => (l.outcome === 'paid' || l.outcome === 'already-paid' ? undefined : 'warn') },
    ),
  );
}
