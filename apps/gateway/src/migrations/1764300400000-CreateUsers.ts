import { QueryRunner } from 'typeorm';
import type { RenamedMigration } from '#serapan/database';

/** Users and the scope each role needs: a vendor its vendor id, satker staff their satker and K/L. */
export class CreateUsers1764300400000 implements RenamedMigration {
  name = 'CreateUsers1764300400000';
  readonly formerName = 'CreateUsers1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username = lower(username) AND username ~ '^[a-z0-9._-]{3,64}$'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('vendor', 'officer', 'finance', 'auditor')),
        vendor_id uuid,
        satker_code text CHECK (satker_code ~ '^[0-9]{6}$'),
        kl_code text CHECK (kl_code ~ '^[0-9]{3}$'),
        ppk boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'vendor' OR vendor_id IS NOT NULL),
        CHECK (role <> 'officer' OR (satker_code IS NOT NULL AND kl_code IS NOT NULL)),
        CHECK (role <> 'finance' OR kl_code IS NOT NULL),
        CHECK (ppk = false OR role = 'officer')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
  }
}
