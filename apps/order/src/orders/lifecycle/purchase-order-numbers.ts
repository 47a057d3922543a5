import { EntityManager } from 'typeorm';
import { sql } from '#serapan/database';

/** What numbering needs of an order. */
export interface Numbered {
  id: string;
  satkerCode: string;
  fiscalYear: number;
  purchaseOrderNumber: string | null;
}

/**
 * Gives each of these orders that has none its purchase-order number (nomor
 * surat pesanan), SP-<satker>-<fiscal year>-<sequence>, from one counter per
 * satker and fiscal year: the counters move by the number of orders each needs
 * in one statement (rows locked in key order), and the orders are numbered in
 * id order (placement order). Sets the numbers on the objects given; the
 * caller writes them with the move that confirms the orders. The one place
 * orders are numbered (docs/domain.md, "Purchase-order number").
 */
export async function assignPurchaseOrderNumbers(manager: EntityManager, orders: readonly Numbered[]): Promise<void> {
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
}
