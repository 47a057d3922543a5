import http, { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import https from 'node:https';
import { InvalidTokenError, JwtVerifier, presentedToken, type Principal } from '#serapan/auth';
import { activeTraceparent, TRACEPARENT } from '#serapan/telemetry';
import { cameOverTls, trustedChain } from '../web/forwarded.js';

/** Requests under `prefix` go to the service at `target`, path unchanged; a `public` route needs no token. */
export interface ProxyRoute {
  prefix: string;
  service: string;
  target: string;
  public?: boolean;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Methods whose requests the upstream call would send without body framing (Node never chunks them). */
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE']);

type ProxiedRequest = IncomingMessage & { originalUrl?: string };

/**
 * Forwards the public API to the services under one origin. Bodies and
 * answers are piped, never buffered, so Server-Sent Events flow through as
 * they are written. Callers without a valid token are turned away here, before
 * any service is bothered; roles and scope are the services' to check. The
 * service is called in the trace of the request's span (the active one), and
 * the client gets that span's `traceparent`, not the service's.
 */
export class ApiProxy {
  private readonly agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

  private readonly streams: Set<string>;

  /** `streams`: the paths of the live streams, the only ones that take a stream ticket in the URL. */
  constructor(
    readonly routes: ProxyRoute[],
    private readonly verifier: JwtVerifier,
    private readonly timeoutMs: number,
    streams: string[] = [],
    private readonly trustedHops = 0,
  ) {
    this.streams = new Set(streams);
  }

  get prefixes(): string[] {
    return this.routes.map((route) => route.prefix);
  }

  handle(req: ProxiedRequest, res: ServerResponse): void {
    const url = req.originalUrl ?? req.url ?? '/';
    const route = this.routes.find((r) => url === r.prefix || url.startsWith(`${r.prefix}/`) || url.startsWith(`${r.prefix}?`));
    if (!route) return reply(res, 404, 'Not Found', `no service serves ${url.split('?')[0]}`);
    const badFraming = framingRefusal(req);
    if (badFraming) {
      // the body was not read: the connection cannot carry another request
      res.shouldKeepAlive = false;
      return reply(res, 400, 'Bad Request', badFraming);
    }
    // open data is anyone's: no token is asked for, and none is passed on
    if (route.public) return this.forward(route, url, req, res);
    const checked = this.check(req, url);
    if ('refusal' in checked) return reply(res, 401, 'Unauthorized', `authorization: ${checked.refusal}`);
    // a live stream ends when the token that opened it expires (the service ends it too); the client opens it again
    this.forward(route, url, req, res, checked.stream ? checked.principal.expiresAt : undefined);
  }

  /** The same rule as the services' guard: a token in the URL only on a live stream, and there only a ticket. */
  private check(req: IncomingMessage, url: string): { principal: Principal; stream: boolean } | { refusal: string } {
    const query = url.indexOf('?');
    const urlToken = query < 0 ? null : new URLSearchParams(url.slice(query + 1)).get('access_token');
    const stream = this.streams.has(query < 0 ? url : url.slice(0, query));
    const presented = presentedToken(req.headers.authorization, urlToken, stream);
    if ('refusal' in presented) return presented;
    try {
      return { principal: this.verifier.verify(presented.token, presented.use), stream };
    } catch (error) {
      if (error instanceof InvalidTokenError) return { refusal: error.message };
      throw error;
    }
  }

  private forward(route: ProxyRoute, url: string, req: ProxiedRequest, res: ServerResponse, endsAt?: number): void {
    const target = new URL(route.target);
    const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
    const upstream = (protocol === 'https:' ? https : http).request({
      protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: url,
      agent: this.agents[protocol],
      headers: requestHeaders(req, target.host, this.trustedHops, route.public),
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      upstream.destroy(new Error(`${route.service} service did not answer in time`));
    }, this.timeoutMs);

    upstream.once('response', (answer) => {
      clearTimeout(timer);
      const headers = responseHeaders(answer.headers);
      res.writeHead(answer.statusCode ?? 502, headers);
      if (headers['x-accel-buffering'] === 'no') res.flushHeaders();
      // pipe, not stream.pipeline: pipeline aborts an AbortController of its own when it ends, and the
      // DOMException that makes was the costliest thing in the gateway's profile. An upstream error drops
      // the client here; the client leaving drops the upstream (below).
      answer.once('error', () => res.destroy());
      answer.pipe(res);
      if (endsAt !== undefined) {
        const end = setTimeout(() => (answer.unpipe(res), upstream.destroy(), res.end()), Math.max(0, endsAt - Date.now()));
        res.once('close', () => clearTimeout(end));
      }
    });
    upstream.once('error', () => {
      clearTimeout(timer);
      if (res.headersSent) res.destroy();
      else if (timedOut) reply(res, 504, 'Gateway Timeout', `${route.service} service did not answer in time`);
      else reply(res, 502, 'Bad Gateway', `${route.service} service is unavailable`);
    });
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}

/**
 * Why a request's body cannot be passed on exactly as the client framed it, or
 * undefined when it can. A body the upstream call would send unframed (on a GET,
 * say) would be read by the service as a request of its own: smuggling. Node's
 * parser already refuses duplicate or malformed Content-Length, and
 * Transfer-Encoding beside Content-Length; the last is checked again here so the
 * rule does not rest on a parser setting.
 */
export function framingRefusal(req: IncomingMessage): string | undefined {
  const encoding = req.headers['transfer-encoding'];
  const length = req.headers['content-length'];
  if (encoding !== undefined && length !== undefined) return 'a request may not carry both Transfer-Encoding and Content-Length';
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'chunked') return 'Transfer-Encoding must be chunked, and only chunked';
  if (length !== undefined && !/^\d+$/.test(length)) return 'Content-Length must be one decimal number';
  const hasBody = encoding !== undefined || (length !== undefined && Number(length) > 0);
  if (hasBody && BODYLESS.has(req.method ?? '')) return `a ${req.method} request may not carry a body`;
  return undefined;
}

function requestHeaders(req: IncomingMessage, host: string, trustedHops: number, anonymous = false): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = withoutHopByHop(req.headers);
  if (anonymous) {
    delete headers.authorization;
    delete headers.cookie;
  }
  // only what the trusted hops wrote is passed on; the client's own X-Forwarded-For is dropped
  headers['x-forwarded-for'] = trustedChain(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'], trustedHops).join(', ');
  if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
  headers['x-forwarded-proto'] = cameOverTls(req, trustedHops) ? 'https' : 'http';
  headers.host = host;
  const traceparent = activeTraceparent();
  if (traceparent) headers[TRACEPARENT] = traceparent;
  return headers;
}

function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept = withoutHopByHop(headers);
  delete kept['x-powered-by'];
  delete kept[TRACEPARENT];
  if (String(kept['content-type']).startsWith('text/event-stream')) kept['x-accel-buffering'] = 'no';
  return kept;
}

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = new Set(
    String(headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((name) => name.trim()),
  );
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !listed.has(name)));
}

function reply(res: ServerResponse, statusCode: number, error: string, message: string): void {
  res.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ statusCode, error, message }));
}
