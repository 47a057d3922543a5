import type { QueryRunner } from 'typeorm';

/** Append-only in every service database that has it (the audit trail). */
export const APPEND_ONLY_EVERYWHERE = ['audit_log'];

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Gives the service's runtime role what it may do in the database, run by
 * the owner after the migrations (so tables a migration adds are covered):
 * read and write every table in `public` and use its sequences, except that
 * the `appendOnly` tables (and `APPEND_ONLY_EVERYWHERE`) may only be read and
 * added to — no UPDATE, DELETE or TRUNCATE. A listed table that does not
 * exist (yet) is skipped. The migrations' own record is read-only to it.
 */
export async function grantRuntimeAccess(runner: QueryRunner, role: string, appendOnly: readonly string[] = []): Promise<void> {
  const grantee = quoted(role);
  await runner.query(`GRANT USAGE ON SCHEMA public TO ${grantee}`);
  await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${grantee}`);
  await runner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${grantee}`);
  await runner.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${grantee}`);
  // a partition is a table of its own: revoked on each, or it could be changed directly
  const tables = (await runner.query(
    `SELECT DISTINCT r.relid::regclass::text AS name
       FROM unnest($1::text[]) AS t(name)
       CROSS JOIN LATERAL (SELECT to_regclass('public.' || quote_ident(t.name)) AS relid) AS listed
       CROSS JOIN LATERAL (SELECT listed.relid UNION SELECT p.relid FROM pg_partition_tree(listed.relid) AS p) AS r(relid)
      WHERE listed.relid IS NOT NULL`,
    [[...new Set([...APPEND_ONLY_EVERYWHERE, ...appendOnly, 'migrations'])]],
  )) as { name: string }[];
  for (const { name } of tables) {
    const keep = name === 'migrations' ? 'INSERT, UPDATE, DELETE' : 'UPDATE, DELETE';
    await runner.query(`REVOKE ${keep}, TRUNCATE ON ${name} FROM ${grantee}`);
  }
}
