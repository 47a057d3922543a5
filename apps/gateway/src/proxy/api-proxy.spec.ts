import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http, { IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { AddressInfo } from 'node:net';
import { JwtVerifier } from '#serapan/auth';
import { TEST_AUDIENCE, TEST_ISSUER, TokenMinter } from '#serapan/auth-testing';
import { ApiProxy } from './api-proxy.js';

const minter = new TokenMinter();
const token = minter.mint({ username: 'bendahara.415423', role: 'finance', satkerCode: '415423', klCode: '024' });

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function freePort(): Promise<string> {
  const { server, url } = await listen(() => undefined);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

describe('API proxy', () => {
  let upstream: { server: Server; url: string };
  let gateway: { server: Server; url: string };
  const upstreamHits: string[] = [];
  let streamClosed = false;

  before(async () => {
    upstream = await listen((req, res) => {
      upstreamHits.push(req.url!);
      if (req.url!.startsWith('/api/budget/absorption/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write('data: {"satkerCode":"415423"}\n\n');
        req.socket.once('close', () => (streamClosed = true));
        return;
      }
      if (req.url === '/api/catalog/slow') return;
      if (req.url === '/api/catalog/dies') {
        // headers and half a body, then the service goes away
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"half":');
        setTimeout(() => req.socket.destroy(), 50);
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'x-powered-by': 'Express' });
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() }));
      });
    });
    const routes = [
      { prefix: '/api/catalog', service: 'catalog', target: upstream.url },
      { prefix: '/api/budget', service: 'budget', target: upstream.url },
      { prefix: '/api/orders', service: 'order', target: await freePort() },
      { prefix: '/api/open-data', service: 'order', target: upstream.url, public: true },
    ];
    const verifier = new JwtVerifier({ publicKeys: [minter.publicKey], issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
    const proxy = new ApiProxy(routes, verifier, 500, ['/api/budget/absorption/stream']);
    gateway = await listen((req, res) => proxy.handle(req, res));
  });

  after(async () => {
    gateway.server.closeAllConnections();
    upstream.server.closeAllConnections();
    await Promise.all([gateway, upstream].map(({ server }) => new Promise((resolve) => server.close(resolve))));
  });

  test('forwards method, path, query, token, idempotency key and body unchanged', async () => {
    const body = JSON.stringify({ sku: 'ALKES-001', priceIdr: '125000000' });
    const response = await fetch(`${gateway.url}/api/catalog/products?q=tensimeter&domestic=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'k-123', 'content-type': 'application/json' },
      body,
    });
    const echo = (await response.json()) as { method: string; url: string; headers: Record<string, string>; body: string };
    assert.equal(response.status, 201);
    assert.equal(echo.method, 'POST');
    assert.equal(echo.url, '/api/catalog/products?q=tensimeter&domestic=true');
    assert.equal(echo.headers.authorization, `Bearer ${token}`);
    assert.equal(echo.headers['idempotency-key'], 'k-123');
    assert.equal(echo.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(echo.body, body);
    assert.equal(response.headers.get('x-powered-by'), null);
  });

  test('turns away a request without a valid token before it reaches a service', async () => {
    const before = upstreamHits.length;
    const anonymous = await fetch(`${gateway.url}/api/catalog/products`);
    const forged = await fetch(`${gateway.url}/api/catalog/products`, {
      headers: { authorization: `Bearer ${new TokenMinter().mint({ username: 'x', role: 'finance' })}` },
    });
    assert.equal(anonymous.status, 401);
    assert.deepEqual(await anonymous.json(), { statusCode: 401, error: 'Unauthorized', message: 'authorization: a bearer access token is required' });
    assert.equal(forged.status, 401);
    assert.equal(upstreamHits.length, before);
  });

  test('passes an open-data request on without a token, and drops the credentials a browser sends along', async () => {
    const response = await fetch(`${gateway.url}/api/open-data/releases?since=2026-01-01`, {
      headers: { authorization: `Bearer ${token}`, cookie: 'serapan_refresh_x=secret' },
    });
    const echo = (await response.json()) as { url: string; headers: Record<string, string> };
    assert.equal(response.status, 201);
    assert.equal(echo.url, '/api/open-data/releases?since=2026-01-01');
    assert.equal(echo.headers.authorization, undefined);
    assert.equal(echo.headers.cookie, undefined);
  });

  test('streams Server-Sent Events as they are written and lets go of the service when the browser leaves', { timeout: 5000 }, async () => {
    const controller = new AbortController();
    const ticket = minter.mint({ username: 'bendahara.415423', role: 'finance', satkerCode: '415423', klCode: '024' }, { use: 'stream', expiresInSeconds: 60 });
    const response = await fetch(`${gateway.url}/api/budget/absorption/stream?access_token=${ticket}`, { signal: controller.signal });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const first = await response.body!.getReader().read();
    assert.ok(first.value instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(first.value), 'data: {"satkerCode":"415423"}\n\n');
    controller.abort();
    const deadline = Date.now() + 2000;
    while (!streamClosed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(streamClosed, true);
  });

  test('takes a token in the URL only on a live stream, and there only a stream ticket', async () => {
    const before = upstreamHits.length;
    const ticket = minter.mint({ username: 'bendahara.415423', role: 'finance' }, { use: 'stream' });
    const inUrl = await fetch(`${gateway.url}/api/catalog/products?access_token=${token}`);
    const ticketAsBearer = await fetch(`${gateway.url}/api/catalog/products`, { headers: { authorization: `Bearer ${ticket}` } });
    const accessTokenOnStream = await fetch(`${gateway.url}/api/budget/absorption/stream?access_token=${token}`);
    assert.deepEqual([inUrl.status, ticketAsBearer.status, accessTokenOnStream.status], [401, 401, 401]);
    assert.match(((await inUrl.json()) as { message: string }).message, /only by a live stream/);
    assert.equal(upstreamHits.length, before);
  });

  test('ends a live stream when the ticket that opened it expires', { timeout: 8000 }, async () => {
    const ticket = minter.mint({ username: 'bendahara.415423', role: 'finance', satkerCode: '415423', klCode: '024' }, { use: 'stream', expiresInSeconds: 2 });
    const response = await fetch(`${gateway.url}/api/budget/absorption/stream?access_token=${ticket}`);
    assert.equal(response.status, 200);
    const reader = response.body!.getReader();
    const started = Date.now();
    while (!(await reader.read()).done);
    assert.ok(Date.now() - started < 3500, 'the stream ended by itself once its ticket expired');
  });

  test('answers 502 naming the service when it is down', async () => {
    const response = await fetch(`${gateway.url}/api/orders`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 502);
    assert.deepEqual(await response.json(), { statusCode: 502, error: 'Bad Gateway', message: 'order service is unavailable' });
  });

  test('answers 504 when the service does not answer in time', async () => {
    const response = await fetch(`${gateway.url}/api/catalog/slow`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 504);
    assert.deepEqual(await response.json(), { statusCode: 504, error: 'Gateway Timeout', message: 'catalog service did not answer in time' });
  });

  test('a service that dies halfway through its answer breaks the client’s answer instead of leaving it hanging', async () => {
    const response = await fetch(`${gateway.url}/api/catalog/dies`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    const outcome = await Promise.race([
      response.text().then(
        () => 'complete',
        () => 'broken',
      ),
      new Promise((resolve) => setTimeout(() => resolve('hanging'), 2000)),
    ]);
    assert.equal(outcome, 'broken');
  });

  test('does not treat a look-alike path as a service prefix', async () => {
    const response = await fetch(`${gateway.url}/api/catalogue`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 404);
  });

  test('passes on only the address it saw, not an X-Forwarded-For the client wrote', async () => {
    const response = await fetch(`${gateway.url}/api/catalog/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '10.9.8.7' },
      body: '{}',
    });
    const echo = (await response.json()) as { headers: Record<string, string> };
    assert.equal(echo.headers['x-forwarded-for'], '127.0.0.1');
  });

  test('refuses with 400 a body it could not pass on exactly, and forwards nothing of it', async () => {
    const head = (method: string, framing: string) =>
      `${method} /api/catalog/products HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${token}\r\n${framing}\r\n`;
    const cases = {
      'chunked GET': head('GET', 'Transfer-Encoding: chunked\r\n') + '5\r\nhello\r\n0\r\n\r\n',
      'chunked DELETE': head('DELETE', 'Transfer-Encoding: chunked\r\n') + '0\r\n\r\n',
      'chunked OPTIONS': head('OPTIONS', 'Transfer-Encoding: chunked\r\n') + '0\r\n\r\n',
      'GET with Content-Length': head('GET', 'Content-Length: 5\r\n') + 'hello',
      'HEAD with Content-Length': head('HEAD', 'Content-Length: 5\r\n') + 'hello',
      'POST gzip, chunked': head('POST', 'Transfer-Encoding: gzip, chunked\r\n') + '0\r\n\r\n',
      'POST identity': head('POST', 'Transfer-Encoding: identity\r\n'),
      'POST chunked and Content-Length': head('POST', 'Transfer-Encoding: chunked\r\nContent-Length: 5\r\n') + '0\r\n\r\n',
      'POST two Content-Lengths': head('POST', 'Content-Length: 2\r\nContent-Length: 2\r\n') + '{}',
    };
    const before = upstreamHits.length;
    for (const [name, raw] of Object.entries(cases)) {
      const answer = await rawExchange(gateway.url, raw);
      assert.match(answer, /^HTTP\/1\.1 400 /, `${name}: ${answer.split('\r\n')[0]}`);
    }
    assert.equal(upstreamHits.length, before);
    const chunkedPost = await rawExchange(gateway.url, head('POST', 'Transfer-Encoding: chunked\r\n') + '2\r\n{}\r\n0\r\n\r\n');
    assert.match(chunkedPost, /^HTTP\/1\.1 201 /, 'a chunked POST is framed exactly and goes through');
  });
});

/** Sends `raw` on a socket of its own and reads until the server closes it (or a second passes). */
function rawExchange(url: string, raw: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(raw));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    setTimeout(() => socket.end(), 1000);
  });
}
