import type { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';

/** Metadata key of an `@Audited` route's AuditSpec. */
export const AUDITED = 'serapan:audited';

/** What an audited request carried, for the loaders of an `@Audited` route. */
export interface AuditCall {
  params: Record<string, string>;
  body: unknown;
  principal?: Principal;
}

/** How one route is recorded in the audit trail. */
export interface AuditSpec {
  /** `<entity>.<verb>`, e.g. `product.update`. */
  action: string;
  /** The kind of thing changed; by default the action's part before the first dot. */
  entity?: string;
  /** The id of the thing changed; by default the `id` route parameter, else the answer's `id`. */
  target?: (call: AuditCall, answer: unknown) => string | undefined;
  /**
   * Reads the thing as it was just before the change (where the change updates something that exists). It runs after
   * the guards but before the pipes: route parameters are as the client sent them, unvalidated.
   */
  before?: (db: DataSource, call: AuditCall) => Promise<unknown>;
  /** What the thing is after the change; by default the answer's body. */
  after?: (db: DataSource, call: AuditCall, answer: unknown) => Promise<unknown>;
}
