import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/** What each open transaction left for its commit, by its query runner. */
const pending = new WeakMap<QueryRunner, (() => void)[]>();

/** Runs what a transaction left for its commit, and forgets it on rollback. */
class CommitCallbacks implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    // a released savepoint is reported as a commit too: only the outermost transaction's counts
    if (event.queryRunner.isTransactionActive) return;
    const callbacks = pending.get(event.queryRunner);
    if (!callbacks) return;
    pending.delete(event.queryRunner);
    for (const callback of callbacks) callback();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    pending.delete(event.queryRunner);
  }
}

const subscriber = new CommitCallbacks();
const watched = new WeakSet<DataSource>();

/**
 * Calls `callback` once the transaction of `manager` commits, never if it
 * rolls back: for what must count only what was committed (a metric of orders
 * decided, say), when a batch can be rolled back and applied again.
 */
export function afterCommit(manager: EntityManager, callback: () => void): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('afterCommit must be called inside a transaction');
  const callbacks = pending.get(runner);
  if (callbacks) callbacks.push(callback);
  else pending.set(runner, [callback]);
  if (!watched.has(manager.connection)) {
    watched.add(manager.connection);
    manager.connection.subscribers.push(subscriber);
  }
}
