import { DynamicModule, Module } from '@nestjs/common';
import type { MixedList } from 'typeorm';
import { AuthModule } from '#serapan/auth';
import { readPemFiles, ServiceConfig } from '#serapan/config';
import { consumerGroupOf, EventSources, ServiceName } from '#serapan/contracts';
import { DatabaseModule, type EntityClass, type MigrationClass } from '#serapan/database';
import { EventBatchServerOptions, KafkaSettings, MESSAGING_MIGRATIONS, MessagingModule, TopicKeepingSettings } from '#serapan/messaging';
import { TelemetryShutdown } from '#serapan/telemetry';
import { Clock, SystemClock } from './clock.js';
import { HealthController, SERVICE_NAME } from './health.controller.js';
import { LivenessController } from './liveness.controller.js';
import { MetricsController } from './metrics/index.js';
import { AuditModule } from './audit/audit.module.js';

/** The second TypeORM DataSource of a service: its consumers' own pool, apart from HTTP's. */
export const EVENTS_DATA_SOURCE = 'events';

export interface ServiceCoreOptions {
  name: ServiceName;
  config: ServiceConfig;
  entities: MixedList<EntityClass>;
  migrations: MigrationClass[];
  /** Tables the service's runtime role may only read and add to (audit_log is, wherever it exists). */
  appendOnly?: readonly string[];
  /** Where auditors read the service's audit trail, e.g. `api/catalog/audit`. */
  auditPath: string;
}

export function kafkaSettings(name: ServiceName, config: ServiceConfig): KafkaSettings {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password, KAFKA_SASL_MECHANISM: mechanism } = config;
  return {
    brokers: config.KAFKA_BROKERS,
    clientId: `serapan-${name}`,
    partitions: config.KAFKA_PARTITIONS,
    sasl: username && password ? { mechanism, username, password } : undefined,
    tls: config.KAFKA_TLS,
  };
}

/** How the topics this service creates are kept, from its configuration. */
export const topicKeeping = (config: ServiceConfig): TopicKeepingSettings => ({
  replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  retentionDays: config.TOPIC_RETENTION_DAYS,
});

export function consumerOptions(name: ServiceName, config: ServiceConfig): EventBatchServerOptions {
  return {
    kafka: kafkaSettings(name, config),
    groupId: consumerGroupOf(name),
    maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    retryDelayMs: config.CONSUMER_RETRY_DELAY_MS,
    concurrency: config.CONSUMER_CONCURRENCY,
    maxBatchEvents: config.CONSUMER_MAX_BATCH,
    fetchLingerMs: config.CONSUMER_FETCH_LINGER_MS,
  };
}

/**
 * What every service has: its own database (created if missing, migrated at
 * start) with one pool for HTTP and one for consumers, the outbox and its
 * relay, token verification, the audit trail (its writer and GET `auditPath`), /health (ready: the database answers),
 * /health/live (alive) and /metrics.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    const { config, name } = options;
    return {
      module: ServiceCoreModule,
      global: true,
      imports: [
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrationUrl: config.DATABASE_MIGRATION_URL,
          appendOnly: options.appendOnly,
          entities: options.entities,
          migrations: [...MESSAGING_MIGRATIONS, ...options.migrations],
          poolSize: config.DATABASE_POOL_SIZE,
        }),
        DatabaseModule.forRoot({ name: EVENTS_DATA_SOURCE, url: config.DATABASE_URL, entities: options.entities, poolSize: config.CONSUMER_POOL_SIZE }),
        MessagingModule.forRoot({
          source: EventSources[name],
          kafka: kafkaSettings(name, config),
          databaseUrl: config.DATABASE_URL,
          validateOutgoing: config.VALIDATE_OUTGOING_EVENTS,
          relay: { batchSize: config.RELAY_BATCH_SIZE, lingerMs: config.RELAY_LINGER_MS, pollIntervalMs: config.RELAY_POLL_INTERVAL_MS },
        }),
        AuthModule.forRoot({ publicKeys: readPemFiles(config.JWT_PUBLIC_KEY_FILES, 'public'), issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }),
        AuditModule.forRoot({ path: options.auditPath }),
      ],
      controllers: [HealthController, LivenessController, MetricsController],
      providers: [{ provide: SERVICE_NAME, useValue: name }, { provide: Clock, useClass: SystemClock }, TelemetryShutdown],
      exports: [Clock],
    };
  }
}
