// Orders for every role: the list in scope, and one order with its lines,
// timeline and the next steps the signed-in role may take.
import { api } from '../api.js';
import { busy, field, h, isoDate, itemsOf, replace, table, toast } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { formatRupiah } from '../money.js';
import { pager, shortId, statusBadge, tierBadge, umkBadge } from './widgets.js';

const STATUSES = ['PENDING_BUDGET', 'AWAITING_VENDOR', 'IN_PROCESS', 'SHIPPED', 'RECEIVED', 'COMPLETED', 'CANCELLED', 'REJECTED'];
const CANCELLABLE = ['PENDING_BUDGET', 'AWAITING_VENDOR', 'IN_PROCESS'];

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

  async function load() {
    try {
      const body = await api.get('/api/orders', { status: status.value, page, pageSize: PAGE_SIZE });
      const orders = itemsOf(body);
      replace(
        list,
        h('p', { class: 'hint' }, t('orderCount', { count: body?.total ?? orders.length })),
        ordersTable(orders),
        pager({ page, pageSize: PAGE_SIZE, count: orders.length, total: body?.total }, (next) => ((page = next), load())),
      );
    } catch (error) {
      replace(list, h('p', { class: 'error' }, error.message));
    }
  }
  status.addEventListener('change', () => ((page = 1), load()));
  replace(
    main,
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, t({ vendor: 'nav.incoming', officer: 'nav.orders' }[user.role] ?? 'orders')),
      field(t('status'), status),
      h('button', { type: 'button', onclick: load }, t('refresh')),
    ),
    list,
  );
  await load();
}

export function ordersTable(orders, extra = []) {
  return table(
    [
      { label: t('orders'), cell: (o) => h('a', { href: `#/orders/${o.id}` }, shortId(o.id)) },
      { label: t('placedOn'), cell: (o) => formatDate(o.createdAt) },
      { label: t('satker'), cell: (o) => o.satkerCode },
      { label: t('vendor'), cell: (o) => o.vendorName ?? shortId(o.vendorId) },
      { label: t('total'), align: 'end', cell: (o) => formatRupiah(o.totalIdr) },
      { label: t('status'), cell: (o) => statusBadge(o.status) },
      ...extra,
    ],
    orders,
    { empty: t('noOrders') },
  );
}

async function orderDetail(main, { user }, id) {
  let poll;
  let stopped = false;

  async function load() {
    clearTimeout(poll);
    let order;
    try {
      order = await api.get(`/api/orders/${encodeURIComponent(id)}`);
    } catch (error) {
      replace(main, h('a', { href: '#/orders' }, t('backToOrders')), h('p', { class: 'error' }, error.message));
      return;
    }
    if (stopped) return;
    replace(main, detail(order, user, load));
    if (order.status === 'PENDING_BUDGET') poll = setTimeout(load, 1500);
  }
  await load();
  return () => {
    stopped = true;
    clearTimeout(poll);
  };
}

function detail(order, user, reload) {
  return h(
    'div',
    { class: 'order-detail' },
    h('a', { href: '#/orders' }, t('backToOrders')),
    h('div', { class: 'toolbar' }, h('h1', {}, t('order', { id: shortId(order.id) })), statusBadge(order.status)),
    order.status === 'PENDING_BUDGET' ? h('p', { class: 'hint' }, t('awaitingBudget')) : null,
    h(
      'dl',
      { class: 'facts card' },
      fact(t('satker'), order.satkerCode),
      fact(t('vendor'), order.vendorName ?? order.vendorId),
      fact(t('fiscalYear'), order.fiscalYear),
      fact(t('accountCode'), order.accountCode),
      order.purchaseOrderNumber ? fact(t('purchaseOrderNumber'), h('span', { 'data-field': 'purchaseOrderNumber' }, order.purchaseOrderNumber)) : null,
      order.rupCode ? fact('RUP', order.rupCode) : null,
      order.status === 'AWAITING_VENDOR' && order.vendorDeadlineAt ? fact(t('vendorDeadline'), formatDate(order.vendorDeadlineAt)) : null,
      order.shippingFeeIdr && order.shippingFeeIdr !== '0' ? fact(t('shippingFee'), formatRupiah(order.shippingFeeIdr)) : null,
      fact(t('total'), h('strong', { 'data-field': 'total' }, formatRupiah(order.totalIdr))),
      order.pdnIdr !== undefined ? fact(t('pdnSpend'), formatRupiah(order.pdnIdr)) : null,
      order.umkIdr !== undefined ? fact(t('umkSpend'), formatRupiah(order.umkIdr)) : null,
      order.bastNumber ? fact(t('bastNumber'), `${order.bastNumber} · ${formatDate(order.receivedOn)}`) : null,
      order.sp2dNumber
        ? fact(t('sp2dNumber'), h('span', { 'data-field': 'sp2d' }, `${order.sp2dNumber} · ${t('sp2dDate')} ${formatDate(order.paidOn)}`))
        : null,
      order.reason ? fact(t('reason'), order.reason) : null,
      order.justification ? fact(t('justification'), order.justification) : null,
    ),
    table(
      [
        {
          label: t('product'),
          cell: (line) => [line.name, h('small', { class: 'hint' }, ` ${line.sku}`), ' ', tierBadge(line.pdnTier), ' ', umkBadge(line.vendorUmk)],
        },
        { label: t('quantity'), align: 'end', cell: (line) => String(line.quantity) },
        { label: t('unitPrice'), align: 'end', cell: (line) => formatRupiah(line.unitPriceIdr) },
        { label: t('subtotal'), align: 'end', cell: (line) => formatRupiah(line.subtotalIdr) },
      ],
      order.lines ?? [],
    ),
    nextSteps(order, user, reload),
    h('h2', {}, t('timeline')),
    h('ol', { class: 'timeline' }, (order.timeline ?? []).map(timelineEntry)),
  );
}

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

/** The forms for what this role may do to the order in its present state. */
function nextSteps(order, user, reload) {
  const act = (path, body) => async () => {
    await api.post(`/api/orders/${order.id}/${path}`, body?.() ?? {});
    toast(t('done'), 'success');
    await reload();
  };
  const steps = [];
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
  if (user.role === 'vendor' && order.status === 'IN_PROCESS') steps.push(actionForm(t('ship'), [], act('ship')));
  if (user.role === 'officer' && order.status === 'SHIPPED') {
    const bast = h('input', { name: 'bastNumber', required: true, maxlength: 100 });
    const on = h('input', { name: 'receivedOn', type: 'date', required: true, value: isoDate(), max: isoDate() });
    steps.push(
      actionForm(
        t('receive'),
        [field(t('bastNumber'), bast), field(t('receivedOn'), on)],
        act('receive', () => ({ bastNumber: bast.value.trim(), receivedOn: on.value })),
      ),
    );
  }
  if (user.role === 'officer' && CANCELLABLE.includes(order.status)) {
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
  if (user.role === 'finance' && order.status === 'RECEIVED') steps.push(paymentForm(order, reload));
  return steps.length ? h('div', { class: 'steps' }, steps) : null;
}

export function paymentForm(order, reload) {
  const sp2d = h('input', { name: 'sp2dNumber', required: true, maxlength: 100 });
  const on = h('input', { name: 'paidOn', type: 'date', required: true, value: isoDate(), max: isoDate() });
  return actionForm(t('pay'), [field(t('sp2dNumber'), sp2d), field(t('paidOn'), on)], async () => {
    await api.post(`/api/orders/${order.id}/pay`, { sp2dNumber: sp2d.value.trim(), paidOn: on.value });
    toast(t('done'), 'success');
    await reload();
  });
}

function actionForm(label, fields, run, kind = 'primary') {
  const submit = h('button', { type: 'submit', class: kind }, label);
  return h('form', { class: 'card step', onsubmit: (event) => (event.preventDefault(), busy(submit, run)) }, fields, submit);
}
