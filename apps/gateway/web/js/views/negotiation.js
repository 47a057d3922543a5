// The negotiation thread on the order page: every offer with who made it and
// when, and for the party whose turn it is a counter-offer or agreement;
// either party may walk away while it runs.
import { api } from '../api.js';
import { offerTotal } from '../contract.js';
import { field, h, table, toast } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { compare, formatRupiah } from '../money.js';
import { lineName } from './terms.js';
import { actionForm, rupiahInput } from './widgets.js';

/** The side of the negotiation a user speaks for, if any. */
const partyOf = (user) => ({ officer: 'officer', vendor: 'vendor' })[user.role];

/** Whose turn it is: the party that did not make the last offer (anyone's, before the first). */
export const mayAnswer = (offers, party) => Boolean(party) && offers.at(-1)?.party !== party;

/** Shown while the order negotiates, and afterwards whenever it kept offers. */
export function negotiationSection(order, user, reload) {
  const negotiation = order.negotiation;
  const offers = negotiation?.offers ?? [];
  const open = order.status === 'NEGOTIATING';
  if (!open && !offers.length) return null;
  const party = partyOf(user);
  const maxOffers = negotiation?.maxOffers;
  const roundsLeft = maxOffers === undefined || offers.length < maxOffers;
  const answering = open && mayAnswer(offers, party);

  return h(
    'section',
    { class: 'negotiation' },
    h('h2', {}, t('negotiation')),
    h(
      'p',
      { class: 'hint' },
      [
        maxOffers !== undefined && t('offersUsed', { count: offers.length, max: maxOffers }),
        open && negotiation?.deadlineAt && t('negotiationDeadline', { at: formatDate(negotiation.deadlineAt) }),
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    offers.length
      ? h(
          'ol',
          { class: 'offers' },
          offers.map((offer) => offerEntry(order, offer)),
        )
      : h('p', { class: 'empty' }, t('noOffers')),
    open && party && !answering
      ? h('p', { class: 'hint', 'data-field': 'waitingForAnswer' }, t(`waitingFor.${party === 'officer' ? 'vendor' : 'officer'}`))
      : null,
    open && party
      ? h(
          'div',
          { class: 'steps' },
          answering && roundsLeft ? counterOfferForm(order, offers.at(-1), reload) : null,
          answering && offers.length ? agreeForm(order, offers.at(-1), reload) : null,
          withdrawForm(order, reload),
        )
      : null,
    open && answering && !roundsLeft ? h('p', { class: 'hint' }, t('lastOffer')) : null,
  );
}

function offerEntry(order, offer) {
  return h(
    'li',
    { class: `offer offer-${offer.party}`, 'data-round': String(offer.round) },
    h(
      'div',
      { class: 'offer-head' },
      h('strong', {}, t('offerRound', { round: offer.round })),
      h('span', { class: `badge party-${offer.party}` }, t(`party.${offer.party}`)),
      h('span', {}, offer.actor),
      h('time', { datetime: offer.at }, formatDate(offer.at)),
      h('strong', { class: 'offer-total', 'data-field': 'offerTotal' }, formatRupiah(offer.totalIdr)),
    ),
    h(
      'ul',
      { class: 'offer-lines' },
      (offer.lines ?? []).map((line) =>
        h(
          'li',
          {},
          `${lineName(order, line.lineNo)}: ${formatRupiah(line.unitPriceIdr)}`,
          line.shippingIdr && line.shippingIdr !== '0' ? ` · ${t('lineShipping')} ${formatRupiah(line.shippingIdr)}` : '',
        ),
      ),
    ),
    offer.note ? h('p', { class: 'offer-note' }, offer.note) : null,
  );
}

/** Prices and shipping per line, starting from the last offer; never above the listed price. */
function counterOfferForm(order, last, reload) {
  const lines = (order.lines ?? []).map((line, i) => {
    const lineNo = line.lineNo ?? i + 1;
    const offered = last?.lines?.find((l) => l.lineNo === lineNo);
    return {
      line,
      lineNo,
      price: rupiahInput({ name: 'unitPriceIdr', value: offered?.unitPriceIdr ?? line.unitPriceIdr, required: true }),
      shipping: rupiahInput({ name: 'shippingIdr', value: offered?.shippingIdr ?? line.shippingIdr ?? '0' }),
    };
  });
  const note = h('input', { name: 'note', maxlength: 500 });
  const totalText = h('strong', { 'data-field': 'counterTotal' });
  const warning = h('p', { class: 'warning hidden', role: 'alert' });
  const figures = () =>
    lines.map(({ line, lineNo, price, shipping }) => ({
      lineNo,
      quantity: line.quantity,
      unitPriceIdr: price.value() ?? '0',
      shippingIdr: shipping.value() ?? '0',
    }));
  const aboveList = () => lines.filter(({ line, price }) => line.listPriceIdr && price.value() !== null && compare(price.value(), line.listPriceIdr) > 0);
  const check = () => {
    totalText.textContent = formatRupiah(offerTotal(figures()));
    const problems = aboveList().map(({ line }) => t('offerAboveList', { name: line.name }));
    warning.textContent = problems.join(' ');
    warning.classList.toggle('hidden', !problems.length);
  };
  for (const { price, shipping } of lines) for (const control of [price.input, shipping.input]) control.addEventListener('input', check);
  check();

  return actionForm(
    t('counterOffer'),
    [
      table(
        [
          { label: t('product'), cell: ({ line }) => line.name },
          { label: t('quantity'), align: 'end', cell: ({ line }) => `${line.quantity} ${line.unit ?? ''}` },
          { label: t('listPrice'), align: 'end', cell: ({ line }) => formatRupiah(line.listPriceIdr) },
          { label: t('proposedPrice'), align: 'end', cell: ({ price }) => price.element },
          { label: t('lineShipping'), align: 'end', cell: ({ shipping }) => shipping.element },
        ],
        lines,
      ),
      field(t('offerNote'), note),
      h('p', {}, `${t('total')}: `, totalText),
      warning,
    ],
    async () => {
      if (aboveList().length) return;
      const body = { lines: figures().map(({ lineNo, unitPriceIdr, shippingIdr }) => ({ lineNo, unitPriceIdr, shippingIdr })) };
      if (note.value.trim()) body.note = note.value.trim();
      await api.post(`/api/orders/${order.id}/offers`, body);
      toast(t('offerSent'), 'success');
      await reload();
    },
    'primary',
    { step: 'offer' },
  );
}

function agreeForm(order, last, reload) {
  return actionForm(
    t('agreeOffer'),
    [h('p', {}, t('agreeOfferHint', { round: last.round, total: formatRupiah(last.totalIdr) }))],
    async () => {
      await api.post(`/api/orders/${order.id}/agree`, {});
      toast(t('offerAgreed'), 'success');
      await reload();
    },
    'primary',
    { step: 'agree' },
  );
}

function withdrawForm(order, reload) {
  const reason = h('input', { name: 'reason', maxlength: 500 });
  return actionForm(
    t('withdrawNegotiation'),
    [field(t('reason'), reason)],
    async () => {
      await api.post(`/api/orders/${order.id}/withdraw`, reason.value.trim() ? { reason: reason.value.trim() } : {});
      toast(t('done'), 'success');
      await reload();
    },
    'danger',
    { step: 'withdraw' },
  );
}
