import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '#serapan/auth';
import { scrapeMetrics } from './metrics.js';

/** Any writable answer, Express's or Fastify's: the content type has to be set per scrape. */
interface Answer {
  header(name: string, value: string): unknown;
  send(body: string): unknown;
}

/**
 * GET /metrics in Prometheus's text format, for the operator's network only:
 * the gateway forwards nothing but /api paths, and a public gateway must not
 * let the outside reach its own /metrics either (see docs/architecture.md, "Metrics").
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  async scrape(@Res() answer: Answer): Promise<void> {
    const { contentType, body } = await scrapeMetrics();
    answer.header('content-type', contentType);
    answer.send(body);
  }
}
