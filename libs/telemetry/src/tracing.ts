import type { IncomingMessage, ServerResponse } from 'node:http';
import { Context, defaultTextMapGetter, isSpanContextValid, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVICE_NAME, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import { nameLogService } from './logger.js';

export interface TelemetryOptions {
  /** The service's name, on every log line and span (`serapan-<service>`). */
  service: string;
  /**
   * Base URL of an OTLP/HTTP receiver (the standard OTEL_EXPORTER_OTLP_ENDPOINT);
   * spans are exported to `<it>/v1/traces`. Without it spans are not exported,
   * but still give their ids to log lines and events.
   */
  otlpEndpoint?: string;
}

/** The W3C header every hop carries: `00-<trace id>-<span id>-<flags>`. */
export const TRACEPARENT = 'traceparent';

const w3c = new W3CTraceContextPropagator();
let provider: NodeTracerProvider | undefined;

/** The tracer of every span the services make. */
export const tracer = trace.getTracer('serapan');

/**
 * Starts logs and traces for this process: names the service, registers a
 * tracer provider that samples every trace (a parent's decision is kept) and
 * keeps the active span across awaits, and, when an endpoint is given,
 * exports spans in batches in the background. Call once, before Nest starts.
 */
export function startTelemetry(options: TelemetryOptions): void {
  nameLogService(options.service);
  const endpoint = options.otlpEndpoint?.replace(/\/+$/, '');
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: `serapan-${options.service}` }),
    spanProcessors: endpoint ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))] : [],
  });
  provider.register();
}

/** Exports the spans still waiting and stops the provider (at shutdown). */
export async function stopTelemetry(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

/** The context a `traceparent` value continues (the root context when it is missing or malformed). */
export function contextOf(traceparent: string | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return w3c.extract(ROOT_CONTEXT, { [TRACEPARENT]: traceparent }, defaultTextMapGetter);
}

/** A span's `traceparent` value, or undefined when it has no valid ids (no tracer provider). */
export function traceparentOf(span: Span | undefined): string | undefined {
  const ids = span?.spanContext();
  if (!ids || !isSpanContextValid(ids)) return undefined;
  return `00-${ids.traceId}-${ids.spanId}-${ids.traceFlags & TraceFlags.SAMPLED ? '01' : '00'}`;
}

/** The `traceparent` of the span active here (an HTTP request's, say), if any. */
export function activeTraceparent(): string | undefined {
  return traceparentOf(trace.getActiveSpan());
}

/**
 * Starts the server span of an HTTP request: a child of the request's
 * `traceparent` header when it has one, a new trace otherwise. The response
 * carries the span's own `traceparent`, so a client can find its trace; the
 * span ends when the response does. Returns the span and the context to run
 * the request's work in.
 */
export function startServerSpan(req: IncomingMessage, res: ServerResponse): { span: Span; context: Context } {
  const header = req.headers[TRACEPARENT];
  const parent = contextOf(typeof header === 'string' ? header : undefined);
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const span = tracer.startSpan(
    req.method ?? 'HTTP',
    { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method, [ATTR_URL_PATH]: query < 0 ? url : url.slice(0, query) } },
    parent,
  );
  const traceparent = traceparentOf(span);
  if (traceparent) res.setHeader(TRACEPARENT, traceparent);
  res.once('close', () => {
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return { span, context: trace.setSpan(parent, span) };
}
