import { EntityManager } from 'typeorm';
import { sql } from '#serapan/database';
import type { OrderRow } from '../order.sql.js';

/**
 * Gives each of these orders that has none its purchase-order number (nomor
 * surat pesanan), SP-<satker>-<fiscal year>-<sequence>, from one counter per
 * satker and fiscal year, for a whole batch in one statement: the counters
 * move by the number of orders each needs (rows locked in key order), and the
 * orders are numbered in id order, i.e. placement order. Sets the numbers on
 * the rows given, so the events written after carry them. The one place
 * orders are numbered (docs/domain.md, "Purchase-order number").
 */
export async function assignPurchaseOrderNumbers(manager: EntityManager, orders: OrderRow[]): Promise<void> {
  const unnumbered = orders.filter((o) => !o.purchaseOrderNumber);
  if (unnumbered.length === 0) return;
  const numbered = await sql<{ id: string; number: string }>(
    manager,
    `WITH wanted AS (
       SELECT satker_code, fiscal_year, count(*)::int AS n FROM orders
        WHERE id = ANY($1::uuid[]) AND purchase_order_number IS NULL GROUP BY satker_code, fiscal_year),
     counted AS (
       INSERT INTO purchase_order_counters (satker_code, fiscal_year, last_number)
       SELECT satker_code, fiscal_year, n FROM wanted ORDER BY satker_code, fiscal_year
       ON CONFLICT (satker_code, fiscal_year) DO UPDATE SET last_number = purchase_order_counters.last_number + excluded.last_number
       RETURNING satker_code, fiscal_year, last_number),
     numbers AS (
       SELECT o.id, 'SP-' || o.satker_code || '-' || o.fiscal_year || '-' ||
              lpad((c.last_number - w.n + row_number() OVER (PARTITION BY o.satker_code, o.fiscal_year ORDER BY o.id))::text, 6, '0') AS number
         FROM orders o JOIN wanted w USING (satker_code, fiscal_year) JOIN counted c USING (satker_code, fiscal_year)
        WHERE o.id = ANY($1::uuid[]) AND o.purchase_order_number IS NULL)
     UPDATE orders o SET purchase_order_number = n.number FROM numbers n WHERE o.id = n.id
     RETURNING o.id, o.purchase_order_number AS number`,
    [unnumbered.map((o) => o.id)],
  );
  const byId = new Map(numbered.map((r) => [r.id, r.number]));
  for (const order of unnumbered) order.purchaseOrderNumber = byId.get(order.id) ?? null;
}
