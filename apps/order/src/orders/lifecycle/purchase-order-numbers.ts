import { EntityManager } from 'typeorm';
import { sql } from '#serapan/database';
import type { OrderRow } from '../order.sql.js';

/**
 * Gives each of these orders that has none its purchase-order number (nomor
 * surat pesanan), SP-<satker>-<fiscal year>-<sequence>, from one counter per
 * satker and fiscal year: the counters move by the number of orders each needs
 * in one statement (rows locked in key order), and the orders, numbered in id
 * order (placement order), get their numbers in a second. Sets the numbers on
 * the rows given, so the events written after carry them. The one place
 * orders are numbered (docs/domain.md, "Purchase-order number").
 */
export async function assignPurchaseOrderNumbers(manager: EntityManager, orders: OrderRow[]): Promise<void> {
  const unnumbered = orders.filter((o) => !o.purchaseOrderNumber).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (unnumbered.length === 0) return;
  const counterOf = (o: { satkerCode: string; fiscalYear: number }) => `${o.satkerCode}/${o.fiscalYear}`;
  const wanted = new Map<string, { satkerCode: string; fiscalYear: number; n: number }>();
  for (const o of unnumbered) {
    const counter = wanted.get(counterOf(o)) ?? { satkerCode: o.satkerCode, fiscalYear: o.fiscalYear, n: 0 };
    counter.n++;
    wanted.set(counterOf(o), counter);
  }
  const counters = [...wanted.values()].sort((a, b) => (counterOf(a) < counterOf(b) ? -1 : 1));
  const moved = await sql<{ satkerCode: string; fiscalYear: number; lastNumber: number }>(
    manager,
    `INSERT INTO purchase_order_counters (satker_code, fiscal_year, last_number)
     SELECT * FROM unnest($1::bpchar[], $2::int[], $3::int[])
     ON CONFLICT (satker_code, fiscal_year) DO UPDATE SET last_number = purchase_order_counters.last_number + excluded.last_number
     RETURNING satker_code AS "satkerCode", fiscal_year AS "fiscalYear", last_number AS "lastNumber"`,
    [counters.map((c) => c.satkerCode), counters.map((c) => c.fiscalYear), counters.map((c) => c.n)],
  );
  const next = new Map(moved.map((c) => [counterOf(c), c.lastNumber - wanted.get(counterOf(c))!.n]));
  for (const order of unnumbered) {
    const sequence = next.get(counterOf(order))! + 1;
    next.set(counterOf(order), sequence);
    order.purchaseOrderNumber = `SP-${order.satkerCode}-${order.fiscalYear}-${String(sequence).padStart(6, '0')}`;
  }
  await sql(manager, `UPDATE orders o SET purchase_order_number = n.number FROM unnest($1::uuid[], $2::text[]) AS n (id, number) WHERE o.id = n.id`, [
    unnumbered.map((o) => o.id),
    unnumbered.map((o) => o.purchaseOrderNumber),
  ]);
}
