import type { OrderOffer } from '#serapan/contracts';
import type { AddendumViewDto, OfferViewDto, OrderLineViewDto, OrderViewDto, TermViewDto, TimelineEntryDto } from './dto/order-view.dto.js';
import type { PricedOffer } from './negotiation/negotiation-rules.js';
import type { OrderRow } from './order.sql.js';
import type { PlannedTerm } from './placement/contract-opening.js';
import type { TermRow } from './terms/order-terms.sql.js';

/** A line as stored (an OrderLine entity, or the same fields in memory). */
export interface StoredLine extends OrderLineViewDto {
  lineNo: number;
}

/** A timeline entry as stored. */
export interface StoredTimelineEntry {
  id?: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  cause: string;
  at: Date;
}

/** What an order view shows besides the order row; each part is left empty when not read (the list). */
export interface OrderParts {
  lines?: StoredLine[];
  timeline?: StoredTimelineEntry[];
  terms?: TermViewDto[];
  offers?: OfferViewDto[];
  addenda?: AddendumViewDto[];
  /** Offers a negotiation allows in all (the order rules'). */
  maxOffers?: number;
}

/** An order as the API shows it: money as decimal strings, lines, terms, offers, addenda and timeline in order. */
export function orderView(order: OrderRow & OrderParts): OrderViewDto {
  const offers = order.offers ?? [];
  return {
    id: order.id,
    status: order.status,
    satkerCode: order.satkerCode,
    klCode: order.klCode,
    vendorId: order.vendorId,
    vendorName: order.vendorName,
    fiscalYear: order.fiscalYear,
    accountCode: order.accountCode,
    rupCode: order.rupCode,
    shippingFeeIdr: order.shippingFeeIdr,
    totalIdr: order.totalIdr,
    pdnIdr: order.pdnIdr,
    umkIdr: order.umkIdr,
    placedBy: order.placedBy,
    vendorDeadlineAt: order.vendorDeadlineAt,
    purchaseOrderNumber: order.purchaseOrderNumber,
    bastNumber: order.bastNumber,
    receivedOn: order.receivedOn,
    sp2dNumber: order.sp2dNumber,
    paidOn: order.paidOn,
    reason: order.reason,
    justification: order.justification,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    version: order.version,
    deliveryDate: order.deliveryDate,
    penaltyIdr: order.penaltyIdr,
    approvedBy: order.approvedBy,
    placedByPpk: order.placedByPpk,
    lines: [...(order.lines ?? [])]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map(({ lineNo, productId, sku, name, unit, quantity, unitPriceIdr, subtotalIdr, listPriceIdr, shippingIdr, pdnTier, vendorUmk }) => ({
        lineNo,
        productId,
        sku,
        name,
        unit,
        quantity,
        unitPriceIdr,
        subtotalIdr,
        listPriceIdr,
        shippingIdr,
        pdnTier,
        vendorUmk,
      })),
    terms: order.terms ?? [],
    negotiation:
      offers.length > 0
        ? { deadlineAt: order.status === 'NEGOTIATING' ? order.negotiationDeadlineAt : null, maxOffers: order.maxOffers ?? offers.length, offers }
        : null,
    addenda: order.addenda ?? [],
    timeline: [...(order.timeline ?? [])]
      .sort((a, b) => Number(a.id ?? 0) - Number(b.id ?? 0))
      .map(({ fromStatus, toStatus, actor, cause, at }): TimelineEntryDto => ({ from: fromStatus, to: toStatus, actor, cause, at })),
  };
}

/** A stored term as the API shows it. */
export function termView(term: TermRow): TermViewDto {
  const { termNo, status, deliveryDate, quantities, valueIdr, bastNumber, receivedOn, daysLate, penaltyIdr, sp2dNumber, paidOn } = term;
  return { termNo, status, deliveryDate, quantities, valueIdr, bastNumber, receivedOn, daysLate, penaltyIdr, sp2dNumber, paidOn };
}

/** A term just planned, before anything happened to it. */
export function plannedTermView(term: PlannedTerm): TermViewDto {
  return {
    termNo: term.termNo,
    status: 'PLANNED',
    deliveryDate: term.deliveryDate,
    quantities: term.quantities,
    valueIdr: term.valueIdr.toString(),
    bastNumber: null,
    receivedOn: null,
    daysLate: null,
    penaltyIdr: '0',
    sp2dNumber: null,
    paidOn: null,
  };
}

/** An offer's lines as stored and as events carry them. */
export function offerData(offer: PricedOffer): Pick<OrderOffer, 'totalIdr' | 'lines'> {
  return {
    totalIdr: offer.totalIdr.toString(),
    lines: offer.lines.map((l) => ({ lineNo: l.lineNo, unitPriceIdr: l.unitPriceIdr.toString(), shippingIdr: l.shippingIdr.toString() })),
  };
}

/** An offer just made, as the API shows it. */
export function offerView(
  offer: PricedOffer,
  actor: string,
  at: Date,
  round = 1,
  party: 'officer' | 'vendor' = 'officer',
  note: string | null = null,
): OfferViewDto {
  return { round, party, actor, at, note, ...offerData(offer) };
}

export type OrderView = OrderViewDto;

/**
 * How the budget words its answers (apps/budget reservation and amendment
 * rules, and the order service's notes of them), with the figures of the
 * buyer's line cut out: what a line has left is the buyer's business.
 */
const LINE_FIGURES: readonly [RegExp, string][] = [
  [/; \d+ of the line remains/g, ''],
  [/the remaining pagu \d+ of line/g, 'the remaining pagu of line'],
];

/** `text` without the remaining figures of a budget line. */
export function withoutLineFigures(text: string): string {
  return LINE_FIGURES.reduce((clean, [figure, words]) => clean.replace(figure, words), text);
}

/** An order as its vendor sees it: no reason, outcome or timeline entry tells what the buyer's budget line has left. */
export function vendorOrderView(view: OrderViewDto): OrderViewDto {
  return {
    ...view,
    reason: view.reason === null ? null : withoutLineFigures(view.reason),
    addenda: view.addenda.map((a) => ({ ...a, reason: withoutLineFigures(a.reason), outcome: a.outcome === null ? null : withoutLineFigures(a.outcome) })),
    timeline: view.timeline.map((entry) => ({ ...entry, cause: withoutLineFigures(entry.cause) })),
  };
}
