import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http, { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context } from '@opentelemetry/api';
import { activeTraceparent, startServerSpan, startTelemetry, stopTelemetry } from '#serapan/telemetry';

/** What an OTLP/HTTP JSON export holds, as far as the test reads it. */
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number }[] }[];
  }[];
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('spans are exported to the OTLP endpoint when one is configured', () => {
  const exports: { path: string; type: string; body: OtlpExport }[] = [];
  let receiver: { server: Server; url: string };
  let service: { server: Server; url: string };

  before(async () => {
    // an OTLP/HTTP receiver is an endpoint that takes POST /v1/traces
    receiver = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        exports.push({ path: req.url!, type: req.headers['content-type'] ?? '', body: JSON.parse(Buffer.concat(chunks).toString()) as OtlpExport });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    startTelemetry({ service: 'order', otlpEndpoint: `${receiver.url}/` });
    // a service's HTTP server as the services run it: a server span per request, active in the handler
    service = await listen((req, res) =>
      context.with(startServerSpan(req, res).context, () => res.writeHead(200, { 'content-type': 'text/plain' }).end(activeTraceparent())),
    );
  });

  after(async () => {
    for (const { server } of [service, receiver]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("a request's server span reaches the receiver in the client's trace, under the client's span, named for the service", async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    const response = await fetch(`${service.url}/api/orders`, { method: 'POST', headers: { traceparent: `00-${traceId}-${clientSpan}-01` } });
    const answered = response.headers.get('traceparent');
    assert.equal(await response.text(), answered, 'the span answered with is the one active in the handler');
    assert.match(answered ?? '', new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    await stopTelemetry(); // exports what is waiting
    assert.ok(exports.length > 0, 'the receiver got an export');
    assert.deepEqual(new Set(exports.map((e) => e.path)), new Set(['/v1/traces']));
    assert.match(exports[0].type, /^application\/json/);
    const resourceSpans = exports.flatMap((e) => e.body.resourceSpans);
    const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const server = spans.find((s) => s.traceId === traceId);
    assert.ok(server, `a span of trace ${traceId} among ${spans.length}`);
    assert.equal(server.parentSpanId, clientSpan);
    assert.equal(server.spanId, answered!.slice(36, 52));
    assert.equal(server.name, 'POST');
    assert.equal(server.kind, 2, 'SERVER');
    const names = resourceSpans.flatMap((r) => r.resource.attributes.filter((a) => a.key === 'service.name').map((a) => a.value.stringValue));
    assert.deepEqual([...new Set(names)], ['serapan-order']);
  });
});
