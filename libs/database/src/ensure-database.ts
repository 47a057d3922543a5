import pg from 'pg';

/**
 * Creates the database named in `url` when it does not exist yet. A database
 * that exists is only connected to, so a role that may not create databases
 * (a service's own, when the launcher or the operator made its database) never
 * needs the server's `postgres` database.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}" in the URL must be lower-case letters, digits and underscores`);
  const exists = await connects(url).catch((error: { code?: string }) => {
    // 3D000: no such database; anything else (a wrong password, the server down) is for the caller to see
    if (error.code === '3D000') return false;
    throw error;
  });
  if (exists) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
      // created meanwhile by another replica or pool: 42P04, or 23505 when both got past the check at once
      if (error.code !== '42P04' && error.code !== '23505') throw error;
    });
  } finally {
    await client.end();
  }
}

async function connects(url: string): Promise<true> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.end();
  return true;
}
