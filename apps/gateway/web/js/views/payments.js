// Finance: record the SP2D payment of orders whose receipt (BAST) is confirmed.
import { api } from '../api.js';
import { h, itemsOf, replace } from '../dom.js';
import { t } from '../i18n.js';
import { ordersTable, paymentForm } from './orders.js';

export async function paymentsView(main, { user }) {
  async function load() {
    try {
      const orders = itemsOf(await api.get('/api/orders', { status: 'RECEIVED', satkerCode: user.satkerCode }));
      replace(
        main,
        h('h1', {}, t('paymentsTitle')),
        orders.length ? ordersTable(orders, [{ label: t('pay'), cell: (order) => paymentForm(order, load) }]) : h('p', { class: 'empty' }, t('noPayments')),
      );
    } catch (error) {
      replace(main, h('p', { class: 'error' }, error.message));
    }
  }
  await load();
}
