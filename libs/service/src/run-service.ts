import { DynamicModule, Logger, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EventConsumerOptions, EventConsumerServer, KafkaErrorFilter, provisionTopics } from '#serapan/messaging';
import { DomainErrorFilter } from './domain-error.filter.js';
import { RejectNulPipe } from './reject-nul.pipe.js';

export interface ServiceDefinition {
  name: string;
  module: Type<unknown> | DynamicModule;
  port: number;
  /** Topics this service publishes to; provisioned before it starts. */
  topics: string[];
  consumer?: EventConsumerOptions;
}

/**
 * Starts one service: HTTP API with validation, domain-error mapping and
 * OpenAPI at /docs, plus its Kafka consumers. Shared by every app's main.ts.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  const logger = new Logger(definition.name);
  if (definition.consumer) await provisionTopics(definition.consumer.kafka, definition.topics);
  const app = await NestFactory.create(definition.module, { logger: ['error', 'warn', 'log'] });
  app.useGlobalPipes(
    new RejectNulPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, transformOptions: { enableImplicitConversion: false } }),
  );
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Serapan ${definition.name} service`).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  if (definition.consumer) {
    const microservice = app.connectMicroservice({ strategy: new EventConsumerServer(definition.consumer) }, { inheritAppConfig: false, deferInitialization: true });
    microservice.useGlobalFilters(new KafkaErrorFilter());
    await app.startAllMicroservices();
  }
  await app.listen(definition.port, '127.0.0.1');
  if (process.connected) {
    // Started by the launcher: when it goes away, however it ended, so does this service.
    process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
  }
  logger.log(`${definition.name} service listening on http://127.0.0.1:${definition.port}`);
}
