import type { OrderEventData } from '#serapan/contracts';
import type { OrderRow } from './order.sql.js';

/** The spend facts every order event carries, from the order row. */
export function orderEventData(order: OrderRow): OrderEventData {
  return {
    orderId: order.id,
    satkerCode: order.satkerCode,
    klCode: order.klCode,
    vendorId: order.vendorId,
    fiscalYear: order.fiscalYear,
    accountCode: order.accountCode,
    totalIdr: order.totalIdr,
    pdnIdr: order.pdnIdr,
    umkIdr: order.umkIdr,
    stockTaken: order.stockTaken,
    lines: order.linesSnapshot,
    ...(order.reason ? { reason: order.reason } : {}),
    ...(order.purchaseOrderNumber ? { purchaseOrderNumber: order.purchaseOrderNumber } : {}),
    ...(order.bastNumber ? { bastNumber: order.bastNumber } : {}),
    ...(order.receivedOn ? { receivedOn: order.receivedOn } : {}),
    ...(order.sp2dNumber ? { sp2dNumber: order.sp2dNumber } : {}),
    ...(order.paidOn ? { paidOn: order.paidOn } : {}),
    ...(order.justification ? { justification: order.justification } : {}),
    version: order.version,
    deliveryDate: order.deliveryDate,
    ...(order.approvedBy ? { approvedBy: order.approvedBy } : {}),
  };
}
