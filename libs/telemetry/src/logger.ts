import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

/**
 * The process's one logger: JSON lines on stdout with level, time, service,
 * message and, while a span is active, its `trace_id` and `span_id`. Written
 * asynchronously (flushed at exit), so a busy path does not wait for the pipe.
 * A disabled level costs a function call: nothing is formatted.
 */
export const log: Logger = pino(
  {
    base: undefined,
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const span = trace.getActiveSpan();
      if (!span) return {};
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
  },
  pino.destination({ dest: 1, sync: false }),
);

/** Names the service on every line; call once at start, before anything logs. */
export function nameLogService(service: string): void {
  log.setBindings({ service });
}

/**
 * The `trace_id` and `span_id` of a W3C `traceparent` value, for a line about
 * one event among many of other traces (a batch has no single active span).
 */
export function traceFields(traceparent: string | undefined): { trace_id?: string; span_id?: string } {
  if (!traceparent) return {};
  return { trace_id: traceparent.slice(3, 35), span_id: traceparent.slice(36, 52) };
}
