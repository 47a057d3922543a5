import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID, scryptSync } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import pg from 'pg';
import { JwtVerifier } from '#serapan/auth';
import { TEST_AUDIENCE, TEST_ISSUER, TokenMinter } from '#serapan/auth-testing';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { LivenessDto } from '#serapan/service';
import type { GatewayHealthDto } from '../../apps/gateway/src/health/dto/gateway-health.dto.js';
import type { LoginResultDto } from '../../apps/gateway/src/login/dto/login-result.dto.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../apps/gateway/src/users/demo-users.js';
import type { UserViewDto } from '../../apps/gateway/src/users/dto/user-view.dto.js';
import type { VendorDto } from '../../apps/catalog/src/vendors/dto/vendor.dto.js';
import { Api, ErrorBody, operationsWithoutAnswerSchema, schemaAt, testEnv, testTokens, tokenFor, uniqueId } from '../support/index.js';

const gateway = () => new Api(testEnv.serviceUrl('gateway'));
const servicesVerifier = () => new JwtVerifier({ publicKeys: [testTokens().publicKey], issuer: TEST_ISSUER, audience: TEST_AUDIENCE });

const defined = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

/** Signs in; a refusal is read with `login<ErrorBody>`. */
async function login<T = LoginResultDto>(username: string, password = DEMO_PASSWORD) {
  return gateway().post<T>('/api/auth/login', { username, password });
}

describe('gateway: login and access tokens', () => {
  for (const demo of DEMO_USERS) {
    test(`${demo.username} (${demo.role}) signs in and gets a token the services accept with their scope`, async () => {
      const { status, body } = await login(demo.username);
      assert.equal(status, 200);
      const { displayName, ...scope } = body.user;
      assert.ok(displayName);
      assert.deepEqual(
        scope,
        defined({
          username: demo.username,
          role: demo.role,
          vendorId: demo.vendorId,
          satkerCode: demo.satkerCode,
          klCode: demo.klCode,
          ppk: demo.role === 'officer' ? demo.ppk : undefined,
        }),
      );
      const principal = servicesVerifier().verify(body.accessToken);
      assert.equal(principal.role, demo.role);
      assert.equal(principal.username, demo.username);
      assert.equal(principal.vendorId, demo.vendorId);
      assert.equal(principal.satkerCode, demo.satkerCode);
      assert.equal(principal.klCode, demo.klCode);
      assert.equal(principal.ppk, demo.ppk === true);
    });
  }

  test('a wrong password is refused with 401 and no token', async () => {
    const { status, body } = await login<ErrorBody>('ppk.415423', 'not-the-password');
    assert.equal(status, 401);
    assert.deepEqual(body, { statusCode: 401, error: 'Unauthorized', message: 'username or password is wrong' });
  });

  test('a malformed login names the offending field', async () => {
    const { status, body } = await gateway().post<ErrorBody<string[]>>('/api/auth/login', { username: 'auditor' });
    assert.equal(status, 400);
    assert.match(JSON.stringify(body.message), /password/);
  });

  test('/api/auth/me tells the signed-in user who they are, and nobody else', async () => {
    const { body } = await login('bendahara.632481');
    const me = await gateway().as(body.accessToken).get<UserViewDto>('/api/auth/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, body.user);
    assert.equal(me.headers.get('cache-control'), 'no-store');
    assert.equal((await gateway().get('/api/auth/me')).status, 401);
  });

  test('repeated failed logins are answered 429 with Retry-After, while other users still sign in', async () => {
    const username = `guesser-${uniqueId()}`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) statuses.push((await login(username, `guess-${attempt}`)).status);
    const firstRefusal = statuses.indexOf(429);
    assert.ok(firstRefusal >= 3, `a few failures are answered 401 first: ${statuses.join(',')}`);
    assert.ok(
      statuses.slice(0, firstRefusal).every((s) => s === 401),
      statuses.join(','),
    );
    assert.ok(
      statuses.slice(firstRefusal).every((s) => s === 429),
      statuses.join(','),
    );
    const refused = await login<ErrorBody>(username, 'guess-again');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.match(refused.body.message, /too many failed logins/);
    assert.equal((await login('auditor')).status, 200);
  });
});

describe('gateway: one origin for the services', () => {
  test('a token from login reaches a service through the proxy and gets the same answer as there', async () => {
    const { body } = await login('ppk.415423');
    const path = '/api/catalog/products?pageSize=1';
    const direct = await new Api(testEnv.serviceUrl('catalog'), body.accessToken).get(path);
    const proxied = await gateway().as(body.accessToken).get(path);
    assert.ok(![401, 403].includes(direct.status), `the catalog refused a token from login: ${direct.status} ${JSON.stringify(direct.body)}`);
    assert.equal(proxied.status, direct.status);
    assert.deepEqual(proxied.body, direct.body);
  });

  test('a token signed by anyone but the login service is turned away at the gateway', async () => {
    const forged = new TokenMinter().mint({ username: 'ppk.415423', role: 'officer', satkerCode: '415423', klCode: '024', ppk: true });
    const { status, body } = await gateway().as(forged).get<ErrorBody>('/api/orders');
    assert.equal(status, 401);
    assert.match(body.message, /^authorization: access token refused/);
  });

  test('security headers are on the app, on the gateway’s own API and on proxied answers', async () => {
    const { body } = await login('auditor');
    const answers = [await gateway().get('/'), await login('auditor'), await gateway().as(body.accessToken).get('/api/budget/lines')];
    for (const { headers } of answers) {
      assert.match(headers.get('content-security-policy') ?? '', /default-src 'self'.*frame-ancestors 'none'/);
      assert.equal(headers.get('x-content-type-options'), 'nosniff');
      assert.equal(headers.get('referrer-policy'), 'no-referrer');
      assert.equal(headers.get('x-frame-options'), 'DENY');
      assert.equal(headers.get('x-powered-by'), null);
    }
  });

  test('serves the web app at / with its modules and stylesheet', async () => {
    const page = await gateway().get<string>('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.body, /<script type="module" src="\/js\/app\.js"><\/script>/);
    const script = await gateway().get('/js/app.js');
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await gateway().get('/styles.css')).status, 200);
  });

  test('/health answers for the launcher, and says nothing but up to anyone who asks', async () => {
    const { status, body } = await gateway().get<GatewayHealthDto>('/health');
    assert.equal(status, 200);
    assert.deepEqual(body, { status: 'ok', service: 'gateway' });
    for (const name of ['catalog', 'order', 'budget'] as const) {
      const service = await new Api(testEnv.serviceUrl(name)).get('/health');
      assert.deepEqual(service.body, { status: 'ok', service: name }, `${name}: no outbox or publish counts`);
    }
  });

  test('every service answers /health/live without a token, for a liveness probe', async () => {
    for (const name of ['gateway', 'catalog', 'order', 'budget'] as const) {
      const { status, body } = await new Api(testEnv.serviceUrl(name)).get<LivenessDto>('/health/live');
      assert.equal(status, 200, name);
      assert.deepEqual(body, { status: 'ok' }, name);
    }
  });

  test('the OpenAPI document describes login, sessions, me, health and the audit trail with the shapes they answer', async () => {
    const { status, body } = await gateway().get<OpenAPIObject>('/docs-json');
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body.paths).sort(), [
      '/api/auth/audit',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/refresh',
      '/api/auth/stream-ticket',
      '/health',
      '/health/live',
    ]);
    assert.deepEqual(operationsWithoutAnswerSchema(body), ['POST /api/auth/logout'], 'only logout answers 204 without a body');
    assert.deepEqual(schemaAt(body, 'LoginDto').required, ['username', 'password']);
    assert.equal(schemaAt(body, 'LoginResultDto', 'user').$ref, '#/components/schemas/UserViewDto');
    assert.deepEqual(schemaAt(body, 'UserViewDto', 'role').enum, ['vendor', 'officer', 'finance', 'auditor']);
  });
});

/** Signs in over a socket bound to `localAddress` (any of 127.0.0.0/8), so the gateway sees that client address. */
function loginFrom(localAddress: string, username: string, password: string): Promise<{ status: number; retryAfter?: string; body: ErrorBody }> {
  const { hostname, port } = new URL(testEnv.serviceUrl('gateway'));
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname,
        port,
        localAddress,
        method: 'POST',
        path: '/api/auth/login',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'], body: JSON.parse(text) as ErrorBody }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** A user of its own in the gateway's database, so locking it out disturbs no other test. */
async function aUser(passwordHash?: string): Promise<string> {
  const username = `locked.${uniqueId()}`;
  const db = new pg.Client({ connectionString: testEnv.serviceDatabaseUrl('gateway') });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, role)
       SELECT $1, 'Test auditor', coalesce($2, password_hash), 'auditor' FROM users WHERE username = 'auditor'`,
      [username, passwordHash ?? null],
    );
  } finally {
    await db.end();
  }
  return username;
}

async function storedHash(username: string): Promise<string> {
  const db = new pg.Client({ connectionString: testEnv.serviceDatabaseUrl('gateway') });
  await db.connect();
  try {
    return (await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = $1', [username])).rows[0].password_hash;
  } finally {
    await db.end();
  }
}

describe('gateway: guessing passwords from many addresses', () => {
  test('failures for one account from two client addresses lock it for every address, with a message and Retry-After', async () => {
    const username = await aUser();
    const statuses: number[] = [];
    for (const client of ['127.0.0.2', '127.0.0.3']) for (let i = 0; i < 5; i++) statuses.push((await loginFrom(client, username, `guess-${i}`)).status);
    assert.deepEqual(statuses, Array(10).fill(401), 'each address stays under its own limit');

    const locked = await loginFrom('127.0.0.4', username, DEMO_PASSWORD);
    assert.equal(locked.status, 429, 'the right password from a third address is refused while the account is locked');
    assert.match(locked.body.message, /account is locked/);
    assert.ok(Number(locked.retryAfter) > 0);
    assert.equal((await loginFrom('127.0.0.4', 'auditor', DEMO_PASSWORD)).status, 200, 'other accounts sign in from there');
  });

  test('a password hashed at an older cost still signs in, and is hashed again at today’s', async () => {
    const salt = Buffer.from(randomUUID());
    const key = scryptSync(DEMO_PASSWORD, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const username = await aUser(['scrypt', 2 ** 14, 8, 1, salt.toString('base64'), key.toString('base64')].join('$'));
    assert.equal((await login(username)).status, 200);
    assert.match(await storedHash(username), /^scrypt\$131072\$8\$1\$/);
    assert.equal((await login(username)).status, 200);
  });
});

/** Sends `raw` on a socket of its own and reads until the gateway closes it (or two seconds pass). */
function rawExchange(raw: string): Promise<string> {
  const { hostname, port } = new URL(testEnv.serviceUrl('gateway'));
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(raw));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    setTimeout(() => socket.end(), 2000);
  });
}

describe('gateway: request smuggling', () => {
  test('a GET with a chunked body hiding a second request is refused with 400, and the service never sees the hidden request', async () => {
    const vendorId = randomUUID();
    const token = tokenFor({ username: `vendor-${uniqueId()}`, role: 'vendor', vendorId });
    const vendor = gateway().as(token);
    assert.equal((await vendor.get<VendorDto>('/api/catalog/vendors/me')).body.region, null);

    const marker = `Smuggled ${uniqueId()}`;
    const profile = JSON.stringify({ name: 'CV Penyelundup', npwp: '0123456789012345', nib: '9120001234567', umk: false, region: marker });
    const hidden =
      `PUT /api/catalog/vendors/me HTTP/1.1\r\nHost: catalog\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(profile)}\r\n\r\n${profile}`;
    const smuggling =
      `GET /api/catalog/vendors/me HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${token}\r\nTransfer-Encoding: chunked\r\n\r\n` +
      `${Buffer.byteLength(hidden).toString(16)}\r\n${hidden}\r\n0\r\n\r\n`;
    const answer = await rawExchange(smuggling);
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /may not carry a body/);
    assert.equal(answer.match(/HTTP\/1\.1 /g)?.length, 1, 'one answer, and the connection closed');

    // the hidden request on its own does change the profile: had it reached the catalog, the read below would show it
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await vendor.get<VendorDto>('/api/catalog/vendors/me')).body.region, null);
    assert.match(await rawExchange(hidden), /^HTTP\/1\.1 200 /);
    assert.equal((await vendor.get<VendorDto>('/api/catalog/vendors/me')).body.region, marker);
  });
});
