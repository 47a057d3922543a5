// `node dist/apps/gateway/src/users/users.cli.js create --username … --role …`: creates a
// user in the gateway's database (npm run users; docs/demo-users.md, "First real users").
import 'reflect-metadata';
import { hostname, userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { IsString, Matches } from 'class-validator';
import pg from 'pg';
import type { Role } from '#serapan/auth';
import { ConfigError, loadConfig } from '#serapan/config';
import { insertAuditEntries } from '#serapan/service';
import { checkNewUser, MIN_PASSWORD_LENGTH, type NewUser } from './new-user.js';
import { passwordHasher } from './password-hasher.js';

class UsersCliConfig {
  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be the gateway database URL' }) DATABASE_URL: string;
}

const USAGE = `usage: npm run users -- create --username <name> --role vendor|officer|finance|auditor
         [--name "<display name>"] [--vendor <vendor id>] [--satker <6 digits>] [--kl <3 digits>] [--ppk]
The password is asked for twice (not shown); when stdin is not a terminal, its first line is the password.`;

class UsageError extends Error {}

function newUserFrom(argv: string[]): NewUser {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      vendor: { type: 'string' },
      satker: { type: 'string' },
      kl: { type: 'string' },
      ppk: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== 'create') throw new UsageError(USAGE);
  if (!values.username || !values.role) throw new UsageError(`--username and --role are required\n${USAGE}`);
  const username = values.username.trim().toLowerCase();
  const user: NewUser = {
    username,
    displayName: values.name ?? username,
    role: values.role as Role,
    vendorId: values.vendor?.toLowerCase() ?? null,
    satkerCode: values.satker ?? null,
    klCode: values.kl ?? null,
    ppk: values.ppk ?? false,
  };
  const problems = checkNewUser(user);
  if (problems.length > 0) throw new UsageError(`cannot create ${username}:\n  - ${problems.join('\n  - ')}`);
  return user;
}

/** Asks on the terminal without echoing what is typed. */
async function askHidden(questions: string[]): Promise<string[]> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const terminal = createInterface({ input: process.stdin, output, terminal: true });
  const answers: string[] = [];
  try {
    for (const question of questions) {
      process.stdout.write(question);
      muted = true;
      answers.push(await terminal.question(''));
      muted = false;
      process.stdout.write('\n');
    }
  } finally {
    terminal.close();
  }
  return answers;
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const [first, second] = await askHidden(['Password: ', 'Password again: ']);
    if (first !== second) throw new UsageError('the two passwords differ; nothing was created');
    return first;
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0];
}

async function create(databaseUrl: string, user: NewUser, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ ready }] = (await client.query<{ ready: boolean }>(`SELECT to_regclass('users') IS NOT NULL AND to_regclass('audit_log') IS NOT NULL AS ready`))
      .rows;
    if (!ready) throw new UsageError('the gateway database has no users or audit_log table yet: start the gateway once (npm start) so it is migrated');
    const passwordHash = await passwordHasher.hash(password);
    await client.query('BEGIN');
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO users (username, display_name, password_hash, role, vendor_id, satker_code, kl_code, ppk)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.username, user.displayName, passwordHash, user.role, user.vendorId, user.satkerCode, user.klCode, user.ppk],
    );
    const id = inserted.rows[0]?.id;
    if (!id) throw new UsageError(`a user named ${user.username} already exists; nothing was changed`);
    const { username, displayName, role, vendorId, satkerCode, klCode, ppk } = user;
    // the person at the console: there is no signed-in user to name
    await insertAuditEntries(client, [
      {
        action: 'user.create',
        entity: 'user',
        entityId: id,
        username: `console:${userInfo().username}`,
        role: 'operator',
        clientAddress: `console@${hostname()}`,
        after: { id, username, displayName, role, vendorId, satkerCode, klCode, ppk },
      },
    ]);
    await client.query('COMMIT');
    return id;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

try {
  const user = newUserFrom(process.argv.slice(2));
  const config = loadConfig(UsersCliConfig);
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters; nothing was created`);
  const id = await create(config.DATABASE_URL, user, password);
  const scope = [
    user.vendorId && `vendor ${user.vendorId}`,
    user.satkerCode && `satker ${user.satkerCode}`,
    user.klCode && `K/L ${user.klCode}`,
    user.ppk && 'PPK',
  ]
    .filter(Boolean)
    .join(', ');
  console.log(`created ${user.username} (${user.role}${scope ? `, ${scope}` : ''}), id ${id}`);
} catch (error) {
  console.error(error instanceof UsageError || error instanceof ConfigError ? error.message : error);
  process.exitCode = 2;
}
