import type { Principal } from '#serapan/auth';

/** One line of the audit trail, as written. */
export interface AuditEntry {
  /** When the change was made; the database's clock when omitted. */
  at?: Date;
  userId?: string | null;
  username?: string | null;
  role?: string | null;
  /** The address of the person's client, as the gateway saw it. */
  clientAddress?: string | null;
  /** What was done, `<entity>.<verb>`: `product.update`, `order.cancel`, `auth.login-failed`. */
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it, from the verified caller. */
export const actorOf = (principal: Principal | undefined): Pick<AuditEntry, 'userId' | 'username' | 'role'> => ({
  userId: principal?.sub ?? null,
  username: principal?.username ?? null,
  role: principal?.role ?? null,
});

interface ClientRequest {
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}

/**
 * The client's address: the last hop of X-Forwarded-For, which is the one the
 * gateway appends (what came before it is whatever the client claimed), or
 * else the peer of the connection.
 */
export function clientAddressOf(request: ClientRequest): string | null {
  const forwarded = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
  const last = hops[hops.length - 1].trim();
  return last || request.socket?.remoteAddress || null;
}
