import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { context } from '@opentelemetry/api';
import type { Response } from 'express';
import { configOrExit, followLauncher, requestPipes, serveOpenApi, startMetrics } from '#serapan/service';
import { PinoNestLogger, startServerSpan, startTelemetry } from '#serapan/telemetry';
import { GatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { timeRequests } from './metrics/request-timing.js';
import { ApiProxy } from './proxy/api-proxy.js';
import { securityHeaders } from './web/security-headers.js';
import { transparencyPage, WEB_ROOT } from './web/web-root.js';

const config = configOrExit(GatewayConfig);
startTelemetry({ service: 'gateway', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
startMetrics('gateway');
try {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config), {
    bodyParser: false,
    forceCloseConnections: true,
    logger: new PinoNestLogger(),
  });
  app.disable('x-powered-by');
  // a server span per request; the proxy hands it on to the service it calls
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => context.with(startServerSpan(req, res).context, next));
  app.use(securityHeaders(config.TRUSTED_PROXY_HOPS));
  // The proxy comes before any body parser, so request bodies stream to the services untouched.
  const proxy = app.get(ApiProxy);
  app.use(timeRequests(proxy.prefixes));
  app.use(proxy.prefixes, proxy.handle.bind(proxy));
  app.useBodyParser('json', { limit: '16kb' });
  app.use('/transparency', transparencyPage);
  app.useStaticAssets(WEB_ROOT, { index: 'index.html', setHeaders: (res: Response) => res.setHeader('Cache-Control', 'no-cache') });
  app.useGlobalPipes(...requestPipes());
  app.enableShutdownHooks();
  // The document only: the web app's Content-Security-Policy would refuse Swagger UI's inline styles.
  serveOpenApi(app, 'Serapan gateway', {
    description: 'Login and health; /api/catalog, /api/orders and /api/budget are forwarded to the services, each documented at its own /docs-json',
    ui: false,
  });
  await app.listen(config.PORT, config.HOST);
  followLauncher(app);
  new Logger('gateway').log(`gateway listening on http://${config.HOST}:${config.PORT}`);
} catch (error) {
  console.error(error);
  process.exit(1);
}
