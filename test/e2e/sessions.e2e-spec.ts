import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { TokenMinter } from '#serapan/auth-testing';
import type { LoginResultDto } from '../../apps/gateway/src/login/dto/login-result.dto.js';
import type { StreamTicketDto } from '../../apps/gateway/src/login/dto/stream-ticket.dto.js';
import { passwordHasher } from '../../apps/gateway/src/users/password-hasher.js';
import { Api, ErrorBody, testEnv, testTokens, uniqueId } from '../support/index.js';

const gatewayUrl = () => testEnv.serviceUrl('gateway');
const PASSWORD = 'Sesi-yang-panjang!1';
/** How often the gateway reads revoked sessions and users (deploy/test.mjs sets it small). */
const CHECK_INTERVAL_MS = Number(process.env.SESSION_CHECK_INTERVAL_MS ?? 30_000);
const db = new pg.Pool({ connectionString: testEnv.serviceDatabaseUrl('gateway'), max: 2 });
const passwordHash = passwordHasher.hash(PASSWORD);

/** A user of our own (auditor: no scope needed), so disabling one touches no other test. */
async function aUser(): Promise<{ id: string; username: string }> {
  const username = `sesi.${uniqueId()}`;
  const [row] = (
    await db.query<{ id: string }>(`INSERT INTO users (username, display_name, password_hash, role) VALUES ($1, $1, $2, 'auditor') RETURNING id`, [
      username,
      await passwordHash,
    ])
  ).rows;
  return { id: row.id, username };
}

interface SignedIn {
  status: number;
  accessToken: string;
  /** The session (the access token's `sid`). */
  sessionId?: string;
  /** The refresh cookie's value, as the browser would send it back. */
  cookie?: string;
  setCookie: string;
}

async function authCall(path: string, init: { body?: unknown; cookie?: string; token?: string } = {}): Promise<SignedIn> {
  const response = await fetch(`${gatewayUrl()}/api/auth/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: JSON.stringify(init.body ?? {}),
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Partial<LoginResultDto>) : {};
  const value = /^(serapan_refresh_[0-9a-f-]+=[^;]+);/.exec(setCookie)?.[1];
  const sessionId = body.accessToken ? ((jwt.decode(body.accessToken) as jwt.JwtPayload).sid as string) : undefined;
  return { status: response.status, accessToken: body.accessToken ?? '', sessionId, cookie: value, setCookie };
}

const signIn = (username: string) => authCall('login', { body: { username, password: PASSWORD } });
const refresh = (session: SignedIn) => authCall('refresh', { cookie: session.cookie, body: { sessionId: session.sessionId } });
/** A proxied call (the budget service behind the gateway) and one the gateway answers itself. */
async function access(token: string): Promise<[number, number]> {
  const gateway = new Api(gatewayUrl(), token);
  return [(await gateway.get('/api/budget/lines?fiscalYear=2025&satkerCode=415423')).status, (await gateway.get('/api/auth/me')).status];
}

/** Waits until `probe` answers `expected`, at most a few check intervals (and never a minute). */
async function within<T>(probe: () => Promise<T>, expected: T): Promise<number> {
  const started = Date.now();
  const deadline = started + Math.min(60_000, CHECK_INTERVAL_MS * 4 + 2_000);
  for (;;) {
    const answer = await probe();
    if (JSON.stringify(answer) === JSON.stringify(expected)) return Date.now() - started;
    if (Date.now() > deadline) assert.deepEqual(answer, expected);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

after(() => db.end());

describe('sessions: short access tokens, rotating refresh tokens, revocation', () => {
  test('sign-in sets the refresh token as an HttpOnly, SameSite=Strict cookie for /api/auth only, and the access token lives minutes', async () => {
    const user = await aUser();
    const signedIn = await signIn(user.username);
    assert.equal(signedIn.status, 200);
    assert.ok(signedIn.cookie);
    assert.match(signedIn.setCookie, /Path=\/api\/auth;/);
    assert.match(signedIn.setCookie, /HttpOnly/);
    assert.match(signedIn.setCookie, /SameSite=Strict/);
    const claims = jwt.decode(signedIn.accessToken, { complete: true })!;
    const payload = claims.payload as jwt.JwtPayload;
    assert.equal(payload.exp! - payload.iat!, 300);
    assert.ok(claims.header.kid, 'names its key');
    assert.ok(payload.sid, 'names its session');
  });

  test('refresh rotates the refresh token; using the old one again revokes the whole session', async () => {
    const user = await aUser();
    const first = await signIn(user.username);
    const second = await refresh(first);
    assert.equal(second.status, 200);
    assert.ok(second.cookie && second.cookie !== first.cookie, 'a new refresh token');
    assert.notEqual(second.accessToken, first.accessToken);
    assert.deepEqual(await access(second.accessToken), [200, 200]);

    assert.equal(second.sessionId, first.sessionId, 'the same session');
    const replay = await refresh(first);
    assert.equal(replay.status, 401);
    assert.equal((await refresh(second)).status, 401, 'the successor dies with its session');
    assert.deepEqual(await access(second.accessToken), [401, 401], 'the session’s access tokens stop at once');
    assert.deepEqual(await access(first.accessToken), [401, 401]);
  });

  test('logout revokes the session: its access token fails at the gateway at once, and its refresh token too', async () => {
    const user = await aUser();
    const signedIn = await signIn(user.username);
    assert.deepEqual(await access(signedIn.accessToken), [200, 200]);
    const out = await authCall('logout', { cookie: signedIn.cookie, token: signedIn.accessToken });
    assert.equal(out.status, 204);
    assert.match(out.setCookie, new RegExp(`serapan_refresh_${signedIn.sessionId}=;.*Max-Age=0`), 'the cookie is cleared');
    assert.deepEqual(await access(signedIn.accessToken), [401, 401]);
    assert.equal((await refresh(signedIn)).status, 401);
    const other = await signIn(user.username);
    assert.deepEqual(await access(other.accessToken), [200, 200], 'a new sign-in is a new session');
  });

  test('a disabled user loses access within the check interval and can neither refresh nor sign in', async () => {
    const user = await aUser();
    const signedIn = await signIn(user.username);
    assert.deepEqual(await access(signedIn.accessToken), [200, 200]);
    await db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
    const took = await within(() => access(signedIn.accessToken), [401, 401]);
    assert.ok(took < 60_000, `refused after ${took} ms`);
    assert.equal((await refresh(signedIn)).status, 401);
    assert.equal((await signIn(user.username)).status, 401);
  });

  test('a re-scoped user (sessions_valid_after) loses the tokens and sessions from before, and signs in afresh', async () => {
    const user = await aUser();
    const signedIn = await signIn(user.username);
    await db.query(`UPDATE users SET sessions_valid_after = now() WHERE id = $1`, [user.id]);
    await within(() => access(signedIn.accessToken), [401, 401]);
    assert.equal((await refresh(signedIn)).status, 401);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // tokens carry whole seconds
    const again = await signIn(user.username);
    assert.equal(again.status, 200);
    assert.deepEqual(await access(again.accessToken), [200, 200]);
  });
});

describe('sessions: what every service and the gateway refuse', () => {
  const auditor = { username: 'auditor', role: 'auditor' } as const;
  const ports = () =>
    [
      ['gateway', gatewayUrl(), '/api/budget/lines?fiscalYear=2025&satkerCode=415423'],
      ['catalog', testEnv.serviceUrl('catalog'), '/api/catalog/products'],
      ['order', testEnv.serviceUrl('order'), '/api/orders'],
      ['budget', testEnv.serviceUrl('budget'), '/api/budget/lines?fiscalYear=2025&satkerCode=415423'],
    ] as const;

  async function statuses(token: string, inUrl = false): Promise<Record<string, number>> {
    const answers: Record<string, number> = {};
    for (const [name, url, path] of ports()) {
      const target = inUrl ? `${url}${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}` : `${url}${path}`;
      const response = await fetch(target, inUrl ? {} : { headers: { authorization: `Bearer ${token}` } }).catch((error: Error) => {
        throw new Error(`${name} ${path}: ${error.message} (${String((error.cause as Error | undefined)?.message)})`);
      });
      answers[name] = response.status;
      await response.body?.cancel();
    }
    return answers;
  }
  const all = (status: number) => ({ gateway: status, catalog: status, order: status, budget: status });

  test('a valid token passes everywhere (the baseline for the refusals below)', async () => {
    assert.deepEqual(await statuses(testTokens().mint(auditor)), all(200));
  });

  test('a token without exp is refused with 401 by the gateway and each service', async () => {
    assert.deepEqual(await statuses(testTokens().mint(auditor, { expiresInSeconds: null })), all(401));
  });

  test('forged tokens straight to each service port and the gateway get 401', async () => {
    const stranger = new TokenMinter();
    const [header, payload] = testTokens().mint(auditor).split('.');
    const unsignedHeader = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), alg: 'none' })).toString('base64url');
    const forged = {
      'another key': stranger.mint(auditor),
      'another key under the real kid': stranger.mint(auditor, { kid: testTokens().keyId }),
      'alg none': `${unsignedHeader}.${payload}.`,
      'an unknown kid': testTokens().mint(auditor, { kid: 'no-such-key' }),
    };
    for (const [what, token] of Object.entries(forged)) assert.deepEqual(await statuses(token), all(401), what);
  });

  test('an access token in the URL of an endpoint that is not a live stream gets 401', async () => {
    assert.deepEqual(await statuses(testTokens().mint(auditor), true), all(401));
    const ticket = testTokens().mint(auditor, { use: 'stream' });
    assert.deepEqual(await statuses(ticket, true), all(401), 'nor does a stream ticket open anything but a stream');
    assert.deepEqual(await statuses(ticket), all(401), 'and a ticket is no bearer token');
  });

  test('a stream ticket from the gateway opens the live stream; an access token in its URL does not', async () => {
    const user = await aUser();
    const signedIn = await signIn(user.username);
    const ticketResponse = await new Api(gatewayUrl(), signedIn.accessToken).post<StreamTicketDto>('/api/auth/stream-ticket');
    assert.equal(ticketResponse.status, 200);
    const { ticket, expiresAt } = ticketResponse.body;
    assert.ok(expiresAt - Date.now() <= 60_000 && expiresAt > Date.now());
    const open = async (token: string) => {
      const abort = new AbortController();
      const response = await fetch(`${gatewayUrl()}/api/budget/absorption/stream?access_token=${encodeURIComponent(token)}`, { signal: abort.signal });
      abort.abort();
      return response.status;
    };
    assert.equal(await open(ticket), 200);
    assert.equal(await open(signedIn.accessToken), 401);
    assert.equal((await new Api(gatewayUrl(), ticket).get<ErrorBody>('/api/auth/me')).status, 401);
  });

  test('a stream opened with a ticket closes when the ticket expires, at the service and through the gateway', { timeout: 20_000 }, async () => {
    for (const base of [testEnv.serviceUrl('budget'), gatewayUrl()]) {
      const ticket = testTokens().mint(auditor, { use: 'stream', expiresInSeconds: 3 });
      const response = await fetch(`${base}/api/budget/absorption/stream?access_token=${ticket}`);
      assert.equal(response.status, 200, base);
      const started = Date.now();
      const reader = response.body!.getReader();
      while (!(await reader.read()).done);
      const openFor = Date.now() - started;
      assert.ok(openFor < 5_000, `${base}: the stream ended by itself after ${openFor} ms`);
    }
  });
});
