import type { DataSource } from 'typeorm';
import type { AuditPageDto, AuditQueryDto } from './audit-query.dto.js';

interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  username: string | null;
  role: string | null;
  client_address: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

/** A page of `audit_log`, newest first, filtered as the query says. */
export async function readAuditLog(db: DataSource, query: AuditQueryDto): Promise<AuditPageDto> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (condition: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (query.userId) add((p) => `user_id = ${p}`, query.userId);
  if (query.username) add((p) => `username = ${p}`, query.username.trim().toLowerCase());
  if (query.action?.endsWith('.')) add((p) => `starts_with(action, ${p})`, query.action);
  else if (query.action) add((p) => `action = ${p}`, query.action);
  if (query.entity) add((p) => `entity = ${p}`, query.entity);
  if (query.entityId) add((p) => `entity_id = ${p}`, query.entityId);
  if (query.from) add((p) => `at >= ${p}::timestamptz`, query.from);
  if (query.to) add((p) => `at < ${p}::timestamptz`, query.to);
  params.push(limit, offset);
  const rows = await db.query<AuditRow[]>(
    `SELECT id::text, at, user_id, username, role, client_address, action, entity, entity_id, before, after
     FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY at DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    limit,
    offset,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.user_id,
      username: r.username,
      role: r.role,
      clientAddress: r.client_address,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    })),
  };
}
