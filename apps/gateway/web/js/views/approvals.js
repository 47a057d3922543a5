// Officers: orders waiting for a PPK's approval (the purchase order, surat
// pesanan). A PPK approves or refuses those of their satker; a pejabat
// pengadaan sees their own orders waiting there.
import { api } from '../api.js';
import { h, itemsOf, replace } from '../dom.js';
import { t } from '../i18n.js';
import { subjectOf } from '../session.js';
import { approvalForms, ordersTable } from './orders.js';

export async function approvalsView(main, { user, token }) {
  const list = h('div', {}, t('loading'));

  async function load() {
    try {
      const waiting = itemsOf(await api.get('/api/orders', { status: 'AWAITING_APPROVAL', pageSize: 100 }));
      const orders = user.ppk ? waiting : waiting.filter((order) => order.placedBy === subjectOf(token));
      replace(
        list,
        orders.length
          ? ordersTable(orders, [
              user.ppk
                ? { label: t('actions'), cell: (order) => h('div', { class: 'row-actions' }, approvalForms(order, load)) }
                : { label: t('approval'), cell: () => h('span', { class: 'hint', 'data-field': 'waitingForPpk' }, t('waitingForPpk')) },
            ])
          : h('p', { class: 'empty' }, t(user.ppk ? 'noApprovals' : 'noneWaitingForPpk')),
      );
    } catch (error) {
      replace(list, h('p', { class: 'error' }, error.message));
    }
  }

  replace(
    main,
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, t(user.ppk ? 'approvalsTitle' : 'waitingForPpkTitle')),
      h('button', { type: 'button', onclick: load }, t('refresh')),
    ),
    h('p', { class: 'hint' }, t(user.ppk ? 'approvalsHint' : 'waitingForPpkHint')),
    list,
  );
  await load();
}
