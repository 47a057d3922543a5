// Officer: the cart, one order per vendor, placed against a budget line of the officer's satker.
import { api } from '../api.js';
import { busy, field, h, itemsOf, replace, table, toast } from '../dom.js';
import { t } from '../i18n.js';
import { compare, formatRupiah, sum, times } from '../money.js';
import { rupiahInput, tierBadge, umkBadge } from './widgets.js';

const PPK_THRESHOLD_IDR = '200000000';

/** What is left on a budget line, as the budget service computes it. */
export const remainingOf = (line) => line.remainingIdr;

export async function cartView(main, { user, cart, navigate, refreshHeader }) {
  const fiscalYear = new Date().getFullYear();
  let lines;
  try {
    lines = itemsOf(await api.get('/api/budget/lines', { fiscalYear, satkerCode: user.satkerCode })).filter(
      (line) => line.satkerCode === user.satkerCode && compare(line.remainingIdr, '0') > 0,
    );
  } catch {
    lines = undefined;
  }
  if (!lines?.length) lines = undefined;

  function render() {
    refreshHeader();
    replace(
      main,
      h('h1', {}, t('nav.cart')),
      cart.vendors.length
        ? [h('p', { class: 'hint' }, t('cartHint')), cart.vendors.map(vendorOrder)]
        : h('p', { class: 'empty' }, t('cartEmpty'), ' ', h('a', { href: '#/catalog' }, t('nav.catalog'))),
    );
  }

  function vendorOrder(group) {
    const items = Object.values(group.lines);
    const shipping = rupiahInput({ name: 'shippingFeeIdr', placeholder: '0' });
    const rupCode = h('input', { name: 'rupCode', maxlength: 40 });
    const justification = h('textarea', { name: 'justification', rows: 2, minlength: 20, maxlength: 1000 });
    const totalText = h('strong', { class: 'total' });
    const warning = h('p', { class: 'warning hidden', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary' }, t('placeOrder'));
    const remainingText = h('small', { class: 'hint' });

    const budget = lines
      ? h(
          'select',
          { name: 'line', required: true },
          h('option', { value: '' }, t('chooseLine')),
          lines.map((line) =>
            h('option', { value: `${line.fiscalYear}/${line.accountCode}` }, `${line.accountCode} (${line.fiscalYear}) · ${formatRupiah(remainingOf(line))}`),
          ),
        )
      : null;
    const manualYear = h('input', { name: 'fiscalYear', type: 'number', min: 2000, value: String(fiscalYear), required: true });
    const manualAccount = h('input', { name: 'accountCode', pattern: '5[23][0-9]{4}', inputmode: 'numeric', required: true, placeholder: '521211' });

    const chosen = () => {
      if (!budget) return { fiscalYear: Number(manualYear.value), accountCode: manualAccount.value.trim() };
      const line = lines.find((l) => `${l.fiscalYear}/${l.accountCode}` === budget.value);
      return line && { fiscalYear: Number(line.fiscalYear), accountCode: line.accountCode, remainingIdr: remainingOf(line) };
    };
    const total = () => sum([cart.subtotal(group.vendorId), shipping.value() ?? '0']);

    function check() {
      totalText.textContent = formatRupiah(total());
      const line = chosen();
      remainingText.textContent = line?.remainingIdr ? `${t('remaining')}: ${formatRupiah(line.remainingIdr)}` : '';
      const problems = [
        line?.remainingIdr && compare(total(), line.remainingIdr) > 0 && t('overRemaining'),
        !user.ppk && compare(total(), PPK_THRESHOLD_IDR) > 0 && t('needsPpk'),
      ].filter(Boolean);
      warning.textContent = problems.join(' ');
      warning.classList.toggle('hidden', !problems.length);
      submit.disabled = problems.length > 0;
    }
    for (const control of [shipping.input, budget ?? manualAccount]) control.addEventListener('input', check);

    const quantityInput = (item) =>
      h('input', {
        type: 'number',
        min: 0,
        step: 1,
        value: String(item.quantity),
        class: 'qty',
        'aria-label': t('quantity'),
        onchange: (event) => (cart.setQuantity(group.vendorId, item.productId, Math.max(0, Math.floor(Number(event.target.value)))), render()),
      });

    const form = h(
      'form',
      {
        class: 'card vendor-order',
        onsubmit: (event) => {
          event.preventDefault();
          const line = chosen();
          if (!line) return;
          busy(submit, async () => {
            const order = await api.post(
              '/api/orders',
              {
                fiscalYear: line.fiscalYear,
                accountCode: line.accountCode,
                lines: items.map((item) => ({ productId: item.productId, quantity: item.quantity })),
                ...(rupCode.value.trim() ? { rupCode: rupCode.value.trim() } : {}),
                ...(shipping.value() && shipping.value() !== '0' ? { shippingFeeIdr: shipping.value() } : {}),
                ...(justification.value.trim() ? { justification: justification.value.trim() } : {}),
              },
              { 'Idempotency-Key': cart.idempotencyKey(group.vendorId) },
            );
            cart.remove(group.vendorId);
            toast(t('orderPlaced'), 'success');
            navigate(`#/orders/${order.id}`);
          });
        },
      },
      h('h2', {}, group.vendorName || `${t('vendor')} ${group.vendorId.slice(0, 8)}`, ' ', umkBadge(group.vendorUmk)),
      table(
        [
          { label: t('product'), cell: (item) => [item.name, ' ', tierBadge(item.pdnTier)] },
          { label: t('unitPrice'), align: 'end', cell: (item) => [formatRupiah(item.priceIdr), h('small', {}, ` / ${item.unit}`)] },
          { label: t('quantity'), align: 'end', cell: quantityInput },
          { label: t('subtotal'), align: 'end', cell: (item) => formatRupiah(times(item.priceIdr, item.quantity)) },
          {
            label: '',
            cell: (item) =>
              h(
                'button',
                { type: 'button', class: 'link danger', onclick: () => (cart.setQuantity(group.vendorId, item.productId, 0), render()) },
                t('remove'),
              ),
          },
        ],
        items,
      ),
      h(
        'div',
        { class: 'form-grid' },
        budget
          ? field(t('budgetLine'), budget, remainingText)
          : [
              h('p', { class: 'hint span-all' }, t('linesUnavailable')),
              field(t('fiscalYear'), manualYear),
              field(t('accountCode'), manualAccount, t('accountHint')),
            ],
        field(t('shippingFee'), shipping.element),
        field(t('rupCode'), rupCode),
        h('div', { class: 'span-all' }, field(t('justification'), justification, t('justificationHint'))),
      ),
      h('div', { class: 'checkout' }, h('span', {}, `${t('total')}: `, totalText), submit),
      warning,
    );
    check();
    return form;
  }

  render();
}
