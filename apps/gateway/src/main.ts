import 'reflect-metadata';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigError, loadConfig } from '#serapan/config';
import { followLauncher } from '#serapan/service';
import { GatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { ApiProxy } from './proxy/api-proxy.js';
import { securityHeaders } from './web/security-headers.js';
import { WEB_ROOT } from './web/web-root.js';

try {
  const config = loadConfig(GatewayConfig);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config), {
    bodyParser: false,
    forceCloseConnections: true,
    logger: ['error', 'warn', 'log'],
  });
  app.disable('x-powered-by');
  app.use(securityHeaders);
  // The proxy comes before any body parser, so request bodies stream to the services untouched.
  const proxy = app.get(ApiProxy);
  app.use(proxy.prefixes, proxy.handle.bind(proxy));
  app.useBodyParser('json', { limit: '16kb' });
  app.useStaticAssets(WEB_ROOT, { index: 'index.html', setHeaders: (res: Response) => res.setHeader('Cache-Control', 'no-cache') });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Serapan gateway')
      .setDescription('Login and health; /api/catalog, /api/orders and /api/budget are forwarded to the services, each documented at its own /docs-json')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // The document only: the web app's Content-Security-Policy would refuse Swagger UI's inline styles.
  SwaggerModule.setup('docs', app, document, { ui: false, raw: ['json'], jsonDocumentUrl: 'docs-json' });
  await app.listen(config.PORT, config.HOST);
  followLauncher(app);
  new Logger('gateway').log(`gateway listening on http://${config.HOST}:${config.PORT}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
