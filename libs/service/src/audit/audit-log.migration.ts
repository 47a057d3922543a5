import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: one row per change a person made (or sign-in), written
 * after the change and never updated or deleted. Every service's database has
 * this table under the same name; a trigger refuses UPDATE, DELETE and
 * TRUNCATE even to the table's owner.
 */
export class CreateAuditLog1765200100000 implements MigrationInterface {
  name = 'CreateAuditLog1765200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        user_id text,
        username text,
        role text,
        client_address text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_user ON audit_log (user_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
  }
}
