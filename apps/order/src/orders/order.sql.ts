import type { Order } from './order.entity.js';

/** An order row as statements return it (no lines or timeline). */
export type OrderRow = Omit<Order, 'lines' | 'timeline'>;

/**
 * The `orders` columns under their entity names, for SELECT and RETURNING
 * lists (`alias` qualifies them where a statement joins another table).
 */
export function orderColumns(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `${a}id, ${a}status, ${a}satker_code AS "satkerCode", ${a}kl_code AS "klCode", ${a}vendor_id AS "vendorId", ${a}vendor_name AS "vendorName",
    ${a}fiscal_year AS "fiscalYear", ${a}account_code AS "accountCode", ${a}rup_code AS "rupCode", ${a}shipping_fee_idr::text AS "shippingFeeIdr",
    ${a}total_idr::text AS "totalIdr", ${a}pdn_idr::text AS "pdnIdr", ${a}umk_idr::text AS "umkIdr", ${a}stock_taken AS "stockTaken",
    ${a}placed_by AS "placedBy", ${a}placed_by_ppk AS "placedByPpk", ${a}approved_by AS "approvedBy", ${a}approved_at AS "approvedAt",
    ${a}negotiation_deadline_at AS "negotiationDeadlineAt", ${a}delivery_date::text AS "deliveryDate", ${a}version, ${a}penalty_idr::text AS "penaltyIdr",
    ${a}idempotency_key AS "idempotencyKey", ${a}request_hash AS "requestHash",
    ${a}vendor_deadline_at AS "vendorDeadlineAt", ${a}purchase_order_number AS "purchaseOrderNumber", ${a}bast_number AS "bastNumber", ${a}received_on::text AS "receivedOn",
    ${a}sp2d_number AS "sp2dNumber", ${a}paid_on::text AS "paidOn", ${a}reason, ${a}justification, ${a}lines_snapshot AS "linesSnapshot",
    ${a}created_at AS "createdAt", ${a}updated_at AS "updatedAt"`;
}
