import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntry } from './audit-entry.js';
import { insertAuditEntries } from './audit-log.sql.js';

/** Entries kept while the database does not answer; beyond it the oldest are logged and dropped. */
const MAX_PENDING = 50_000;
const BATCH = 1000;
const RETRY_MS = 1000;

/**
 * Appends audit entries off the request's path: entries recorded while a
 * write is under way go together in the next one (one INSERT for the lot),
 * so under load the trail costs a statement per batch, not per request.
 * Entries are written after the change they describe has committed: a crash
 * in between loses the entries still waiting. Shutdown waits for them.
 */
@Injectable()
export class AuditWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditWriter');
  private pending: AuditEntry[] = [];
  private writing?: Promise<void>;
  private stopping = false;

  constructor(private readonly dataSource: DataSource) {}

  record(entry: AuditEntry): void {
    this.pending.push({ ...entry, at: entry.at ?? new Date() });
    if (this.pending.length > MAX_PENDING) {
      const dropped = this.pending.splice(0, this.pending.length - MAX_PENDING);
      this.logger.error(`audit entries dropped while the database did not answer: ${JSON.stringify(dropped.map((e) => [e.action, e.entityId]))}`);
    }
    this.schedule();
  }

  /** Resolves once every entry recorded so far is written (or given up at shutdown). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.flush();
  }

  private schedule(): void {
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
      // an entry recorded between the last write and this moment found a write still under way
      if (this.pending.length > 0) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    // let the entries of the same moment join this write
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, BATCH);
      try {
        await insertAuditEntries(this.dataSource, batch);
      } catch (error) {
        if (this.stopping) {
          this.logger.error(`audit entries not written at shutdown (${(error as Error).message}): ${JSON.stringify(batch)}`);
          continue;
        }
        this.logger.warn(`audit entries not written yet, trying again: ${(error as Error).message}`);
        this.pending.unshift(...batch);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}
