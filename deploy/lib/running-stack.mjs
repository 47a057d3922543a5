// Where the tools that work on a running stack (npm run dlq, npm run rebuild) find it.
import { envPort } from './env.mjs';
import { clientFromEnv, KAFKA_ADMIN, localCredentials } from './kafka.mjs';
import { databaseUrl, localServerUrl } from './postgres.mjs';

/** KAFKA_BROKERS, or the local broker `npm start` runs (KAFKA_PORT). */
export const stackBrokers = () =>
  process.env.KAFKA_BROKERS ? process.env.KAFKA_BROKERS.split(',').map((b) => b.trim()) : [`127.0.0.1:${envPort('KAFKA_PORT', 9092)}`];

/**
 * The running stack's Kafka as a tool's client settings (`{ brokers, sasl, tls }`):
 * KAFKA_BROKERS as KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD and KAFKA_TLS say,
 * or the local broker as its admin (its password in .data/secrets).
 */
export const stackKafka = () =>
  process.env.KAFKA_BROKERS ? clientFromEnv(stackBrokers()) : { brokers: stackBrokers(), sasl: localCredentials(KAFKA_ADMIN), tls: false };

/** `<SERVICE>_DATABASE_URL`, or the service's database on DATABASE_URL's server (the embedded one when unset). */
export const serviceDatabaseUrl = (service) =>
  process.env[`${service.toUpperCase()}_DATABASE_URL`] ?? databaseUrl(process.env.DATABASE_URL ?? localServerUrl(), `serapan_${service}`);
