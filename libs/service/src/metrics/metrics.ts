import { collectDefaultMetrics, Histogram, register } from 'prom-client';

let started = false;

/**
 * Starts this process's metrics, once: every series carries the service's
 * name, and Node's own are collected (event-loop lag, heap, GC, CPU, handles).
 * All Serapan metrics live in prom-client's default registry, one per process.
 */
export function startMetrics(service: string): void {
  if (started) return;
  started = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

/** Routes that are not timed: the operator's own (scrapes, health checks) would drown the users'. */
const UNTIMED = new Set(['/metrics', '/health', '/health/live']);

/** The route label of a request that matched no route (404s, static files): raw paths would make a series each. */
export const OTHER_ROUTE = 'other';

const httpDuration = new Histogram({
  name: 'serapan_http_request_duration_seconds',
  help: 'Time from request to response, by method, route template and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/**
 * Times one answered request. `route` is the route's template
 * (`/api/orders/:id`), never the path as requested, so ids never become labels.
 */
export function recordHttpRequest(method: string, route: string | undefined, status: number, seconds: number): void {
  if (route !== undefined && UNTIMED.has(route)) return;
  httpDuration.observe({ method, route: route ?? OTHER_ROUTE, status }, seconds);
}

/** The metrics of this process in Prometheus's text format, and its content type. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
