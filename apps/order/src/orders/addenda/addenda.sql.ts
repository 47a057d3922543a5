import type { EntityManager } from 'typeorm';
import { sql, sqlOne, SqlExecutor } from '#serapan/database';
import { effectivePdnTier } from '../../catalog-projection/catalog-tiers.sql.js';
import type { AddendumStatus, TermStatus } from '../lifecycle/order-state.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import type { OrderableProduct } from '../placement/placement-arithmetic.js';
import { lockOrder, type TermRow } from '../terms/order-terms.sql.js';
import { AddendumRequest, ContractVersion, deliveryDateOf, lineSnapshotsOf, VersionLine } from './addendum-rules.js';

/** An addendum as stored. */
export interface AddendumRow {
  orderId: string;
  number: number;
  status: AddendumStatus;
  reason: string;
  before: ContractVersion;
  after: ContractVersion;
}

const ADDENDUM_COLUMNS = `order_id AS "orderId", number, status, reason, before, after`;

/** An order's lines as a contract version holds them, in line order. */
export function versionLinesOf(db: SqlExecutor, orderId: string): Promise<VersionLine[]> {
  return sql<VersionLine>(
    db,
    `SELECT line_no AS "lineNo", product_id AS "productId", sku, name, unit, quantity, unit_price_idr::text AS "unitPriceIdr",
            subtotal_idr::text AS "subtotalIdr", shipping_idr::text AS "shippingIdr", pdn_tier AS "pdnTier", vendor_umk AS "vendorUmk"
       FROM order_lines WHERE order_id = $1 ORDER BY line_no`,
    [orderId],
  );
}

/** The contract as it stands: the order's money and version, its lines and its terms. */
export function currentVersion(order: OrderRow, lines: VersionLine[], terms: readonly TermRow[]): ContractVersion {
  return {
    version: order.version,
    shippingFeeIdr: order.shippingFeeIdr,
    totalIdr: order.totalIdr,
    pdnIdr: order.pdnIdr,
    umkIdr: order.umkIdr,
    lines,
    terms: terms.map(({ termNo, status, deliveryDate, quantities, valueIdr }) => ({ termNo, status, deliveryDate, quantities, valueIdr })),
  };
}

/** These products from the catalog read model, with their tiers as of `today`, as placement reads them. */
export async function catalogProducts(db: SqlExecutor, productIds: readonly string[], today: string): Promise<Map<string, OrderableProduct>> {
  if (productIds.length === 0) return new Map();
  const rows = await sql<OrderableProduct>(
    db,
    `SELECT product_id AS "productId", vendor_id AS "vendorId", vendor_name AS "vendorName", vendor_umk AS "vendorUmk", sku, name,
            category_code AS "categoryCode", unit, price_idr::text AS "priceIdr", stock, ${effectivePdnTier('$2')} AS "pdnTier", status
       FROM catalog_products c WHERE product_id = ANY($1::uuid[])`,
    [productIds, today],
  );
  return new Map(rows.map((p) => [p.productId, p]));
}

export function addendumOf(db: SqlExecutor, orderId: string, number: number): Promise<AddendumRow | undefined> {
  return sqlOne<AddendumRow>(db, `SELECT ${ADDENDUM_COLUMNS} FROM order_addenda WHERE order_id = $1 AND number = $2`, [orderId, number]);
}

/**
 * Writes a proposed addendum, numbered after the order's last, only if the
 * order is still in the state and version it was read in and its terms have
 * not moved since (the plan was made on them): no row back means read again.
 * A second open addendum breaks the unique index order_addenda_one_open.
 */
export async function insertProposal(
  manager: EntityManager,
  proposal: {
    order: OrderRow;
    termStatuses: readonly TermStatus[];
    proposedBy: string;
    request: AddendumRequest;
    before: ContractVersion;
    after: ContractVersion;
    changeIdr: string;
  },
): Promise<number | undefined> {
  const { order } = proposal;
  await lockOrder(manager, order.id);
  const [row] = await sql<{ number: number }>(
    manager,
    `INSERT INTO order_addenda (order_id, number, status, reason, proposed_by, request, before, after, change_idr)
     SELECT $1, n.next, 'PROPOSED', $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7
       FROM (SELECT coalesce(max(number), 0) + 1 AS next FROM order_addenda WHERE order_id = $1) n
      WHERE EXISTS (SELECT 1 FROM orders WHERE id = $1 AND status = $8 AND version = $9)
        AND (SELECT array_agg(status ORDER BY term_no) FROM order_terms WHERE order_id = $1) = $10::text[]
    RETURNING number`,
    [
      order.id,
      proposal.request.reason,
      proposal.proposedBy,
      JSON.stringify(proposal.request),
      JSON.stringify(proposal.before),
      JSON.stringify(proposal.after),
      proposal.changeIdr,
      order.status,
      order.version,
      proposal.termStatuses,
    ],
  );
  return row?.number;
}

/** Moves one addendum from `from` to `to`, noting who decided and why; undefined when it was no longer `from`. */
export function decideAddendum(
  manager: EntityManager,
  step: { orderId: string; number: number; from: AddendumStatus; to: AddendumStatus; decidedBy: string; outcome: string | null },
): Promise<AddendumRow | undefined> {
  return sqlOne<AddendumRow>(
    manager,
    `UPDATE order_addenda SET status = $4, decided_by = $5, decided_at = clock_timestamp(), outcome = $6
      WHERE order_id = $1 AND number = $2 AND status = $3
    RETURNING ${ADDENDUM_COLUMNS}`,
    [step.orderId, step.number, step.from, step.to, step.decidedBy, step.outcome],
  );
}

/**
 * Settles addenda waiting for the budget with its answer, in one UPDATE
 * guarded by PENDING_BUDGET: the rows back are those settled now (a repeated
 * answer settles nothing).
 */
export function settleAddenda(
  manager: EntityManager,
  to: 'APPLIED' | 'REJECTED',
  answers: readonly { orderId: string; number: number; outcome: string }[],
): Promise<AddendumRow[]> {
  return sql<AddendumRow>(
    manager,
    `UPDATE order_addenda a SET status = $1, outcome = x.outcome
       FROM unnest($2::uuid[], $3::int[], $4::text[]) AS x (order_id, number, outcome)
      WHERE a.order_id = x.order_id AND a.number = x.number AND a.status = 'PENDING_BUDGET'
    RETURNING a.order_id AS "orderId", a.number, a.status, a.reason, a.before, a.after`,
    [to, answers.map((a) => a.orderId), answers.map((a) => a.number), answers.map((a) => a.outcome)],
  );
}

/**
 * Writes the versions addenda make, for a batch of orders: the lines (a line
 * removed is deleted, a new one inserted at its price as listed price), the
 * terms' quantities, values and delivery dates (a term received while the
 * addendum waited keeps the date its lateness was counted from), and the
 * order's money with its shipping fee, line snapshot, delivery date and
 * version. The order moves only from the version the addendum was made on;
 * the rows back are the orders amended.
 */
export async function writeVersions(
  manager: EntityManager,
  versions: readonly { orderId: string; before: ContractVersion; after: ContractVersion }[],
): Promise<OrderRow[]> {
  const lines = versions.flatMap((v) => v.after.lines.map((l) => ({ orderId: v.orderId, ...l })));
  await sql(
    manager,
    `DELETE FROM order_lines l
      WHERE l.order_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS k ("orderId" uuid, "lineNo" int) WHERE k."orderId" = l.order_id AND k."lineNo" = l.line_no)`,
    [versions.map((v) => v.orderId), JSON.stringify(lines)],
  );
  await sql(
    manager,
    `INSERT INTO order_lines (order_id, line_no, product_id, sku, name, unit, quantity, unit_price_idr, subtotal_idr, pdn_tier, vendor_umk, list_price_idr)
     SELECT "orderId", "lineNo", "productId", sku, name, unit, quantity, "unitPriceIdr", "subtotalIdr", "pdnTier", "vendorUmk", "unitPriceIdr"
       FROM jsonb_to_recordset($1::jsonb) AS l ("orderId" uuid, "lineNo" int, "productId" uuid, sku text, name text, unit text, quantity int,
                                               "unitPriceIdr" bigint, "subtotalIdr" bigint, "pdnTier" text, "vendorUmk" boolean)
     ON CONFLICT (order_id, line_no) DO UPDATE SET quantity = excluded.quantity, subtotal_idr = excluded.subtotal_idr`,
    [JSON.stringify(lines)],
  );
  const terms = versions.flatMap((v) => v.after.terms.map((t) => ({ orderId: v.orderId, ...t })));
  await sql(
    manager,
    `UPDATE order_terms t SET quantities = x.quantities, value_idr = x."valueIdr",
            delivery_date = CASE WHEN t.status IN ('PLANNED', 'SHIPPED') THEN x."deliveryDate" ELSE t.delivery_date END
       FROM jsonb_to_recordset($1::jsonb) AS x ("orderId" uuid, "termNo" int, quantities jsonb, "valueIdr" bigint, "deliveryDate" date)
      WHERE t.order_id = x."orderId" AND t.term_no = x."termNo"`,
    [JSON.stringify(terms)],
  );
  return sql<OrderRow>(
    manager,
    `UPDATE orders o SET shipping_fee_idr = x.shipping, total_idr = x.total, pdn_idr = x.pdn, umk_idr = x.umk, lines_snapshot = x.snapshot::json, delivery_date = x.delivery_date,
            version = o.version + 1, updated_at = clock_timestamp()
       FROM unnest($1::uuid[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::date[])
         AS x (order_id, version, shipping, total, pdn, umk, snapshot, delivery_date)
      WHERE o.id = x.order_id AND o.version = x.version
  RETURNING ${orderColumns('o')}`,
    [
      versions.map((v) => v.orderId),
      versions.map((v) => v.before.version),
      versions.map((v) => v.after.shippingFeeIdr),
      versions.map((v) => v.after.totalIdr),
      versions.map((v) => v.after.pdnIdr),
      versions.map((v) => v.after.umkIdr),
      versions.map((v) => JSON.stringify(lineSnapshotsOf(v.after))),
      versions.map((v) => deliveryDateOf(v.after)),
    ],
  );
}

/** The orders of these ids as they stand. */
export function ordersOf(db: SqlExecutor, ids: readonly string[]): Promise<OrderRow[]> {
  return sql<OrderRow>(db, `SELECT ${orderColumns()} FROM orders WHERE id = ANY($1::uuid[])`, [ids]);
}
