import { DynamicModule, Logger } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '#serapan/config';
import { ServiceName, topicsOwnedBy } from '#serapan/contracts';
import { EventBatchServer, KafkaErrorFilter, provisionTopics } from '#serapan/messaging';
import { PinoNestLogger, startTelemetry } from '#serapan/telemetry';
import { DomainErrorFilter } from './domain-error.filter.js';
import { followLauncher } from './follow-launcher.js';
import { configOrExit, requestPipes, serveOpenApi, traceRequests } from './http-setup.js';
import { consumerOptions, EVENTS_DATA_SOURCE, kafkaSettings } from './service-core.module.js';

export interface ServiceDefinition<C extends ServiceConfig> {
  name: ServiceName;
  /** The service's configuration class, read from the environment at boot. */
  config: new () => C;
  /** The root module for that configuration. */
  module: (config: C) => DynamicModule;
}

/** Largest JSON body a service accepts (an order of 200 lines is about 15 kB). */
const BODY_LIMIT = 100 * 1024;

/**
 * Starts one service: provisions the topics it owns, serves its HTTP API
 * (Fastify) with validation, domain-error mapping, a span per request and
 * OpenAPI at /docs, and runs its Kafka consumers on their own pool. Logs are
 * JSON lines (pino) on stdout. Every app's main.ts is one call.
 * A bad configuration stops the process with a message naming the variable.
 */
export async function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  const config = configOrExit(definition.config);
  const { name } = definition;
  startTelemetry({ service: name, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = new Logger(name);
  await provisionTopics(kafkaSettings(name, config), topicsOwnedBy(name));
  const app = await NestFactory.create<NestFastifyApplication>(definition.module(config), new FastifyAdapter({ bodyLimit: BODY_LIMIT }), {
    logger: new PinoNestLogger(),
  });
  traceRequests(app);
  app.useGlobalPipes(...requestPipes());
  app.useGlobalFilters(new DomainErrorFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();
  serveOpenApi(app, `Serapan ${name} service`);

  const consumers = new EventBatchServer(consumerOptions(name, config), app.get<DataSource>(getDataSourceToken(EVENTS_DATA_SOURCE)));
  const microservice = app.connectMicroservice({ strategy: consumers }, { inheritAppConfig: false, deferInitialization: true });
  microservice.useGlobalFilters(new KafkaErrorFilter());
  await app.startAllMicroservices();
  await app.listen(config.PORT, '127.0.0.1');
  followLauncher(app);
  logger.log(`${name} service listening on http://127.0.0.1:${config.PORT}`);
}
