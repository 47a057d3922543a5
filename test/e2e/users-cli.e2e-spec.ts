import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { AuditPageDto } from '#serapan/service';
import type { LoginResultDto } from '../../apps/gateway/src/login/dto/login-result.dto.js';
import { Api, Json, testEnv, tokenFor, uniqueId } from '../support/index.js';

/** Runs `npm run users` (deploy/users.mjs) against the test stack's gateway database, the password on stdin. */
function users(args: string[], stdin: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['deploy/users.mjs', ...args], {
      env: { ...process.env, GATEWAY_DATABASE_URL: testEnv.serviceDatabaseUrl('gateway') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
    child.stdin.end(stdin);
  });
}

describe('npm run users -- create: the first real users', { timeout: 400_000 }, () => {
  const gateway = new Api(testEnv.serviceUrl('gateway'));
  const auditor = gateway.as(tokenFor({ username: `auditor.${uniqueId()}`, role: 'auditor' }));

  test('creates an officer who then signs in through the gateway with the scope given, and the creation is in the audit trail', async () => {
    const username = `ppk.${uniqueId()}`;
    const password = `Rahasia-${uniqueId()}!`;
    const created = await users(
      ['create', '--username', username, '--role', 'officer', '--satker', '632481', '--kl', '024', '--ppk', '--name', 'Nur Aini (PPK)'],
      `${password}\n`,
    );
    assert.equal(created.code, 0, created.out);
    const id = new RegExp(`created ${username.replace('.', '\\.')} \\(officer, satker 632481, K/L 024, PPK\\), id ([0-9a-f-]{36})`).exec(created.out)?.[1];
    assert.ok(id, created.out);

    assert.equal((await gateway.post('/api/auth/login', { username, password: 'wrong-password' })).status, 401);
    const login = await gateway.post<Json<LoginResultDto>>('/api/auth/login', { username, password });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.deepEqual(login.body.user, { username, displayName: 'Nur Aini (PPK)', role: 'officer', satkerCode: '632481', klCode: '024', ppk: true });

    const [entry] = (await auditor.get<Json<AuditPageDto>>(`/api/auth/audit?action=user.create&entityId=${id}`)).body.items;
    assert.equal(entry.entity, 'user');
    assert.match(entry.username ?? '', /^console:/);
    assert.deepEqual(entry.after, {
      id,
      username,
      displayName: 'Nur Aini (PPK)',
      role: 'officer',
      vendorId: null,
      satkerCode: '632481',
      klCode: '024',
      ppk: true,
    });
  });

  // which role needs which scope is new-user.spec.ts's; here: the command stops before writing anything
  test('refuses a role without the scope its tokens need and a name taken, creating nothing', async () => {
    const username = `pp.${uniqueId()}`;
    const noKl = await users(['create', '--username', username, '--role', 'officer', '--satker', '632481'], 'Rahasia-panjang-1\n');
    assert.equal(noKl.code, 2);
    assert.match(noKl.out, /--kl is required/);
    assert.equal((await gateway.post('/api/auth/login', { username, password: 'Rahasia-panjang-1' })).status, 401);

    assert.equal((await users(['create', '--username', username, '--role', 'auditor'], 'Rahasia-panjang-1\n')).code, 0);
    const again = await users(['create', '--username', username, '--role', 'auditor'], 'Rahasia-lain-222\n');
    assert.equal(again.code, 2);
    assert.match(again.out, /already exists/);
    assert.equal((await gateway.post('/api/auth/login', { username, password: 'Rahasia-panjang-1' })).status, 200);
  });
});
