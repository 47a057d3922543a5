import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { testEnv } from '../support/index.js';

type Service = 'gateway' | 'catalog' | 'order' | 'budget';
const SERVICES: Service[] = ['gateway', 'catalog', 'order', 'budget'];

/** What each service may only read and add to; audit_log too, in whichever database has it. */
const APPEND_ONLY: Record<Service, string[]> = {
  gateway: [],
  catalog: [],
  order: ['order_timeline'],
  budget: ['ledger_entries', 'pagu_revisions'],
};

const PERMISSION_DENIED = '42501';
const WRONG_PASSWORD = '28P01';

/** A client signed in as the service's runtime role (or to `database` with its credentials). */
async function signIn(service: Service, change: (url: URL) => void = () => undefined): Promise<pg.Client> {
  const url = new URL(testEnv.runtimeDatabaseUrl(service));
  change(url);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

const refusedWith = (code: string) => (error: { code?: string; message?: string }) => {
  assert.equal(error.code, code, error.message);
  return true;
};

describe('each service signs in to its own database with a role of its own, which cannot rewrite the append-only tables', { timeout: 60_000 }, () => {
  const clients: pg.Client[] = [];
  const runtime = async (service: Service) => {
    const client = await signIn(service);
    clients.push(client);
    return client;
  };

  after(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  });

  test("no service's runtime role is a superuser, owns its database or may create tables", async () => {
    const admin = new pg.Client({ connectionString: testEnv.databaseServerUrl });
    await admin.connect();
    try {
      for (const service of SERVICES) {
        const client = await runtime(service);
        const [me] = (
          await client.query<{ user: string; rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; owner: string }>(
            `SELECT current_user AS user, r.rolsuper, r.rolcreatedb, r.rolcreaterole, pg_get_userbyid(d.datdba) AS owner
               FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`,
          )
        ).rows;
        assert.deepEqual([me.user, me.rolsuper, me.rolcreatedb, me.rolcreaterole], [`serapan_${service}`, false, false, false]);
        assert.equal(me.owner, `serapan_${service}_owner`, `${service}'s database belongs to its owner role`);
        const [owner] = (await admin.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [me.owner])).rows;
        assert.equal(owner.rolsuper, false, `${me.owner} is no superuser either`);
        await assert.rejects(client.query('CREATE TABLE not_mine (id int)'), refusedWith(PERMISSION_DENIED), `${service} may not create tables`);
      }
    } finally {
      await admin.end();
    }
  });

  test('the ledger, the order timeline, the pagu revisions and the audit log are read and added to, never updated, deleted or truncated', async () => {
    let checked = 0;
    for (const service of SERVICES) {
      const client = await runtime(service);
      const [{ audit }] = (await client.query<{ audit: boolean }>(`SELECT to_regclass('audit_log') IS NOT NULL AS audit`)).rows;
      for (const table of [...APPEND_ONLY[service], ...(audit ? ['audit_log'] : [])]) {
        // no rows, so nothing changes; the privileges are checked all the same
        await client.query(`INSERT INTO ${table} SELECT * FROM ${table} WHERE false`);
        await client.query(`SELECT count(*) FROM ${table}`);
        const [granted] = (
          await client.query<Record<string, boolean>>(
            `SELECT has_table_privilege($1, 'INSERT') AS insert, has_table_privilege($1, 'SELECT') AS select, has_table_privilege($1, 'UPDATE') AS update,
                    has_table_privilege($1, 'DELETE') AS delete, has_table_privilege($1, 'TRUNCATE') AS truncate`,
            [table],
          )
        ).rows;
        assert.deepEqual(granted, { insert: true, select: true, update: false, delete: false, truncate: false }, `${service}: ${table}`);
        await assert.rejects(client.query(`TRUNCATE ${table}`), refusedWith(PERMISSION_DENIED), `${service}: TRUNCATE ${table}`);
        // the ledger's own rules turn an UPDATE or DELETE into nothing before privileges are looked at, for its owner too
        const [{ ruled }] = (await client.query<{ ruled: boolean }>(`SELECT count(*) > 0 AS ruled FROM pg_rules WHERE tablename = $1`, [table])).rows;
        for (const statement of [`UPDATE ${table} SET id = id`, `DELETE FROM ${table}`]) {
          if (ruled) assert.equal((await client.query(statement)).rowCount, 0, `${service}: ${statement} changes nothing`);
          else await assert.rejects(client.query(`${statement} WHERE false`), refusedWith(PERMISSION_DENIED), `${service}: ${statement}`);
        }
        checked++;
      }
      // and a table that is not append-only is still the service's to change
      if (service === 'budget') await client.query(`UPDATE budget_lines SET updated_at = updated_at WHERE false`);
      if (service === 'order') await client.query(`DELETE FROM outbox WHERE false`);
    }
    assert.ok(checked >= 3);
  });

  test('a pagu revision is written with its new id and stays as written', async () => {
    const client = await runtime('budget');
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO pagu_revisions (fiscal_year, satker_code, account_code, pagu_idr, revised_by) VALUES (2026, '999001', '521211', 1000, 'roles-spec') RETURNING id`,
      );
      assert.equal(rows.length, 1);
      await assert.rejects(client.query(`UPDATE pagu_revisions SET pagu_idr = 1 WHERE id = $1`, [rows[0].id]), refusedWith(PERMISSION_DENIED));
    } finally {
      await client.query('ROLLBACK');
    }
  });

  test("a service's role cannot sign in to another service's database", async () => {
    for (const [index, service] of SERVICES.entries()) {
      const other = SERVICES[(index + 1) % SERVICES.length];
      const otherDatabase = new URL(testEnv.runtimeDatabaseUrl(other)).pathname;
      await assert.rejects(
        signIn(service, (url) => (url.pathname = otherDatabase)),
        refusedWith(PERMISSION_DENIED),
        `${service} into ${other}'s database`,
      );
    }
  });

  test('a wrong password is refused', async () => {
    await assert.rejects(
      signIn('budget', (url) => (url.password = 'not-the-password')),
      refusedWith(WRONG_PASSWORD),
    );
    await assert.rejects(
      signIn('order', (url) => (url.password = '')),
      (error: { code?: string; message?: string }) => error.code === WRONG_PASSWORD || /password/i.test(String(error.message)),
    );
  });
});
