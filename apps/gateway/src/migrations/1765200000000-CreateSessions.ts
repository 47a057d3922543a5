import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions and their rotating refresh tokens (stored as SHA-256 hashes;
 * a used one stays, so its reuse is recognised), and what ends a user's access:
 * `disabled_at`, and `sessions_valid_after` for a change of role or scope.
 */
export class CreateSessions1765200000000 implements MigrationInterface {
  name = 'CreateSessions1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz, ADD COLUMN sessions_valid_after timestamptz`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        idle_expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        CHECK (idle_expires_at <= expires_at)
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash bytea PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`ALTER TABLE users DROP COLUMN disabled_at, DROP COLUMN sessions_valid_after`);
  }
}
