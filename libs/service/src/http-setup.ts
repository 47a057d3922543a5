import { INestApplication, PipeTransform, ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { context, type Context, type Span } from '@opentelemetry/api';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import { startServerSpan } from '#serapan/telemetry';
import { ConfigError, loadConfig } from '#serapan/config';
import { RejectNulPipe } from './reject-nul.pipe.js';

/** Reads a configuration class from the environment, or stops the process with a message naming the variable. */
export function configOrExit<C extends object>(type: new () => C): C {
  try {
    return loadConfig(type);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}

/** What every HTTP API runs its input through: NUL characters refused, DTOs validated, unknown fields refused. */
export function requestPipes(): PipeTransform[] {
  return [
    new RejectNulPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, transformOptions: { enableImplicitConversion: false } }),
  ];
}

/** Serves the app's OpenAPI document at /docs-json, and Swagger UI at /docs unless `ui` is false. */
export function serveOpenApi(app: INestApplication, title: string, options: { description?: string; ui?: boolean } = {}): void {
  const builder = new DocumentBuilder().setTitle(title).setVersion('1').addBearerAuth();
  if (options.description) builder.setDescription(options.description);
  const document = SwaggerModule.createDocument(app, builder.build());
  SwaggerModule.setup('docs', app, document, { ui: options.ui ?? true, raw: ['json'], jsonDocumentUrl: 'docs-json' });
}

const TRACE = Symbol('trace');

/**
 * A server span per request (see startServerSpan), active while the handler
 * runs, so log lines and the events the request writes carry its trace. It is
 * made active once the body has been read: the body's stream events would not
 * carry it.
 */
export function traceRequests(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    (request as unknown as Record<symbol, unknown>)[TRACE] = startServerSpan(request.raw, reply.raw);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const trace = (request as unknown as Record<symbol, { span: Span; context: Context }>)[TRACE];
    const route = request.routeOptions.url;
    if (route) trace.span.updateName(`${request.method} ${route}`).setAttribute(ATTR_HTTP_ROUTE, route);
    context.with(trace.context, done);
  });
}
