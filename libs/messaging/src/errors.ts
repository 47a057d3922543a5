/**
 * An error that retrying cannot fix (a rule the event breaks, a reference that
 * will never exist). The consumer dead-letters the event at once.
 */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

/**
 * PostgreSQL conditions that pass by themselves and say nothing about the
 * event: connection trouble (08), serialization failure and deadlock (40001,
 * 40P01), insufficient resources such as a full disk (53), a cancelled or
 * timed-out statement and shutdown (57), a lock not available (55P03), a
 * read-only server after a failover (25006), an I/O error (58030).
 */
const TRANSIENT_SQLSTATE = /^(08|40001|40P01|53|57|55P03|25006|58030)/;
const TRANSIENT_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * True when the database could not be reached or asked to try again: the
 * same work will succeed later, so it is retried for as long as it takes.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | undefined;
  const code = e?.driverError?.code ?? e?.code ?? '';
  if (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NETWORK.has(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}
