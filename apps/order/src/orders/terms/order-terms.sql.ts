import type { OrderTermFacts } from '#serapan/contracts';
import { sql, SqlExecutor } from '#serapan/database';
import { AddendumStatus, OPEN_ADDENDUM_STATES, TermStatus } from '../lifecycle/order-state.js';
import type { ContractLine, TermQuantity } from './term-arithmetic.js';

/** A payment term as stored. */
export interface TermRow {
  orderId: string;
  termNo: number;
  status: TermStatus;
  deliveryDate: string;
  quantities: TermQuantity[];
  valueIdr: string;
  bastNumber: string | null;
  receivedOn: string | null;
  daysLate: number | null;
  penaltyIdr: string;
  sp2dNumber: string | null;
  paidOn: string | null;
}

export const TERM_COLUMNS = `order_id AS "orderId", term_no AS "termNo", status, delivery_date::text AS "deliveryDate", quantities,
  value_idr::text AS "valueIdr", bast_number AS "bastNumber", received_on::text AS "receivedOn", days_late AS "daysLate",
  penalty_idr::text AS "penaltyIdr", sp2d_number AS "sp2dNumber", paid_on::text AS "paidOn"`;

/**
 * Locks the order's row: every change of a running contract (a term's
 * shipment, a cancellation, an addendum's proposal and agreement) takes it
 * first, so none passes another unseen.
 */
export async function lockOrder(db: SqlExecutor, orderId: string): Promise<void> {
  await sql(db, `SELECT 1 FROM orders WHERE id = $1 FOR UPDATE`, [orderId]);
}

/** The terms of these orders, in term order. */
export function termsOf(db: SqlExecutor, orderIds: readonly string[]): Promise<TermRow[]> {
  return sql<TermRow>(db, `SELECT ${TERM_COLUMNS} FROM order_terms WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, term_no`, [orderIds]);
}

/** An order's lines as term arithmetic needs them, in line order. */
export async function contractLinesOf(db: SqlExecutor, orderId: string): Promise<(ContractLine & { vendorUmk: boolean })[]> {
  const rows = await sql<{ lineNo: number; quantity: number; unitPriceIdr: string; pdnTier: ContractLine['pdnTier']; vendorUmk: boolean }>(
    db,
    `SELECT line_no AS "lineNo", quantity, unit_price_idr::text AS "unitPriceIdr", pdn_tier AS "pdnTier", vendor_umk AS "vendorUmk"
       FROM order_lines WHERE order_id = $1 ORDER BY line_no`,
    [orderId],
  );
  return rows.map((r) => ({ ...r, unitPriceIdr: BigInt(r.unitPriceIdr) }));
}

/** The addendum of this order still waiting for the vendor or the budget, if any. */
export async function openAddendumOf(db: SqlExecutor, orderId: string): Promise<{ number: number; status: AddendumStatus } | undefined> {
  const [open] = await sql<{ number: number; status: AddendumStatus }>(
    db,
    `SELECT number, status FROM order_addenda WHERE order_id = $1 AND status = ANY($2::text[])`,
    [orderId, OPEN_ADDENDUM_STATES],
  );
  return open;
}

/** A term as events report it. */
export function termFacts(term: TermRow, termCount: number): OrderTermFacts {
  return {
    termNo: term.termNo,
    termCount,
    valueIdr: term.valueIdr,
    deliveryDate: term.deliveryDate,
    ...(term.bastNumber ? { bastNumber: term.bastNumber } : {}),
    ...(term.receivedOn ? { receivedOn: term.receivedOn } : {}),
    ...(term.daysLate !== null ? { daysLate: term.daysLate } : {}),
    ...(term.receivedOn ? { penaltyIdr: term.penaltyIdr } : {}),
    ...(term.sp2dNumber ? { sp2dNumber: term.sp2dNumber } : {}),
    ...(term.paidOn ? { paidOn: term.paidOn } : {}),
  };
}
