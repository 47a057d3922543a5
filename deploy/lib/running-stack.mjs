// Where the tools that work on a running stack (npm run dlq, npm run rebuild) find it.
import { envPort } from './env.mjs';
import { databaseUrl, localServerUrl } from './postgres.mjs';

/** KAFKA_BROKERS, or the local broker `npm start` runs (KAFKA_PORT). */
export const stackBrokers = () =>
  process.env.KAFKA_BROKERS ? process.env.KAFKA_BROKERS.split(',').map((b) => b.trim()) : [`127.0.0.1:${envPort('KAFKA_PORT', 9092)}`];

/** `<SERVICE>_DATABASE_URL`, or the service's database on DATABASE_URL's server (the embedded one when unset). */
export const serviceDatabaseUrl = (service) =>
  process.env[`${service.toUpperCase()}_DATABASE_URL`] ?? databaseUrl(process.env.DATABASE_URL ?? localServerUrl(), `serapan_${service}`);
