import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (events waiting to be published) and the inbox (events already
 * applied, per consumer group). Every service's migration list includes it.
 */
export class CreateMessaging1764300000000 implements MigrationInterface {
  name = 'CreateMessaging1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX outbox_key_seq ON outbox (message_key, seq)`);
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    await q.query(`
      CREATE TABLE inbox (
        consumer_group text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TRIGGER outbox_inserted ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify`);
    await q.query(`DROP TABLE outbox`);
  }
}

/**
 * A NOTIFY inside a transaction makes PostgreSQL commit such transactions one at
 * a time, so the outbox no longer notifies from a trigger: the relay is nudged
 * after commit instead (OutboxService.afterTransactionCommit).
 */
export class NotifyOutboxAfterCommit1764400000000 implements MigrationInterface {
  name = 'NotifyOutboxAfterCommit1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_inserted ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }
}

/**
 * Relays claim rows by bucket (a hash of the key) instead of by key head, so a
 * busy key drains in large batches; the payload is stored as JSON text and
 * sent as it is.
 */
export class OutboxBuckets1764500000000 implements MigrationInterface {
  name = 'OutboxBuckets1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ALTER COLUMN payload TYPE json USING payload::json`);
    await q.query(`ALTER TABLE outbox ADD COLUMN bucket smallint`);
    await q.query(`UPDATE outbox SET bucket = hashtext(message_key) & 15`);
    await q.query(`ALTER TABLE outbox ALTER COLUMN bucket SET NOT NULL`);
    await q.query(`DROP INDEX outbox_key_seq`);
    await q.query(`CREATE INDEX outbox_bucket_seq ON outbox (bucket, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_bucket_seq`);
    await q.query(`CREATE INDEX outbox_key_seq ON outbox (message_key, seq)`);
    await q.query(`ALTER TABLE outbox DROP COLUMN bucket`);
    await q.query(`ALTER TABLE outbox ALTER COLUMN payload TYPE jsonb USING payload::jsonb`);
  }
}

/**
 * Each outbox row keeps the W3C `traceparent` of the span that caused it (the
 * relay sends it as the `ce_traceparent` header); rows written without one
 * stay NULL.
 */
export class OutboxTraceparent1764600000000 implements MigrationInterface {
  name = 'OutboxTraceparent1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN traceparent text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN traceparent`);
  }
}

/** Every service's messaging tables, in order. */
export const MESSAGING_MIGRATIONS = [
  CreateMessaging1764300000000,
  NotifyOutboxAfterCommit1764400000000,
  OutboxBuckets1764500000000,
  OutboxTraceparent1764600000000,
];
