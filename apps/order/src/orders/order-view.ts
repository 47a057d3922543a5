import type { OrderLineViewDto, OrderViewDto, TimelineEntryDto } from './dto/order-view.dto.js';
import type { OrderRow } from './order.sql.js';

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

/** An order as the API shows it: money as decimal strings, lines and timeline in order. */
export function orderView(order: OrderRow & { lines?: StoredLine[]; timeline?: StoredTimelineEntry[] }): OrderViewDto {
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
    lines: [...(order.lines ?? [])]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map(({ productId, sku, name, unit, quantity, unitPriceIdr, subtotalIdr, pdnTier, vendorUmk }) => ({
        productId,
        sku,
        name,
        unit,
        quantity,
        unitPriceIdr,
        subtotalIdr,
        pdnTier,
        vendorUmk,
      })),
    timeline: [...(order.timeline ?? [])]
      .sort((a, b) => Number(a.id ?? 0) - Number(b.id ?? 0))
      .map(({ fromStatus, toStatus, actor, cause, at }): TimelineEntryDto => ({ from: fromStatus, to: toStatus, actor, cause, at })),
  };
}

export type OrderView = OrderViewDto;
