import type { OrderLineSnapshot } from '#serapan/contracts';
import { ConflictError, InvalidRequestError, ScopeError } from '#serapan/service';
import { MAX_RUPIAH } from '../placement/placement-arithmetic.js';
import { figures } from '../terms/term-arithmetic.js';

/** Who makes an offer: the buying officer or the vendor. */
export type Party = 'officer' | 'vendor';

/** A line as an offer prices it. */
export interface OfferLineInput {
  lineNo: number;
  unitPriceIdr: string;
  shippingIdr: string;
}

/** A contract line an offer may price: its quantity, listed price and tier. */
export interface NegotiableLine {
  lineNo: number;
  quantity: number;
  listPriceIdr: bigint;
  pdnTier: OrderLineSnapshot['pdnTier'];
}

/** An offer's figures: per line the unit price, subtotal and shipping; the order's totals. */
export interface PricedOffer {
  lines: { lineNo: number; unitPriceIdr: bigint; subtotalIdr: bigint; shippingIdr: bigint }[];
  shippingIdr: bigint;
  totalIdr: bigint;
  pdnIdr: bigint;
  umkIdr: bigint;
}

/**
 * Prices an offer: one entry per order line, a unit price of at least 1 and
 * never above the listed price (e-Katalog negotiates down from the listing),
 * shipping of 0 or more per line. Throws a 400 naming the field
 * (`<field>[i].unitPriceIdr`).
 */
export function priceOffer(lines: readonly NegotiableLine[], offer: readonly OfferLineInput[], vendorUmk: boolean, field = 'lines'): PricedOffer {
  const byNo = new Map(offer.map((o, i) => [o.lineNo, { ...o, i }]));
  if (byNo.size !== offer.length) throw new InvalidRequestError(`${field}: each lineNo once`);
  for (const [i, o] of offer.entries()) {
    if (!lines.some((l) => l.lineNo === o.lineNo)) throw new InvalidRequestError(`${field}[${i}].lineNo ${o.lineNo} is not a line of this order`);
  }
  let shippingIdr = 0n;
  const priced = lines.map((line) => {
    const o = byNo.get(line.lineNo);
    if (!o) throw new InvalidRequestError(`${field}: line ${line.lineNo} has no price; an offer prices every line`);
    const unitPriceIdr = BigInt(o.unitPriceIdr);
    if (unitPriceIdr < 1n) throw new InvalidRequestError(`${field}[${o.i}].unitPriceIdr must be at least 1`);
    if (unitPriceIdr > line.listPriceIdr) {
      throw new InvalidRequestError(
        `${field}[${o.i}].unitPriceIdr ${unitPriceIdr} is above the listed price ${line.listPriceIdr}; a negotiation only lowers it`,
      );
    }
    const subtotalIdr = unitPriceIdr * BigInt(line.quantity);
    const shipping = BigInt(o.shippingIdr);
    shippingIdr += shipping;
    return { lineNo: line.lineNo, unitPriceIdr, subtotalIdr, shippingIdr: shipping, pdnTier: line.pdnTier };
  });
  const { amountIdr: totalIdr, pdnIdr, umkIdr } = figures(priced, shippingIdr, vendorUmk);
  if (totalIdr > MAX_RUPIAH) throw new InvalidRequestError(`${field}: the offer's total ${totalIdr} is more than ${MAX_RUPIAH} rupiah`);
  return { lines: priced.map(({ pdnTier: _tier, ...line }) => line), shippingIdr, totalIdr, pdnIdr, umkIdr };
}

/** What the turn rules need of a negotiation. */
export interface NegotiationState {
  /** Who made each offer so far, in order (the officer made the first, at opening). */
  parties: readonly Party[];
  deadlineAt: Date;
  maxOffers: number;
}

/** Whether `party` may make the next offer now: before the deadline, in turn, within the rounds allowed. Throws 409 saying why. */
export function assertMayOffer(negotiation: NegotiationState, party: Party, now: Date): void {
  assertOpen(negotiation, now);
  const last = negotiation.parties.at(-1);
  if (last === party) throw new ConflictError(`the last offer is yours; wait for the ${party === 'officer' ? 'vendor' : 'officer'} to answer it, or agree`);
  if (negotiation.parties.length >= negotiation.maxOffers) {
    throw new ConflictError(`this negotiation has had its ${negotiation.maxOffers} offers; agree to the last one or withdraw`);
  }
}

/** Whether `party` may agree now: only to the other side's last offer, before the deadline. */
export function assertMayAgree(negotiation: NegotiationState, party: Party, now: Date): void {
  assertOpen(negotiation, now);
  if (negotiation.parties.at(-1) === party)
    throw new ConflictError(`the last offer is yours; only the ${party === 'officer' ? 'vendor' : 'officer'} can agree to it`);
}

function assertOpen(negotiation: NegotiationState, now: Date): void {
  if (now >= negotiation.deadlineAt) throw new ConflictError(`the negotiation closed at ${negotiation.deadlineAt.toISOString()}`);
}

/** The side a user negotiates for: the order's officer or its vendor (the access policy has checked which). */
export function partyOf(role: string): Party {
  if (role === 'officer') return 'officer';
  if (role === 'vendor') return 'vendor';
  throw new ScopeError('only the ordering officer and the vendor negotiate');
}
