import { KafkaSettings } from './kafka/kafka-config.js';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** CloudEvents `source` of events this service publishes, e.g. `/serapan/order`. */
  source: string;
  kafka: KafkaSettings;
  /** Connection string of the service's own database (the relay LISTENs on it). */
  databaseUrl: string;
  relay: {
    batchSize: number;
    /** Safety-net poll when no notification arrives. */
    pollIntervalMs: number;
  };
}
