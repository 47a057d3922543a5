import type { AuditEntry } from './audit-entry.js';

/** Something that runs a statement: a pg client or pool, or a TypeORM DataSource/EntityManager (`query`). */
export interface AuditExecutor {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/** Money is bigint in places; JSON has no bigint, so it goes as its decimal string. */
const bigintAsText = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

const INSERT = `
  INSERT INTO audit_log (at, user_id, username, role, client_address, action, entity, entity_id, before, after)
  SELECT coalesce(e.at, clock_timestamp()), e.user_id, e.username, e.role, e.client_address, e.action, e.entity, e.entity_id, e.before, e.after
  FROM json_to_recordset($1::json) AS e(at timestamptz, user_id text, username text, role text, client_address text,
                                        action text, entity text, entity_id text, before jsonb, after jsonb)`;

/** Appends entries to audit_log in one statement. */
export async function insertAuditEntries(db: AuditExecutor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    at: e.at?.toISOString() ?? null,
    user_id: e.userId ?? null,
    username: e.username ?? null,
    role: e.role ?? null,
    client_address: e.clientAddress ?? null,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  }));
  await db.query(INSERT, [JSON.stringify(rows, bigintAsText)]);
}
