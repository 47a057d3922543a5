// The services' PostgreSQL roles. The launcher connects as a superuser (the
// embedded server's, or DATABASE_URL's) only to make, per service, an owner
// role (owns the database, runs the migrations) and a runtime role (what the
// service works with: no superuser, no DDL, the append-only tables only read
// and added to; libs/database grantRuntimeAccess). Passwords live in .data/secrets.
import { readFileSync, writeFileSync } from 'node:fs';
import { log } from './log.mjs';
import { databaseUrl, withClient } from './postgres.mjs';
import { secret } from './secrets.mjs';

/** The roles of `service`: the same on every database prefix (tests, bench, npm start) of one server. */
export const databaseRoles = (service) => ({ owner: `serapan_${service}_owner`, runtime: `serapan_${service}` });

/** The password of `role`, generated the first time. */
const passwordOf = (role) => secret(`postgres-${role}`);

/** `url` signing in as `role`. */
export function asRole(url, role) {
  const signed = new URL(url);
  signed.username = role;
  signed.password = passwordOf(role);
  return signed.toString();
}

/** Never a superuser, never creates databases or roles, never bypasses row security. */
const LIMITS = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

async function ensureRole(client, role) {
  const password = `PASSWORD ${client.escapeLiteral(passwordOf(role))}`;
  const name = client.escapeIdentifier(role);
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (rowCount === 0) {
    const made = await client.query(`CREATE ROLE ${name} ${LIMITS} ${password}`).then(
      () => true,
      (error) => {
        // 42710: made meanwhile by another launcher on the same server
        if (error.code !== '42710') throw error;
        return false;
      },
    );
    if (made) return;
  }
  // the password is set again every start: a new .data/secrets on an old server still signs in
  await client.query(`ALTER ROLE ${name} WITH ${LIMITS} ${password}`);
}

/** `database`, owned by `owner`, which only its own roles may connect to. */
async function ensureDatabase(client, database, { owner, runtime }) {
  const [found] = (await client.query('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database])).rows;
  const [db, ownerRole, runtimeRole] = [database, owner, runtime].map((name) => client.escapeIdentifier(name));
  if (!found) {
    await client.query(`CREATE DATABASE ${db} OWNER ${ownerRole}`).catch((error) => {
      if (error.code !== '42P04') throw error;
    });
  }
  // a database made by an older launcher (or by hand) belongs to the superuser: handed over
  if (found && found.owner !== owner) await client.query(`ALTER DATABASE ${db} OWNER TO ${ownerRole}`);
  await client.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${runtimeRole}`);
}

/**
 * In the database: the schema is the owner's to build in and no one else's,
 * and what an older launcher's services made as the superuser (tables,
 * sequences, views, functions, types) is handed to the owner; an extension's
 * own objects stay with it.
 */
async function handOver(client, owner) {
  const ownerRole = client.escapeIdentifier(owner);
  await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  await client.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${ownerRole}`);
  const { rows } = await client.query(
    `WITH theirs AS (
       SELECT 'pg_class'::regclass AS catalog, c.oid,
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
              c.oid::regclass::text AS name, c.relowner AS owner
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          -- a serial's sequence goes with its table
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
       UNION ALL
       SELECT 'pg_proc'::regclass, p.oid, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'ROUTINE' END, p.oid::regprocedure::text, p.proowner
         FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')
       UNION ALL
       SELECT 'pg_type'::regclass, t.oid, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype::text, t.typowner
         FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd'))
     SELECT kind, name FROM theirs
      WHERE owner <> $1::regrole
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = theirs.catalog AND d.objid = theirs.oid AND d.deptype = 'e')`,
    [owner],
  );
  for (const { kind, name } of rows) await client.query(`ALTER ${kind} ${name} OWNER TO ${ownerRole}`);
  return rows.length;
}

const HBA_BEGIN = '# serapan: the services sign in with a password (deploy/lib/database-roles.mjs)';
const HBA_END = '# serapan: end';

/**
 * The embedded server asks the services' roles for their password
 * (scram-sha-256), over TCP and the socket, whatever else its pg_hba.conf
 * allows: the rules are kept first in the file, where they match first. The
 * server rereads the file on the signal, before the services connect.
 */
async function requirePasswords(client, roles) {
  const [{ file }] = (await client.query(`SELECT setting AS file FROM pg_settings WHERE name = 'hba_file'`)).rows;
  const users = roles.join(',');
  const block = [HBA_BEGIN, `local all ${users} scram-sha-256`, `host all ${users} all scram-sha-256`, HBA_END, ''].join('\n');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(HBA_BEGIN);
  const end = text.indexOf(HBA_END);
  const rest = start >= 0 && end > start ? text.slice(0, start) + text.slice(end + HBA_END.length + 1) : text;
  if (text === block + rest) return;
  writeFileSync(file, block + rest);
  await client.query('SELECT pg_reload_conf()');
}

/**
 * Makes each service's roles and database on the server at `serverUrl` (a
 * superuser's), hands over what an older launcher left owned by the
 * superuser, and on the embedded server (`embedded`) requires the roles'
 * passwords. Resolves to `{ [service]: { url, migrationUrl } }`: the
 * service's database as its runtime role (DATABASE_URL) and as its owner
 * (DATABASE_MIGRATION_URL).
 */
export async function provisionDatabaseRoles(serverUrl, databases, { embedded }) {
  const services = Object.keys(databases);
  await withClient(serverUrl, async (client) => {
    await client.query(`SET password_encryption = 'scram-sha-256'`);
    for (const service of services) {
      const roles = databaseRoles(service);
      for (const role of Object.values(roles)) await ensureRole(client, role);
      await ensureDatabase(client, databases[service], roles);
    }
    if (embedded)
      await requirePasswords(
        client,
        services.flatMap((service) => Object.values(databaseRoles(service))),
      );
  });
  const urls = {};
  for (const service of services) {
    const { owner, runtime } = databaseRoles(service);
    const url = databaseUrl(serverUrl, databases[service]);
    const handed = await withClient(url, (client) => handOver(client, owner));
    if (handed > 0) log('postgres', `${databases[service]}: ${handed} object(s) made by the superuser handed to ${owner}`);
    urls[service] = { url: asRole(url, runtime), migrationUrl: asRole(url, owner) };
  }
  return urls;
}
