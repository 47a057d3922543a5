import { InvalidRequestError } from '#serapan/service';
import type { OrderStatus } from '../lifecycle/order-state.js';
import { priceOffer, PricedOffer } from '../negotiation/negotiation-rules.js';
import { assertTermsCoverLines, shippingOfTerm, TermQuantity, termSpend } from '../terms/term-arithmetic.js';
import type { PlaceOrderDto } from './dto/place-order.dto.js';
import type { PricedOrder } from './placement-arithmetic.js';

/** Days from placement to the delivery date when the officer names none. */
export const DEFAULT_DELIVERY_DAYS = 14;

/** A planned payment term. */
export interface PlannedTerm {
  termNo: number;
  quantities: TermQuantity[];
  deliveryDate: string;
  valueIdr: bigint;
}

/** How an order opens: its first state, its prices (proposed ones in a negotiation), its terms and delivery date. */
export interface OpenedContract {
  status: Extract<OrderStatus, 'NEGOTIATING' | 'AWAITING_APPROVAL' | 'PENDING_BUDGET'>;
  priced: PricedOrder;
  terms: PlannedTerm[];
  deliveryDate: string;
  /** A negotiation's first offer, the officer's. */
  offer?: PricedOffer;
}

/**
 * Opens an order (docs/domain.md, rules 21–23): as a negotiation when asked
 * (priced at the officer's proposal, which never passes the listing), else
 * waiting for a PPK's approval when its officer is a pejabat pengadaan, else
 * approved as placed and on to the budget. Plans its payment terms (one of
 * everything by default) and delivery dates (14 days out by default, at the
 * latest the fiscal year's end; always in the fiscal year). Throws a 400
 * naming the field.
 */
export function openContract(listed: PricedOrder, request: PlaceOrderDto, context: { today: string; ppk: boolean }): OpenedContract {
  const proposed = request.negotiate ? proposedPricing(listed, request) : undefined;
  const priced = proposed ?? listed;
  if (!request.negotiate) {
    const i = request.lines.findIndex((l) => l.unitPriceIdr !== undefined || l.shippingIdr !== undefined);
    if (i >= 0) throw new InvalidRequestError(`lines[${i}]: a unit price or shipping per line is proposed only in a negotiation (negotiate: true)`);
  }
  const yearEnd = `${request.fiscalYear}-12-31`;
  const fallback = addDays(context.today, DEFAULT_DELIVERY_DAYS);
  const deliveryDate = request.deliveryDate ?? (fallback < yearEnd ? fallback : yearEnd);
  assertInFiscalYear(deliveryDate, request.fiscalYear, 'deliveryDate');
  const quantities = request.terms?.map((t) => t.quantities) ?? [priced.lines.map((l) => l.quantity)];
  assertTermsCoverLines(priced.lines, quantities);
  const contractLines = priced.lines.map((l) => ({
    lineNo: l.lineNo,
    quantity: l.quantity,
    unitPriceIdr: l.unitPriceIdr ?? BigInt(l.product.priceIdr),
    pdnTier: l.product.pdnTier,
  }));
  const terms = quantities.map((q, i): PlannedTerm => {
    const termDate = request.terms?.[i]?.deliveryDate ?? deliveryDate;
    assertInFiscalYear(termDate, request.fiscalYear, `terms[${i}].deliveryDate`);
    const share = q.map((quantity, j) => ({ lineNo: priced.lines[j].lineNo, quantity }));
    const shipping = shippingOfTerm(i, quantities.length, priced.shippingFeeIdr);
    return { termNo: i + 1, quantities: share, deliveryDate: termDate, valueIdr: termSpend(contractLines, share, shipping, false).amountIdr };
  });
  const status = request.negotiate ? 'NEGOTIATING' : context.ppk ? 'PENDING_BUDGET' : 'AWAITING_APPROVAL';
  const last = terms.reduce((latest, t) => (t.deliveryDate > latest ? t.deliveryDate : latest), terms[0].deliveryDate);
  return { status, priced, terms, deliveryDate: last, ...(proposed ? { offer: proposed.offer } : {}) };
}

/** The order priced at the officer's proposal: unit prices (the listed ones where none is given) and shipping per line. */
function proposedPricing(listed: PricedOrder, request: PlaceOrderDto): PricedOrder & { offer: PricedOffer } {
  if (request.shippingFeeIdr !== undefined)
    throw new InvalidRequestError('shippingFeeIdr: in a negotiation, shipping is proposed per line (lines[i].shippingIdr)');
  const offer = priceOffer(
    listed.lines.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity, listPriceIdr: BigInt(l.product.priceIdr), pdnTier: l.product.pdnTier })),
    request.lines.map((l, i) => ({ lineNo: i + 1, unitPriceIdr: l.unitPriceIdr ?? listed.lines[i].product.priceIdr, shippingIdr: l.shippingIdr ?? '0' })),
    listed.lines[0].product.vendorUmk,
  );
  return {
    ...listed,
    lines: listed.lines.map((l, i) => ({
      ...l,
      unitPriceIdr: offer.lines[i].unitPriceIdr,
      subtotalIdr: offer.lines[i].subtotalIdr,
      shippingIdr: offer.lines[i].shippingIdr,
    })),
    shippingFeeIdr: offer.shippingIdr,
    totalIdr: offer.totalIdr,
    pdnIdr: offer.pdnIdr,
    umkIdr: offer.umkIdr,
    offer,
  };
}

/**
 * A delivery date falls in the order's fiscal year: the budget it spends is
 * that year's, and so is every payment (payment-rules.ts). It may lie before
 * today: an order agreed earlier is recorded with its contract's date, and a
 * receipt after that date counts late.
 */
export function assertInFiscalYear(date: string, fiscalYear: number, field: string): void {
  if (Number(date.slice(0, 4)) !== fiscalYear) throw new InvalidRequestError(`${field} ${date} is outside the order's fiscal year ${fiscalYear}`);
}

/** A date `days` calendar days after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
