// Addenda (change orders) on the order page: the officer proposes new
// quantities, added products or later delivery dates; the vendor agrees or
// refuses; the budget then applies or rejects it. The history keeps every
// addendum with the order before and after it.
import { api } from '../api.js';
import { ADDENDUM_ORDER_STATES, addendumEstimate, openAddendum } from '../contract.js';
import { field, h, itemsOf, replace, table, toast } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { formatRupiah, minus } from '../money.js';
import { lineName } from './terms.js';
import { actionForm, addendumStatusBadge } from './widgets.js';

/** Terms whose goods have not been received yet: their delivery date may still move. */
const OPEN_TERM_STATES = ['PLANNED', 'SHIPPED'];

/** The form (officer, running contract, nothing open) and the history; nothing when the order service reports no addenda. */
export function addendaSection(order, user, reload) {
  if (!Array.isArray(order.addenda)) return null;
  const mayPropose = user.role === 'officer' && ADDENDUM_ORDER_STATES.includes(order.status) && !openAddendum(order);
  if (!mayPropose && !order.addenda.length) return null;
  return h(
    'section',
    { class: 'addenda' },
    h('h2', {}, t('addenda')),
    order.addenda.length ? history(order, user, reload) : null,
    mayPropose ? h('details', { class: 'propose-addendum' }, h('summary', {}, t('proposeAddendum')), proposalForm(order, reload)) : null,
  );
}

function history(order, user, reload) {
  return table(
    [
      { label: t('addendumNumber'), cell: (a) => t('addendumNo', { number: a.number }) },
      { label: t('status'), cell: (a) => addendumStatusBadge(a.status) },
      { label: t('reason'), cell: (a) => a.reason },
      { label: t('proposed'), cell: (a) => [a.proposedBy, h('br'), h('small', {}, formatDate(a.proposedAt))] },
      {
        label: t('totalBeforeAfter'),
        align: 'end',
        cell: (a) => h('span', { 'data-field': 'totals' }, `${formatRupiah(a.before?.totalIdr)} → ${formatRupiah(a.after?.totalIdr)}`),
      },
      {
        label: t('change'),
        align: 'end',
        cell: (a) => signedRupiah(a.changeIdr ?? (a.before && a.after ? minus(a.after.totalIdr, a.before.totalIdr) : undefined)),
      },
      { label: t('changes'), cell: (a) => changesList(order, a) },
      {
        label: t('outcome'),
        cell: (a) => [a.outcome ?? '', a.decidedBy ? h('small', {}, ` ${a.decidedBy} · ${formatDate(a.decidedAt)}`) : null],
      },
      ...(order.addenda.some((a) => a.status === 'PROPOSED')
        ? [{ label: t('actions'), cell: (a) => (a.status === 'PROPOSED' ? decisionForms(order, a, user, reload) : null) }]
        : []),
    ],
    [...order.addenda].sort((a, b) => b.number - a.number),
    { rowClass: (a) => `addendum-${a.number}` },
  );
}

const signedRupiah = (value) =>
  value === undefined || value === null ? '–' : value.startsWith('-') ? `− ${formatRupiah(value.slice(1))}` : `+ ${formatRupiah(value)}`;

/** What the addendum changes: each line's quantity before → after, and moved delivery dates. */
function changesList(order, addendum) {
  const before = addendum.before ?? {};
  const after = addendum.after ?? {};
  const lineKey = (line, i) => line.lineNo ?? i + 1;
  const beforeLines = new Map((before.lines ?? []).map((line, i) => [lineKey(line, i), line]));
  const afterLines = new Map((after.lines ?? []).map((line, i) => [lineKey(line, i), line]));
  const items = [];
  for (const lineNo of new Set([...beforeLines.keys(), ...afterLines.keys()])) {
    const was = beforeLines.get(lineNo);
    const now = afterLines.get(lineNo);
    if (was?.quantity === now?.quantity) continue;
    const name = now?.name ?? was?.name ?? lineName(order, lineNo);
    items.push(`${name}: ${was?.quantity ?? 0} → ${now?.quantity ?? 0}`);
  }
  const beforeTerms = new Map((before.terms ?? []).map((term) => [term.termNo, term]));
  for (const term of after.terms ?? []) {
    const was = beforeTerms.get(term.termNo);
    if (was && was.deliveryDate !== term.deliveryDate) {
      items.push(`${t('termNo', { term: term.termNo })}: ${formatDate(was.deliveryDate)} → ${formatDate(term.deliveryDate)}`);
    }
  }
  return items.length
    ? h(
        'ul',
        { class: 'changes' },
        items.map((item) => h('li', {}, item)),
      )
    : '–';
}

/** The vendor agrees or refuses a proposed addendum; the officer may withdraw it. */
function decisionForms(order, addendum, user, reload) {
  const path = (step) => `/api/orders/${order.id}/addenda/${addendum.number}/${step}`;
  const run = (step, body) => async () => {
    await api.post(path(step), body?.() ?? {});
    toast(t('done'), 'success');
    await reload();
  };
  if (user.role === 'vendor') {
    const reason = h('input', { name: 'reason', maxlength: 500 });
    return h(
      'div',
      { class: 'row-actions' },
      actionForm(t('agreeAddendum'), [], run('agree'), 'primary', { step: 'agree-addendum' }),
      actionForm(
        t('refuseAddendum'),
        [field(t('reason'), reason)],
        run('refuse', () => (reason.value.trim() ? { reason: reason.value.trim() } : {})),
        'danger',
        { step: 'refuse-addendum' },
      ),
    );
  }
  if (user.role === 'officer') return actionForm(t('withdrawAddendum'), [], run('withdraw'), 'danger', { step: 'withdraw-addendum' });
  return h('small', { class: 'hint' }, t('waitingFor.vendor'));
}

/**
 * New quantities per line (0 removes it), products of the same vendor to add,
 * new delivery dates for terms not yet received, and the reason; only what
 * changed is sent. The estimate prices added products at their listed price.
 */
function proposalForm(order, reload) {
  const lines = order.lines ?? [];
  const quantityInputs = lines.map((line, i) =>
    h('input', { type: 'number', min: 0, step: 1, class: 'qty', name: `addendum-line-${line.lineNo ?? i + 1}`, value: String(line.quantity) }),
  );
  const openTerms = (order.terms ?? []).filter((term) => OPEN_TERM_STATES.includes(term.status));
  const dateInputs = openTerms.map((term) => h('input', { type: 'date', name: `addendum-term-${term.termNo}`, value: term.deliveryDate ?? '' }));
  const reason = h('textarea', { name: 'reason', rows: 2, required: true, minlength: 10, maxlength: 500 });
  const estimate = h('p', { class: 'hint', 'data-field': 'addendumEstimate' });
  const added = [];
  const addedList = h('ul', { class: 'changes' });

  // Products of the order's vendor, to add as new lines.
  const product = h('select', { name: 'addProduct' }, h('option', { value: '' }, t('loading')));
  const addQuantity = h('input', { type: 'number', min: 1, step: 1, value: '1', class: 'qty', name: 'addQuantity', 'aria-label': t('quantity') });
  let products = [];
  api
    .get('/api/catalog/products', { vendorId: order.vendorId, pageSize: 100 })
    .then((body) => {
      const ordered = new Set(lines.map((line) => line.productId));
      products = itemsOf(body).filter((p) => !ordered.has(p.id) && p.status !== 'delisted');
      replace(
        product,
        h('option', { value: '' }, products.length ? t('chooseProduct') : t('none')),
        products.map((p) => h('option', { value: p.id }, `${p.name} · ${formatRupiah(p.priceIdr)}`)),
      );
    })
    .catch(() => replace(product, h('option', { value: '' }, t('productsUnavailable'))));

  const newQuantities = () => quantityInputs.map((input) => Math.max(0, Math.floor(Number(input.value) || 0)));
  const update = () => {
    const after = addendumEstimate(lines, newQuantities(), added, order.shippingFeeIdr);
    estimate.textContent = t('addendumEstimate', {
      before: formatRupiah(order.totalIdr),
      after: formatRupiah(after),
      change: signedRupiah(minus(after, order.totalIdr)),
    });
    replace(
      addedList,
      added.map((item, i) =>
        h(
          'li',
          {},
          `${item.quantity} × ${item.name} (${formatRupiah(item.priceIdr)}) `,
          h('button', { type: 'button', class: 'link danger', onclick: () => (added.splice(i, 1), update()) }, t('remove')),
        ),
      ),
    );
  };
  for (const input of quantityInputs) input.addEventListener('input', update);
  const addButton = h(
    'button',
    {
      type: 'button',
      name: 'addLine',
      onclick: () => {
        const chosen = products.find((p) => p.id === product.value);
        const quantity = Math.floor(Number(addQuantity.value));
        if (!chosen || !(quantity > 0)) return;
        const existing = added.find((item) => item.productId === chosen.id);
        if (existing) existing.quantity += quantity;
        else added.push({ productId: chosen.id, name: chosen.name, priceIdr: chosen.priceIdr, quantity });
        update();
      },
    },
    t('addLine'),
  );
  update();

  const request = () => {
    const quantities = newQuantities();
    const body = { reason: reason.value.trim() };
    const changedLines = lines.map((line, i) => ({ lineNo: line.lineNo ?? i + 1, quantity: quantities[i] })).filter((l, i) => l.quantity !== lines[i].quantity);
    const movedDates = openTerms
      .map((term, i) => ({ termNo: term.termNo, deliveryDate: dateInputs[i].value }))
      .filter((d, i) => d.deliveryDate && d.deliveryDate !== openTerms[i].deliveryDate);
    if (changedLines.length) body.lines = changedLines;
    if (added.length) body.add = added.map(({ productId, quantity }) => ({ productId, quantity }));
    if (movedDates.length) body.deliveryDates = movedDates;
    return body;
  };

  return actionForm(
    t('proposeAddendum'),
    [
      h('p', { class: 'hint' }, t('addendumHint')),
      table(
        [
          { label: t('product'), cell: (line) => line.name },
          { label: t('quantity'), align: 'end', cell: (line) => String(line.quantity) },
          { label: t('newQuantity'), align: 'end', cell: (line) => quantityInputs[lines.indexOf(line)] },
        ],
        lines,
      ),
      h('div', { class: 'add-line' }, field(t('addProduct'), product), field(t('quantity'), addQuantity), addButton),
      addedList,
      openTerms.length
        ? h(
            'div',
            { class: 'form-grid' },
            openTerms.map((term, i) => field(t('termDeliveryDate', { term: term.termNo }), dateInputs[i])),
          )
        : null,
      field(t('reason'), reason),
      estimate,
    ],
    async () => {
      const body = request();
      if (!body.lines && !body.add && !body.deliveryDates) {
        toast(t('addendumNothing'), 'error');
        return;
      }
      await api.post(`/api/orders/${order.id}/addenda`, body);
      toast(t('addendumProposed'), 'success');
      await reload();
    },
    'primary',
    { step: 'addendum' },
  );
}
