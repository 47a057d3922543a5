import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { AuthModule } from '#serapan/auth';
import { ServiceConfig } from '#serapan/config';
import { ensureDatabase, postgresOptions } from '#serapan/database';
import { MESSAGING_MIGRATIONS, EventConsumerOptions, KafkaSettings, MessagingModule } from '#serapan/messaging';
import { HealthController, SERVICE_NAME } from './health.controller.js';

export interface ServiceCoreOptions {
  name: string;
  config: ServiceConfig;
  entities: MixedList<Function>;
  migrations: Function[];
}

export function kafkaSettings(name: string, config: ServiceConfig): KafkaSettings {
  return { brokers: config.KAFKA_BROKERS, clientId: `serapan-${name}`, partitions: config.KAFKA_PARTITIONS };
}

export function consumerOptions(name: string, config: ServiceConfig): EventConsumerOptions {
  return {
    kafka: kafkaSettings(name, config),
    groupId: `serapan-${name}`,
    maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    retryDelayMs: config.CONSUMER_RETRY_DELAY_MS,
    concurrency: config.CONSUMER_CONCURRENCY,
  };
}

/**
 * What every service has: its own database (created if missing, migrated at
 * start), the outbox/inbox, token verification and /health.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    const { config, name } = options;
    return {
      module: ServiceCoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureDatabase(config.DATABASE_URL);
            return postgresOptions(config.DATABASE_URL, options.entities, [...MESSAGING_MIGRATIONS, ...options.migrations], config.DATABASE_POOL_SIZE);
          },
        }),
        MessagingModule.forRoot({
          source: `/serapan/${name}`,
          kafka: kafkaSettings(name, config),
          databaseUrl: config.DATABASE_URL,
          relay: { batchSize: config.RELAY_BATCH_SIZE, pollIntervalMs: config.RELAY_POLL_INTERVAL_MS },
        }),
        AuthModule.forRoot({ publicKey: config.JWT_PUBLIC_KEY, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }),
      ],
      controllers: [HealthController],
      providers: [{ provide: SERVICE_NAME, useValue: name }],
    };
  }
}
