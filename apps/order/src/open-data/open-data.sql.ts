import { sql, SqlExecutor } from '#serapan/database';
import type { ContractVersion, VersionLine } from '../orders/addenda/addendum-rules.js';
import { TERM_COLUMNS, TermRow } from '../orders/terms/order-terms.sql.js';
import type { FeedPosition } from './feed-page.js';
import type { OrderFacts, ReleaseEntry } from './order-releases.js';

/**
 * What a timeline entry means to open data, from its statuses and the words
 * the lifecycle writes for term steps and applied addenda
 * (orders/lifecycle/order-lifecycle.service.ts, orders/addenda/addendum-decisions.service.ts);
 * NULL for an entry that makes no release. Orders from before payment terms
 * wrote 'vendor shipped', 'received, BAST …' and 'paid, SP2D …' of their one
 * term (term 1 since the ContractLifecycle migration).
 */
const KIND = `CASE
    WHEN t.from_status IS NULL THEN 'placed'
    WHEN t.cause ~ '^addendum [0-9]+ applied' THEN 'amended'
    WHEN t.cause ~ '^paid( term [0-9]+|,)' THEN 'paid'
    WHEN t.cause ~ '^received( term [0-9]+|,)' THEN 'received'
    WHEN t.cause ~ '^vendor shipped( term [0-9]+|$)' THEN 'shipped'
    WHEN t.from_status = 'PENDING_BUDGET' AND t.to_status = 'AWAITING_VENDOR' THEN 'reserved'
    WHEN t.from_status = 'AWAITING_VENDOR' AND t.to_status = 'IN_PROCESS' THEN 'accepted'
    WHEN t.from_status <> 'REJECTED' AND t.to_status = 'REJECTED' THEN 'rejected'
    WHEN t.from_status <> 'CANCELLED' AND t.to_status = 'CANCELLED' THEN 'cancelled'
  END`;
const NUMBER = `coalesce(substring(t.cause from '^(?:addendum|paid term|received term|vendor shipped term) ([0-9]+)')::int,
                         CASE WHEN t.cause ~ '^(paid,|received,|vendor shipped$)' THEN 1 END)`;
/** Stored to the microsecond: the cursor must tell apart entries a millisecond would not. */
const DATE = `to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const ENTRY_COLUMNS = `t.id, t.id::text AS seq, t.order_id AS "orderId", ${DATE} AS date, t.at, ${KIND} AS kind, t.from_status AS "fromStatus",
  t.to_status AS "toStatus", ${NUMBER} AS number`;

export interface PagedEntry extends ReleaseEntry {
  orderId: string;
}

/**
 * The next `limit` entries that make releases, after `from` in (date, seq)
 * order, of those written at least `settledSeconds` ago. An entry is dated when it is
 * written, not when its transaction commits: the wait keeps a reader who
 * goes on from the newest release it holds from passing one committed late.
 */
export function entriesAfter(db: SqlExecutor, from: FeedPosition, limit: number, settledSeconds: number): Promise<PagedEntry[]> {
  return sql<PagedEntry>(
    db,
    `SELECT seq, "orderId", date, kind, "fromStatus", "toStatus", number
       FROM (SELECT ${ENTRY_COLUMNS}
               FROM order_timeline t
              WHERE (t.at, t.id) > ($1::timestamptz, $2::bigint)
                AND t.at < clock_timestamp() - make_interval(secs => $4::int)) e
      WHERE kind IS NOT NULL
      ORDER BY at, id
      LIMIT $3`,
    [from.since, from.after, limit, settledSeconds],
  );
}

/**
 * The framework's release date, when the first order was placed, if its
 * release comes after `from`: it takes the feed's first place, (date, 0),
 * before the entries of that instant.
 */
export async function frameworkDateAfter(db: SqlExecutor, from: FeedPosition): Promise<string | undefined> {
  const [first] = await sql<{ date: string }>(
    db,
    `SELECT ${DATE} AS date FROM (SELECT at FROM order_timeline ORDER BY at, id LIMIT 1) t WHERE (t.at, 0::bigint) > ($1::timestamptz, $2::bigint)`,
    [from.since, from.after],
  );
  return first?.date;
}

/** The next `limit` orders of a fiscal year after `afterId`, by id. */
export async function ordersOfYear(db: SqlExecutor, fiscalYear: number, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }>(db, `SELECT id FROM orders WHERE fiscal_year = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`, [
    fiscalYear,
    afterId,
    limit,
  ]);
  return rows.map((row) => row.id);
}

/** When the newest timeline entry of a fiscal year's orders was written. */
export async function newestEntryDate(db: SqlExecutor, fiscalYear: number): Promise<string | undefined> {
  const [newest] = await sql<{ date: string | null }>(
    db,
    `SELECT ${DATE} AS date FROM order_timeline t
      WHERE t.order_id IN (SELECT id FROM orders WHERE fiscal_year = $1) ORDER BY t.at DESC, t.id DESC LIMIT 1`,
    [fiscalYear],
  );
  return newest?.date ?? undefined;
}

/** An order's own row: what its releases take from `orders`. */
type OrderRowFacts = Omit<OrderFacts, 'lines' | 'terms' | 'addenda' | 'categories' | 'entries'>;

/**
 * Everything the releases of these orders are made of, in a few statements
 * for all of them: the orders, their lines, terms and applied addenda, the
 * categories of their products, and every timeline entry that makes a release.
 * Orders that do not exist are left out.
 */
export async function factsOf(db: SqlExecutor, orderIds: readonly string[]): Promise<OrderFacts[]> {
  if (orderIds.length === 0) return [];
  const ids = [...new Set(orderIds)];
  const orders = await sql<OrderRowFacts>(
    db,
    `SELECT id, satker_code AS "satkerCode", kl_code AS "klCode", vendor_id AS "vendorId", vendor_name AS "vendorName", total_idr::text AS "totalIdr",
            shipping_fee_idr::text AS "shippingFeeIdr", pdn_idr::text AS "pdnIdr", umk_idr::text AS "umkIdr", purchase_order_number AS "purchaseOrderNumber"
       FROM orders WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const lines = await sql<VersionLine & { orderId: string }>(
    db,
    `SELECT order_id AS "orderId", line_no AS "lineNo", product_id AS "productId", sku, name, unit, quantity, unit_price_idr::text AS "unitPriceIdr",
            subtotal_idr::text AS "subtotalIdr", shipping_idr::text AS "shippingIdr", pdn_tier AS "pdnTier", vendor_umk AS "vendorUmk"
       FROM order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, line_no`,
    [ids],
  );
  const terms = await sql<TermRow>(db, `SELECT ${TERM_COLUMNS} FROM order_terms WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, term_no`, [ids]);
  const addenda = await sql<{ orderId: string; number: number; before: ContractVersion; after: ContractVersion }>(
    db,
    `SELECT order_id AS "orderId", number, before, after FROM order_addenda WHERE order_id = ANY($1::uuid[]) AND status = 'APPLIED' ORDER BY order_id, number`,
    [ids],
  );
  const entries = await sql<PagedEntry>(
    db,
    `SELECT seq, "orderId", date, kind, "fromStatus", "toStatus", number
       FROM (SELECT ${ENTRY_COLUMNS} FROM order_timeline t WHERE t.order_id = ANY($1::uuid[])) e
      WHERE kind IS NOT NULL ORDER BY at, id`,
    [ids],
  );
  const productIds = [...lines.map((l) => l.productId), ...addenda.flatMap((a) => a.after.lines.map((l) => l.productId))];
  const categories = await sql<{ productId: string; categoryCode: string }>(
    db,
    `SELECT product_id AS "productId", category_code AS "categoryCode" FROM catalog_products WHERE product_id = ANY($1::uuid[]) AND category_code IS NOT NULL`,
    [[...new Set(productIds)]],
  );
  const categoryOf = Object.fromEntries(categories.map((c) => [c.productId, c.categoryCode]));
  const [linesOf, termsOf, addendaOf, entriesOf] = [byOrder(lines), byOrder(terms), byOrder(addenda), byOrder(entries)];
  return orders.map((order) => ({
    ...order,
    lines: (linesOf.get(order.id) ?? []).map(({ orderId: _, ...line }) => line),
    terms: termsOf.get(order.id) ?? [],
    addenda: addendaOf.get(order.id) ?? [],
    categories: categoryOf,
    entries: (entriesOf.get(order.id) ?? []).map(({ orderId: _, ...entry }) => entry),
  }));
}

function byOrder<Row extends { orderId: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) grouped.set(row.orderId, [...(grouped.get(row.orderId) ?? []), row]);
  return grouped;
}
