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
import { startMetrics, timeFastifyRequests } from './metrics/index.js';
import { configOrExit, requestPipes, serveOpenApi, traceRequests } from './http-setup.js';
import { consumerOptions, EVENTS_DATA_SOURCE, kafkaSettings, topicKeeping } from './service-core.module.js';

export interface ServiceDefinition<C extends ServiceConfig> {
  name: ServiceName;
  /** The service's configuration class, read from the environment at boot. */
  config: new () => C;
  /** The root module for that configuration. */
  module: (config: C) => DynamicModule;
}

/** Largest JSON body a service accepts (an order of 200 lines is about 15 kB). */
const BODY_LIMIT = 100 * 1024;
/** Largest CSV upload (a DIPA of 5000 lines is about 300 kB). */
const CSV_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * Starts one service: provisions the topics it owns, serves its HTTP API
 * (Fastify) with validation, domain-error mapping, a span per request and
 * OpenAPI at /docs, and runs its Kafka consumers on their own pool; GET /metrics
 * serves its Prometheus metrics. Logs are JSON lines (pino) on stdout. Every
 * app's main.ts is one call.
 * A bad configuration stops the process with a message naming the variable.
 */
export async function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  const config = configOrExit(definition.config);
  const { name } = definition;
  startTelemetry({ service: name, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = new Logger(name);
  startMetrics(name);
  if (config.PROVISION_TOPICS) {
    const topics = await provisionTopics(kafkaSettings(name, config), topicsOwnedBy(name), topicKeeping(config));
    if (topics.created.length + topics.updated.length > 0)
      logger.log(`topics created: [${topics.created.join(', ')}], brought up to date: [${topics.updated.join(', ')}]`);
    if (topics.underReplicated.length > 0) logger.warn(`topics with fewer replicas than the cluster allows: ${topics.underReplicated.join(', ')}`);
  }
  const app = await NestFactory.create<NestFastifyApplication>(definition.module(config), new FastifyAdapter({ bodyLimit: BODY_LIMIT }), {
    logger: new PinoNestLogger(),
  });
  const fastify = app.getHttpAdapter().getInstance();
  timeFastifyRequests(fastify);
  // CSV uploads (a DIPA or SP2D import) arrive as the text itself
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) => done(null, body));
  traceRequests(app);
  app.useGlobalPipes(...requestPipes());
  app.useGlobalFilters(new DomainErrorFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();
  serveOpenApi(app, `Serapan ${name} service`);

  const consumers = new EventBatchServer(consumerOptions(name, config), app.get<DataSource>(getDataSourceToken(EVENTS_DATA_SOURCE)));
  const microservice = app.connectMicroservice({ strategy: consumers }, { inheritAppConfig: false, deferInitialization: true });
  microservice.useGlobalFilters(new KafkaErrorFilter());
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  followLauncher(app);
  logger.log(`${name} service listening on http://${config.HOST}:${config.PORT}`);
}
