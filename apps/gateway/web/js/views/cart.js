// Officer: the cart, one order per vendor, placed against a budget line of the officer's satker:
// at the listed prices or as a negotiation, in one delivery or in payment terms, by a delivery date.
import { api } from '../api.js';
import { addTerm, MAX_TERMS, removeTerm, termProblems, termValue } from '../contract.js';
import { busy, field, h, isoDate, itemsOf, replace, table, toast } from '../dom.js';
import { t } from '../i18n.js';
import { compare, formatRupiah, sum, times } from '../money.js';
import { rupiahInput, tierBadge, umkBadge } from './widgets.js';

const PPK_THRESHOLD_IDR = '200000000';

/** What the officer is told after placing, by the status the order starts in. */
const PLACED_MESSAGES = { NEGOTIATING: 'negotiationOpened', AWAITING_APPROVAL: 'awaitingApprovalPlaced', PENDING_BUDGET: 'orderPlaced' };

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
    const draft = cart.draft(group.vendorId);
    const save = (changes) => cart.setDraft(group.vendorId, changes);
    // what the officer fills in is kept in the draft, so a change of quantities or of negotiation keeps it
    const shipping = rupiahInput({ name: 'shippingFeeIdr', placeholder: '0', value: draft.shippingFeeIdr });
    const rupCode = h('input', { name: 'rupCode', maxlength: 40, value: draft.rupCode, oninput: (event) => save({ rupCode: event.target.value }) });
    const justification = h('textarea', {
      name: 'justification',
      rows: 2,
      minlength: 20,
      maxlength: 1000,
      value: draft.justification,
      oninput: (event) => save({ justification: event.target.value }),
    });
    shipping.input.addEventListener('input', () => save({ shippingFeeIdr: shipping.value() ?? undefined }));
    const deliveryDate = h('input', {
      name: 'deliveryDate',
      type: 'date',
      min: isoDate(),
      value: draft.deliveryDate,
      onchange: (event) => save({ deliveryDate: event.target.value }),
    });
    const negotiate = h('input', {
      type: 'checkbox',
      name: 'negotiate',
      checked: draft.negotiate,
      onchange: (event) => (save({ negotiate: event.target.checked }), render()),
    });
    const totalText = h('strong', { class: 'total' });
    const warning = h('p', { class: 'warning hidden', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary' }, t(draft.negotiate ? 'openNegotiation' : 'placeOrder'));
    const remainingText = h('small', { class: 'hint' });

    // In a negotiation each product carries the price the officer proposes and its shipping.
    const offered = new Map(
      items.map((item) => {
        const price = rupiahInput({ name: 'unitPriceIdr', value: draft.prices[item.productId] ?? item.priceIdr, required: true });
        const lineShipping = rupiahInput({ name: 'shippingIdr', value: draft.shipping[item.productId], placeholder: '0' });
        price.input.addEventListener('input', () => price.value() !== null && save({ prices: { ...draft.prices, [item.productId]: price.value() } }));
        lineShipping.input.addEventListener('input', () => save({ shipping: { ...draft.shipping, [item.productId]: lineShipping.value() ?? '0' } }));
        return [item.productId, { price, shipping: lineShipping }];
      }),
    );
    const unitPrice = (item) => (draft.negotiate ? (offered.get(item.productId).price.value() ?? item.priceIdr) : item.priceIdr);
    const shippingTotal = () => (draft.negotiate ? sum(items.map((item) => offered.get(item.productId).shipping.value() ?? '0')) : (shipping.value() ?? '0'));
    const subtotalCells = new Map(items.map((item) => [item.productId, h('span')]));

    const budget = lines
      ? h(
          'select',
          { name: 'line', required: true },
          h('option', { value: '' }, t('chooseLine')),
          lines.map((line) =>
            h(
              'option',
              { value: `${line.fiscalYear}/${line.accountCode}`, selected: draft.line === `${line.fiscalYear}/${line.accountCode}` },
              `${line.accountCode} (${line.fiscalYear}) · ${formatRupiah(remainingOf(line))}`,
            ),
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
    const total = () => sum([...items.map((item) => times(unitPrice(item), item.quantity)), shippingTotal()]);

    // Payment terms: one row per term, one quantity per product, each term's value as priced now.
    const termsBox = h('div', { class: 'terms-editor span-all' });
    let termValueCells = [];
    const quantities = () => items.map((item) => item.quantity);

    function renderTerms() {
      const setQuantity = (i, j, value) => {
        draft.terms[i].quantities[j] = Math.max(0, Math.floor(Number(value) || 0));
        save({ terms: draft.terms });
        check();
      };
      const rows = draft.terms.map((term, i) => ({ ...term, index: i }));
      termValueCells = rows.map(() => h('span', { 'data-field': 'termValue' }));
      replace(
        termsBox,
        h('h3', {}, t('paymentTerms')),
        rows.length
          ? table(
              [
                { label: t('term'), cell: (term) => t('termNo', { term: term.index + 1 }) },
                ...items.map((item, j) => ({
                  label: item.name,
                  align: 'end',
                  cell: (term) =>
                    h('input', {
                      type: 'number',
                      min: 0,
                      step: 1,
                      class: 'qty',
                      name: `term-${term.index + 1}-line-${j + 1}`,
                      'aria-label': `${t('termNo', { term: term.index + 1 })} · ${item.name}`,
                      value: String(term.quantities[j] ?? 0),
                      onchange: (event) => setQuantity(term.index, j, event.target.value),
                    }),
                })),
                {
                  label: t('deliveryDate'),
                  cell: (term) =>
                    h('input', {
                      type: 'date',
                      name: `term-${term.index + 1}-deliveryDate`,
                      min: isoDate(),
                      value: term.deliveryDate,
                      onchange: (event) => ((draft.terms[term.index].deliveryDate = event.target.value), save({ terms: draft.terms })),
                    }),
                },
                { label: t('termValue'), align: 'end', cell: (term) => termValueCells[term.index] },
                {
                  label: '',
                  cell: (term) =>
                    h(
                      'button',
                      { type: 'button', class: 'link danger', onclick: () => (save({ terms: removeTerm(draft.terms, term.index) }), renderTerms(), check()) },
                      t('remove'),
                    ),
                },
              ],
              rows,
              { rowClass: (term) => `term-${term.index + 1}` },
            )
          : h('p', { class: 'hint' }, t('oneTermHint')),
        h(
          'button',
          {
            type: 'button',
            name: 'addTerm',
            disabled: draft.terms.length >= MAX_TERMS,
            onclick: () => (save({ terms: addTerm(draft.terms, quantities()) }), renderTerms(), check()),
          },
          t('addTerm'),
        ),
      );
    }

    function check() {
      totalText.textContent = formatRupiah(total());
      for (const item of items) subtotalCells.get(item.productId).textContent = formatRupiah(times(unitPrice(item), item.quantity));
      const prices = items.map(unitPrice);
      draft.terms.forEach((term, i) => {
        if (termValueCells[i]) termValueCells[i].textContent = formatRupiah(termValue(prices, term.quantities, shippingTotal(), i === draft.terms.length - 1));
      });
      const line = chosen();
      remainingText.textContent = line?.remainingIdr ? `${t('remaining')}: ${formatRupiah(line.remainingIdr)}` : '';
      const problems = [
        line?.remainingIdr && compare(total(), line.remainingIdr) > 0 && t('overRemaining'),
        !user.ppk && compare(total(), PPK_THRESHOLD_IDR) > 0 && t('needsPpk'),
        ...(draft.negotiate ? items.filter((item) => compare(unitPrice(item), item.priceIdr) > 0).map((item) => t('offerAboveList', { name: item.name })) : []),
        ...termProblems(quantities(), draft.terms).map(({ key, vars }) => t(key, vars)),
      ].filter(Boolean);
      warning.textContent = problems.join(' ');
      warning.classList.toggle('hidden', !problems.length);
      submit.disabled = problems.length > 0;
    }
    budget?.addEventListener('change', () => save({ line: budget.value }));
    for (const control of [shipping.input, budget ?? manualAccount]) control.addEventListener('input', check);
    for (const { price, shipping: lineShipping } of offered.values())
      for (const control of [price.input, lineShipping.input]) control.addEventListener('input', check);

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

    /** The order as POST /api/orders takes it: negotiation, terms and delivery date only when the officer set them. */
    const request = (line) => ({
      fiscalYear: line.fiscalYear,
      accountCode: line.accountCode,
      lines: items.map((item) => ({
        productId: item.productId,
        quantity: item.quantity,
        ...(draft.negotiate ? { unitPriceIdr: unitPrice(item), shippingIdr: offered.get(item.productId).shipping.value() ?? '0' } : {}),
      })),
      ...(draft.negotiate ? { negotiate: true } : {}),
      ...(draft.terms.length
        ? { terms: draft.terms.map((term) => ({ quantities: term.quantities, ...(term.deliveryDate ? { deliveryDate: term.deliveryDate } : {}) })) }
        : {}),
      ...(deliveryDate.value ? { deliveryDate: deliveryDate.value } : {}),
      ...(rupCode.value.trim() ? { rupCode: rupCode.value.trim() } : {}),
      ...(!draft.negotiate && shipping.value() && shipping.value() !== '0' ? { shippingFeeIdr: shipping.value() } : {}),
      ...(justification.value.trim() ? { justification: justification.value.trim() } : {}),
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
            const order = await api.post('/api/orders', request(line), { 'Idempotency-Key': cart.idempotencyKey(group.vendorId) });
            cart.remove(group.vendorId);
            toast(t(PLACED_MESSAGES[order.status] ?? 'orderPlaced'), 'success');
            navigate(`#/orders/${order.id}`);
          });
        },
      },
      h('h2', {}, group.vendorName || `${t('vendor')} ${group.vendorId.slice(0, 8)}`, ' ', umkBadge(group.vendorUmk)),
      table(
        [
          { label: t('product'), cell: (item) => [item.name, ' ', tierBadge(item.pdnTier)] },
          {
            label: t(draft.negotiate ? 'listPrice' : 'unitPrice'),
            align: 'end',
            cell: (item) => [formatRupiah(item.priceIdr), h('small', {}, ` / ${item.unit}`)],
          },
          ...(draft.negotiate
            ? [
                { label: t('proposedPrice'), align: 'end', cell: (item) => offered.get(item.productId).price.element },
                { label: t('lineShipping'), align: 'end', cell: (item) => offered.get(item.productId).shipping.element },
              ]
            : []),
          { label: t('quantity'), align: 'end', cell: quantityInput },
          { label: t('subtotal'), align: 'end', cell: (item) => subtotalCells.get(item.productId) },
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
      h('label', { class: 'check negotiate' }, negotiate, t('negotiate')),
      draft.negotiate ? h('p', { class: 'hint' }, t('negotiateHint')) : null,
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
        draft.negotiate ? null : field(t('shippingFee'), shipping.element),
        field(t('deliveryDate'), deliveryDate, t('deliveryDateHint')),
        field(t('rupCode'), rupCode),
        h('div', { class: 'span-all' }, field(t('justification'), justification, t('justificationHint'))),
        termsBox,
      ),
      user.ppk ? null : h('p', { class: 'hint' }, t('needsApprovalHint')),
      h('div', { class: 'checkout' }, h('span', {}, `${t('total')}: `, totalText), submit),
      warning,
    );
    renderTerms();
    check();
    return form;
  }

  render();
}
