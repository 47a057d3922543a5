import { isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import type { AuditCall, AuditSpec } from '#serapan/service';

/** What the audit trail keeps of an order on either side of an action: its state, total and version. */
export interface OrderFigures {
  status: string;
  totalIdr: string;
  version: number;
}

/** Runs before the route's pipes: a malformed id is left for them to refuse. */
async function figuresOf(db: DataSource, id: string): Promise<OrderFigures | null> {
  if (!isUUID(id)) return null;
  const [row] = await db.query<OrderFigures[]>(`SELECT status, total_idr::text AS "totalIdr", version FROM orders WHERE id = $1`, [id]);
  return row ?? null;
}

/**
 * How an action on an existing order is recorded: its figures before and
 * after, and what the person sent (a reason, an offer, a BAST or SP2D number).
 */
export const ORDER_ACTION: Omit<AuditSpec, 'action'> = {
  before: (db: DataSource, call: AuditCall) => figuresOf(db, call.params.id),
  after: async (db: DataSource, call: AuditCall) => ({ ...(await figuresOf(db, call.params.id)), request: call.body ?? null }),
};
