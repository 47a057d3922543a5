import { INestApplication, PipeTransform, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
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
