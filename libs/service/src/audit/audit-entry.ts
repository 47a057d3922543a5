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
 * The client's address: the first entry of X-Forwarded-For, or else the peer
 * of the connection. The gateway passes on only the chain it believes, client
 * first (the socket's address, or what its TRUSTED_PROXY_HOPS named); what a
 * client wrote there itself never reaches a service.
 */
export function clientAddressOf(request: ClientRequest): string | null {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',')[0].trim();
  return first || request.socket?.remoteAddress || null;
}
