import { randomUUID } from 'node:crypto';
import type { SASLOptions } from 'kafkajs';
import type { KafkaSettings } from '#serapan/messaging';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm test", which starts the stack`);
  return value;
}

/** Where the stack started by deploy/test.mjs lives. */
export const testEnv = {
  get brokers(): string[] {
    return required('KAFKA_BROKERS').split(',');
  },
  /** The test broker's admin, a super user (TEST_KAFKA_SASL_USERNAME/PASSWORD): the broker lets no client in without a user. */
  get kafkaSasl(): SASLOptions {
    return { mechanism: 'scram-sha-512', username: required('TEST_KAFKA_SASL_USERNAME'), password: required('TEST_KAFKA_SASL_PASSWORD') };
  },
  /** A service's own SCRAM user (TEST_KAFKA_<SERVICE>_SASL_USERNAME/PASSWORD), allowed only what that service does. */
  serviceKafkaSasl(name: 'catalog' | 'order' | 'budget'): SASLOptions {
    const prefix = `TEST_KAFKA_${name.toUpperCase()}_SASL`;
    return { mechanism: 'scram-sha-512', username: required(`${prefix}_USERNAME`), password: required(`${prefix}_PASSWORD`) };
  },
  /** Settings for the messaging library's Kafka clients (topic reader, provisioner, dead letters), as the admin. */
  kafkaSettings(clientId: string, partitions = 1): KafkaSettings {
    return { brokers: this.brokers, clientId, partitions, sasl: this.kafkaSasl };
  },
  get databaseServerUrl(): string {
    return required('TEST_DATABASE_SERVER_URL');
  },
  serviceUrl(name: 'gateway' | 'catalog' | 'order' | 'budget'): string {
    return required(`TEST_${name.toUpperCase()}_URL`);
  },
  /** The second budget replica (the same consumer group as the first). */
  get budgetReplicaUrl(): string {
    return required('TEST_BUDGET_REPLICA_URL');
  },
  /** The Prometheus server scraping every service instance. */
  get prometheusUrl(): string {
    const url = process.env.TEST_PROMETHEUS_URL;
    if (!url) throw new Error("TEST_PROMETHEUS_URL is not set: the launcher found no Prometheus (install Debian's prometheus package)");
    return url;
  },
  databaseUrl(name: string): string {
    const url = new URL(required('TEST_DATABASE_SERVER_URL'));
    url.pathname = `/${name}`;
    return url.toString();
  },
  /** Where the services' log files are (`<service>[-<replica>].log`, JSON lines). */
  get logDir(): string {
    return required('TEST_LOG_DIR');
  },
  serviceDatabaseUrl(name: 'gateway' | 'catalog' | 'order' | 'budget'): string {
    return this.databaseUrl(required(`TEST_${name.toUpperCase()}_DATABASE`));
  },
  /** The service's database as the service signs in to it: its runtime role, not the superuser. */
  runtimeDatabaseUrl(name: 'gateway' | 'catalog' | 'order' | 'budget'): string {
    return required(`TEST_${name.toUpperCase()}_RUNTIME_DATABASE_URL`);
  },
};

/** A short unique marker so tests sharing the stack never see each other's data. */
export const uniqueId = (): string => randomUUID().slice(0, 8);

/** A six-digit satker code unlikely to clash with another test's. */
export const uniqueSatker = (): string => String(100000 + Math.floor(Math.random() * 899999));
