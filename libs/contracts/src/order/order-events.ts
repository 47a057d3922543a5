import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { PDN_TIERS } from '../catalog/product-events.js';
import { ACCOUNT_CODE, DATE, IsRupiah, IsSignedRupiah, KL_CODE, PURCHASE_ORDER_NUMBER, SATKER_CODE } from '../validators.js';

/**
 * A line's tier as order events carry it. `none` is the tier name of events
 * written before the five tiers (an order topic keeps a year of events); a
 * reader takes it as `import`.
 */
export const ORDER_LINE_TIERS = [...PDN_TIERS, 'none'] as const;

export class OrderLineSnapshot {
  @IsUUID() productId: string;
  @IsInt() @Min(1) quantity: number;
  @IsRupiah() unitPriceIdr: string;
  @IsRupiah() subtotalIdr: string;
  @IsIn(ORDER_LINE_TIERS) pdnTier: (typeof ORDER_LINE_TIERS)[number];
  @IsBoolean() vendorUmk: boolean;
}

/** A part of a line as the budget books it: the tier it counts in and its amount. */
export class SpendLine {
  @IsIn(ORDER_LINE_TIERS) pdnTier: (typeof ORDER_LINE_TIERS)[number];
  @IsRupiah() subtotalIdr: string;
}

/**
 * Money the budget moves for one step of an order (a term's payment, a
 * penalty): the amount, its PDN and UMK parts, and per line the part counted
 * in each tier. The lines sum to the amount less the shipping in it.
 */
export class Spend {
  @IsRupiah() amountIdr: string;
  @IsRupiah() pdnIdr: string;
  @IsRupiah() umkIdr: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => SpendLine) lines: SpendLine[];
}

/** A line's change as an addendum makes it: negative where it takes away. */
export class SpendLineChange {
  @IsIn(ORDER_LINE_TIERS) pdnTier: (typeof ORDER_LINE_TIERS)[number];
  @IsSignedRupiah() subtotalIdr: string;
}

/** How an addendum changes an order's money, per part; any part may fall while another rises. */
export class SpendChange {
  @IsSignedRupiah() amountIdr: string;
  @IsSignedRupiah() pdnIdr: string;
  @IsSignedRupiah() umkIdr: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => SpendLineChange) lines: SpendLineChange[];
}

/** One payment term (termin) as the events from shipment on report it. */
export class OrderTermFacts {
  @IsInt() @Min(1) termNo: number;
  @IsInt() @Min(1) termCount: number;
  /** The term's value: its delivered quantities at the agreed prices (the last term also carries the shipping). */
  @IsRupiah() valueIdr: string;
  /** The agreed delivery date of the term. */
  @Matches(DATE) deliveryDate: string;
  @IsOptional() @IsString() bastNumber?: string;
  @IsOptional() @Matches(DATE) receivedOn?: string;
  /** Calendar days the receipt came after the delivery date. */
  @IsOptional() @IsInt() @Min(0) daysLate?: number;
  /** The late penalty computed at receipt, deducted from what is paid. */
  @IsOptional() @IsRupiah() penaltyIdr?: string;
  @IsOptional() @IsString() sp2dNumber?: string;
  @IsOptional() @Matches(DATE) paidOn?: string;
}

/**
 * What the budget books when a term is paid: `paid` is realised (the term's
 * value less its penalty), `penalty` is released. `final` on the last term:
 * the order is complete and nothing of it stays committed.
 */
export class OrderTermPayment {
  @IsInt() @Min(1) termNo: number;
  @IsBoolean() final: boolean;
  @ValidateNested() @Type(() => Spend) paid: Spend;
  @ValidateNested() @Type(() => Spend) penalty: Spend;
}

/** One offer of a negotiation, for one line: the proposed unit price (never above the listed one) and shipping. */
export class OfferLine {
  @IsInt() @Min(1) lineNo: number;
  @IsRupiah() unitPriceIdr: string;
  @IsRupiah() shippingIdr: string;
}

export class OrderOffer {
  @IsInt() @Min(1) round: number;
  @IsIn(['officer', 'vendor']) party: 'officer' | 'vendor';
  @IsRupiah() totalIdr: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => OfferLine) lines: OfferLine[];
}

/** An addendum (change order) as its events report it; `change` is what it does to the order's money. */
export class OrderAddendumFacts {
  @IsInt() @Min(1) number: number;
  @IsOptional() @IsString() reason?: string;
  @ValidateNested() @Type(() => SpendChange) change: SpendChange;
}

/**
 * Every order event carries the order's spend facts, so consumers (the budget,
 * the catalog's stock) need no other source. `pdnIdr` and `umkIdr` are the parts
 * of `totalIdr` spent on domestic products (every tier but `import`) and on small businesses.
 */
export class OrderEventData {
  @IsUUID() orderId: string;
  @Matches(SATKER_CODE) satkerCode: string;
  @Matches(KL_CODE) klCode: string;
  @IsUUID() vendorId: string;
  @IsInt() @Min(2000) fiscalYear: number;
  @Matches(ACCOUNT_CODE) accountCode: string;
  @IsRupiah() totalIdr: string;
  @IsRupiah() pdnIdr: string;
  @IsRupiah() umkIdr: string;
  @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => OrderLineSnapshot) lines: OrderLineSnapshot[];
  /** True when the vendor had accepted, i.e. stock was taken for this order. */
  @IsBoolean() stockTaken: boolean;
  @IsOptional() @IsString() reason?: string;
  /** The purchase-order number (nomor surat pesanan), from the budget's confirmation on. */
  @IsOptional() @Matches(PURCHASE_ORDER_NUMBER) purchaseOrderNumber?: string;
  /** The BAST (handover report) number and date, from receipt on. */
  @IsOptional() @IsString() bastNumber?: string;
  @IsOptional() @Matches(DATE) receivedOn?: string;
  /**
   * The treasury's payment order (SP2D) number and date, on `order.paid`:
   * the budget dates the realisation by `paidOn`, not by when it processed the
   * event. Never before `receivedOn`.
   */
  @IsOptional() @IsString() sp2dNumber?: string;
  @IsOptional() @Matches(DATE) paidOn?: string;
  /** The officer's written reason for ordering below a better PDN tier listed in the same category (the preference cascade). */
  @IsOptional() @IsString() justification?: string;
  /** The contract's version: 1 as placed, one more for every addendum applied. */
  @IsOptional() @IsInt() @Min(1) version?: number;
  /** The PPK who approved the purchase order (the officer's own name when a PPK placed it). */
  @IsOptional() @IsString() approvedBy?: string;
  /** The agreed delivery date of the last term. */
  @IsOptional() @Matches(DATE) deliveryDate?: string;
  /** On order.shipped, order.received and order.paid: the term the step was for. */
  @IsOptional() @ValidateNested() @Type(() => OrderTermFacts) term?: OrderTermFacts;
  /** On order.paid: what the budget realises and releases for the term. */
  @IsOptional() @ValidateNested() @Type(() => OrderTermPayment) payment?: OrderTermPayment;
  /** On negotiation events: the offer made or agreed. */
  @IsOptional() @ValidateNested() @Type(() => OrderOffer) offer?: OrderOffer;
  /** On addendum events and order.amended; on order.addendum-agreed the order's figures are those after it. */
  @IsOptional() @ValidateNested() @Type(() => OrderAddendumFacts) addendum?: OrderAddendumFacts;
}

export class OrderPlacedEvent extends OrderEventData {}
export class OrderRejectedEvent extends OrderEventData {}
export class OrderAcceptedEvent extends OrderEventData {}
export class OrderDeclinedEvent extends OrderEventData {}
export class OrderShippedEvent extends OrderEventData {}
export class OrderReceivedEvent extends OrderEventData {}
export class OrderPaidEvent extends OrderEventData {}
export class OrderCancelledEvent extends OrderEventData {}
export class OrderConfirmedEvent extends OrderEventData {}
export class OrderNegotiationOpenedEvent extends OrderEventData {}
export class OrderOfferMadeEvent extends OrderEventData {}
export class OrderNegotiationAgreedEvent extends OrderEventData {}
export class OrderApprovalRequestedEvent extends OrderEventData {}
export class OrderApprovalRefusedEvent extends OrderEventData {}
export class OrderAddendumProposedEvent extends OrderEventData {}
export class OrderAddendumAgreedEvent extends OrderEventData {}
export class OrderAddendumRefusedEvent extends OrderEventData {}
export class OrderAddendumRejectedEvent extends OrderEventData {}
export class OrderAmendedEvent extends OrderEventData {}
