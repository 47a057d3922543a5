// Orders for every role: the list in scope, and one order with its lines,
// negotiation, payment terms, addenda, timeline and the next steps the
// signed-in role may take.
import { api } from '../api.js';
import { openAddendum } from '../contract.js';
import { field, h, itemsOf, replace, table, toast } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { openLiveStream } from '../live.js';
import { formatRupiah } from '../money.js';
import { addendaSection } from './addenda.js';
import { negotiationSection } from './negotiation.js';
import { paymentForm, receiveForm, shipForm, termsSection } from './terms.js';
import { actionForm, pager, shortId, statusBadge, tierBadge, umkBadge } from './widgets.js';

const STATUSES = [
  'NEGOTIATING',
  'AWAITING_APPROVAL',
  'PENDING_BUDGET',
  'AWAITING_VENDOR',
  'IN_PROCESS',
  'SHIPPED',
  'RECEIVED',
  'COMPLETED',
  'CANCELLED',
  'REJECTED',
];
const CANCELLABLE = ['AWAITING_APPROVAL', 'PENDING_BUDGET', 'AWAITING_VENDOR', 'IN_PROCESS'];

export function ordersView(main, context) {
  return context.params[0] ? orderDetail(main, context, context.params[0]) : orderList(main, context);
}

const PAGE_SIZE = 20;

async function orderList(main, { user }) {
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, t('all')),
    STATUSES.map((s) => h('option', { value: s, selected: user.role === 'vendor' && s === 'AWAITING_VENDOR' }, t(`status.${s}`))),
  );
  const list = h('div', {}, t('loading'));
  let page = 1;
  /** The latest status the stream told of each order: a page loaded while a change was on its way shows it too. */
  const told = new Map();
  const showStatus = (orderId, orderStatus) => list.querySelector(`[data-order-status="${orderId}"]`)?.replaceChildren(statusBadge(orderStatus));

  // a filter changed while a page was loading: only the newest question's answer is drawn
  let asked = 0;

  async function load() {
    const look = ++asked;
    try {
      const body = await api.get('/api/orders', { status: status.value, page, pageSize: PAGE_SIZE });
      if (look !== asked) return;
      const orders = itemsOf(body);
      replace(
        list,
        h('p', { class: 'hint' }, t('orderCount', { count: body?.total ?? orders.length })),
        ordersTable(orders),
        pager({ page, pageSize: PAGE_SIZE, count: orders.length, total: body?.total }, (next) => ((page = next), load())),
      );
      for (const [orderId, orderStatus] of told) showStatus(orderId, orderStatus);
    } catch (error) {
      replace(list, h('p', { class: 'error' }, error.message));
    }
  }
  status.addEventListener('change', () => ((page = 1), load()));
  // a change of an order on the page shows in its row; after the stream was closed, the page is loaded again
  let opened = false;
  const live = openLiveStream('/api/orders/stream', {
    on: {
      order: (change) => (told.set(change.orderId, change.status), showStatus(change.orderId, change.status)),
    },
    onOpen: () => (opened ? load() : (opened = true)),
  });
  replace(
    main,
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, t({ vendor: 'nav.incoming', officer: 'nav.orders' }[user.role] ?? 'orders')),
      field(t('status'), status),
      h('button', { type: 'button', onclick: load }, t('refresh')),
      live.indicator,
    ),
    list,
  );
  await load();
  return live.close;
}

export function ordersTable(orders, extra = []) {
  return table(
    [
      { label: t('orders'), cell: (o) => h('a', { href: `#/orders/${o.id}` }, shortId(o.id)) },
      { label: t('placedOn'), cell: (o) => formatDate(o.createdAt) },
      { label: t('satker'), cell: (o) => o.satkerCode },
      { label: t('vendor'), cell: (o) => o.vendorName ?? shortId(o.vendorId) },
      { label: t('total'), align: 'end', cell: (o) => formatRupiah(o.totalIdr) },
      { label: t('status'), cell: (o) => h('span', { 'data-order-status': o.id }, statusBadge(o.status)) },
      ...extra,
    ],
    orders,
    { empty: t('noOrders') },
  );
}

async function orderDetail(main, { user }, id) {
  let stopped = false;
  let shown;
  // looks overlap (the stream's open, its events): an answer older than one already drawn is dropped
  let asked = 0;
  let drawn = 0;

  async function load(quietly = false) {
    const look = ++asked;
    let order;
    try {
      order = await api.get(`/api/orders/${encodeURIComponent(id)}`);
    } catch (error) {
      if (!quietly) replace(main, h('a', { href: '#/orders' }, t('backToOrders')), h('p', { class: 'error' }, error.message));
      return;
    }
    if (stopped || look < drawn) return;
    drawn = look;
    // a quiet look re-draws only when the order changed, so a half-filled form stays as it is
    const seen = JSON.stringify(order);
    if (!quietly || seen !== shown)
      replace(
        main,
        detail(order, user, () => load(), live.indicator),
      );
    shown = seen;
  }
  // the order's changes arrive on the live stream (the budget's answer, the other party's step): each one,
  // and each (re)opening of the stream, looks at the order again
  const live = openLiveStream('/api/orders/stream', {
    on: { order: (change) => change.orderId === id && load(true) },
    onOpen: () => load(true),
  });
  await load();
  return () => {
    stopped = true;
    live.close();
  };
}

function detail(order, user, reload, liveIndicator) {
  return h(
    'div',
    { class: 'order-detail' },
    h('a', { href: '#/orders' }, t('backToOrders')),
    h('div', { class: 'toolbar' }, h('h1', {}, t('order', { id: shortId(order.id) })), statusBadge(order.status), liveIndicator),
    statusHint(order, user),
    h(
      'dl',
      { class: 'facts card' },
      fact(t('satker'), order.satkerCode),
      fact(t('vendor'), order.vendorName ?? order.vendorId),
      fact(t('fiscalYear'), order.fiscalYear),
      fact(t('accountCode'), order.accountCode),
      placedBy(order) ? fact(t('placedBy'), placedBy(order)) : null,
      order.approvedBy ? fact(t('approvedBy'), h('span', { 'data-field': 'approvedBy' }, order.approvedBy)) : null,
      order.purchaseOrderNumber ? fact(t('purchaseOrderNumber'), h('span', { 'data-field': 'purchaseOrderNumber' }, order.purchaseOrderNumber)) : null,
      order.version > 1 ? fact(t('contractVersion'), h('span', { 'data-field': 'version' }, String(order.version))) : null,
      order.rupCode ? fact('RUP', order.rupCode) : null,
      order.deliveryDate ? fact(t('deliveryDate'), h('span', { 'data-field': 'deliveryDate' }, formatDate(order.deliveryDate))) : null,
      order.status === 'AWAITING_VENDOR' && order.vendorDeadlineAt ? fact(t('vendorDeadline'), formatDate(order.vendorDeadlineAt)) : null,
      order.shippingFeeIdr && order.shippingFeeIdr !== '0' ? fact(t('shippingFee'), formatRupiah(order.shippingFeeIdr)) : null,
      fact(t('total'), h('strong', { 'data-field': 'total' }, formatRupiah(order.totalIdr))),
      order.penaltyIdr && order.penaltyIdr !== '0'
        ? fact(t('penalty'), h('strong', { class: 'late', 'data-field': 'orderPenalty' }, formatRupiah(order.penaltyIdr)))
        : null,
      order.pdnIdr !== undefined ? fact(t('pdnSpend'), formatRupiah(order.pdnIdr)) : null,
      order.umkIdr !== undefined ? fact(t('umkSpend'), formatRupiah(order.umkIdr)) : null,
      // one term: its BAST and SP2D as the order always showed them; several: the terms table
      (order.terms ?? []).length <= 1 && order.bastNumber ? fact(t('bastNumber'), `${order.bastNumber} · ${formatDate(order.receivedOn)}`) : null,
      (order.terms ?? []).length <= 1 && order.sp2dNumber
        ? fact(t('sp2dNumber'), h('span', { 'data-field': 'sp2d' }, `${order.sp2dNumber} · ${t('sp2dDate')} ${formatDate(order.paidOn)}`))
        : null,
      order.reason ? fact(t('reason'), order.reason) : null,
      order.justification ? fact(t('justification'), order.justification) : null,
    ),
    linesTable(order),
    negotiationSection(order, user, reload),
    termsSection(order),
    nextSteps(order, user, reload),
    addendaSection(order, user, reload),
    h('h2', {}, t('timeline')),
    h('ol', { class: 'timeline' }, (order.timeline ?? []).map(timelineEntry)),
  );
}

/** What the order waits for, in words, while someone else must act. */
function statusHint(order, user) {
  const key = {
    PENDING_BUDGET: 'awaitingBudget',
    AWAITING_APPROVAL: user.role === 'officer' && user.ppk ? 'awaitingYourApproval' : 'waitingForPpk',
    NEGOTIATING: 'negotiatingHint',
  }[order.status];
  const addendum = openAddendum(order);
  return [
    key ? h('p', { class: 'hint', 'data-field': 'statusHint' }, t(key)) : null,
    addendum ? h('p', { class: 'hint' }, t(`addendumOpen.${addendum.status}`, { number: addendum.number })) : null,
  ];
}

/** The order's lines; the listed price and shipping per line appear when a negotiation set them apart. */
function linesTable(order) {
  const lines = order.lines ?? [];
  const negotiated = lines.some((line) => line.listPriceIdr && line.listPriceIdr !== line.unitPriceIdr);
  const shipped = lines.some((line) => line.shippingIdr && line.shippingIdr !== '0');
  return table(
    [
      {
        label: t('product'),
        cell: (line) => [line.name, h('small', { class: 'hint' }, ` ${line.sku}`), ' ', tierBadge(line.pdnTier), ' ', umkBadge(line.vendorUmk)],
      },
      { label: t('quantity'), align: 'end', cell: (line) => String(line.quantity) },
      ...(negotiated ? [{ label: t('listPrice'), align: 'end', cell: (line) => formatRupiah(line.listPriceIdr) }] : []),
      { label: t(negotiated && order.status !== 'NEGOTIATING' ? 'agreedPrice' : 'unitPrice'), align: 'end', cell: (line) => formatRupiah(line.unitPriceIdr) },
      ...(shipped ? [{ label: t('lineShipping'), align: 'end', cell: (line) => formatRupiah(line.shippingIdr) }] : []),
      { label: t('subtotal'), align: 'end', cell: (line) => formatRupiah(line.subtotalIdr) },
    ],
    lines,
  );
}

/** Who placed the order, by user name: the first actor of its timeline (the order itself keeps the user's id). */
const placedBy = (order) => order.timeline?.[0]?.actor;

const fact = (label, value) => [h('dt', {}, label), h('dd', {}, value ?? '–')];

/** One step of the order's history: `{from, to, actor, cause, at}`; a note keeps from = to. */
export function timelineEntry(entry) {
  const moved = entry.from !== entry.to;
  const label = moved ? (entry.from ? `${t(`status.${entry.from}`)} → ${t(`status.${entry.to}`)}` : t(`status.${entry.to}`)) : t('note');
  const details = [entry.cause, entry.actor].filter(Boolean);
  return h(
    'li',
    { class: moved ? undefined : 'note' },
    h('time', { datetime: entry.at }, formatDate(entry.at)),
    h('strong', {}, label),
    details.length ? h('span', {}, details.join(' · ')) : null,
  );
}

/**
 * The forms for what this role may do to the order in its present state. With
 * payment terms, shipping, receipt and payment are per term: the vendor ships
 * the next planned term, the officer receives each shipped one, finance pays
 * each received one. An order service that reports no terms gets the
 * whole-order steps.
 */
function nextSteps(order, user, reload) {
  const act = (path, body) => async () => {
    await api.post(`/api/orders/${order.id}/${path}`, body?.() ?? {});
    toast(t('done'), 'success');
    await reload();
  };
  const terms = order.terms ?? [];
  const withTerms = (status) => terms.filter((term) => term.status === status);
  const addendum = openAddendum(order);
  const steps = [];
  if (user.role === 'officer' && user.ppk && order.status === 'AWAITING_APPROVAL' && order.satkerCode === user.satkerCode)
    steps.push(approvalForms(order, reload));
  if (user.role === 'vendor' && order.status === 'AWAITING_VENDOR') {
    steps.push(actionForm(t('accept'), [], act('accept')));
    const reason = h('input', { name: 'reason', maxlength: 500 });
    steps.push(
      actionForm(
        t('decline'),
        [field(t('reason'), reason)],
        act('decline', () => (reason.value.trim() ? { reason: reason.value.trim() } : {})),
        'danger',
      ),
    );
  }
  if (user.role === 'vendor' && order.status === 'IN_PROCESS') {
    const next = terms.length ? withTerms('PLANNED')[0] : undefined;
    if (addendum) steps.push(h('p', { class: 'hint card step' }, t('noShipWhileAddendum', { number: addendum.number })));
    else if (next || !terms.length) steps.push(shipForm(order, next, reload));
  }
  if (user.role === 'officer') {
    if (terms.length) steps.push(withTerms('SHIPPED').map((term) => receiveForm(order, term, reload)));
    else if (order.status === 'SHIPPED') steps.push(receiveForm(order, undefined, reload));
  }
  if (user.role === 'officer' && cancellable(order)) {
    const reason = h('input', { name: 'reason', required: true, maxlength: 500 });
    steps.push(
      actionForm(
        t('cancelOrder'),
        [field(t('reason'), reason)],
        act('cancel', () => ({ reason: reason.value.trim() })),
        'danger',
      ),
    );
  }
  if (user.role === 'finance') {
    if (terms.length) steps.push(withTerms('RECEIVED').map((term) => paymentForm(order, reload, term)));
    else if (order.status === 'RECEIVED') steps.push(paymentForm(order, reload));
  }
  const forms = steps.flat();
  return forms.length ? h('div', { class: 'steps' }, forms) : null;
}

/** As the state machine allows, and not once a term has shipped or while an addendum waits for the budget. */
function cancellable(order) {
  if (!CANCELLABLE.includes(order.status)) return false;
  if ((order.terms ?? []).some((term) => term.status !== 'PLANNED')) return false;
  return openAddendum(order)?.status !== 'PENDING_BUDGET';
}

/** The PPK approves the order (it gets its purchase-order number and goes to the budget) or refuses it with a reason. */
export function approvalForms(order, reload) {
  const reason = h('input', { name: 'reason', required: true, minlength: 3, maxlength: 500 });
  const post = (step, body) => async () => {
    await api.post(`/api/orders/${order.id}/${step}`, body?.() ?? {});
    toast(t(step === 'approve' ? 'approved' : 'done'), 'success');
    await reload();
  };
  return [
    actionForm(t('approve'), [], post('approve'), 'primary', { step: 'approve' }),
    actionForm(
      t('refuse'),
      [field(t('reason'), reason)],
      post('refuse', () => ({ reason: reason.value.trim() })),
      'danger',
      { step: 'refuse' },
    ),
  ];
}
