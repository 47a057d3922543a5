import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '@opentelemetry/api';
import { traceFields } from './logger.js';
import { contextOf, startTelemetry, traceparentOf, tracer } from './tracing.js';

startTelemetry({ service: 'test' });

const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context', () => {
  test('a span started in the context of a traceparent continues its trace as its child', () => {
    const span = tracer.startSpan('process order.placed', {}, contextOf(incoming));
    const own = traceparentOf(span)!;
    assert.match(own, /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    assert.notEqual(own.slice(36, 52), '00f067aa0ba902b7');
    assert.equal((span as unknown as { parentSpanContext?: { spanId: string } }).parentSpanContext?.spanId, '00f067aa0ba902b7');
    span.end();
  });

  test('a missing or malformed traceparent starts a new trace', () => {
    for (const header of [undefined, '', 'not-a-traceparent', '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
      assert.equal(trace.getSpan(contextOf(header)), undefined, String(header));
      const span = tracer.startSpan('new', {}, contextOf(header));
      assert.notEqual(traceparentOf(span)!.slice(3, 35), '4bf92f3577b34da6a3ce929d0e0e4736');
      span.end();
    }
  });

  test('an unsampled parent stays unsampled, and its children still get ids', () => {
    const span = tracer.startSpan('quiet', {}, contextOf(incoming.replace(/01$/, '00')));
    assert.match(traceparentOf(span)!, /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00$/);
  });

  test('log fields name the trace and span of a traceparent', () => {
    assert.deepEqual(traceFields(incoming), { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' });
    assert.deepEqual(traceFields(undefined), {});
  });
});
