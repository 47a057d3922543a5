import { KafkaSettings } from './kafka/kafka-config.js';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** CloudEvents `source` of events this service publishes, e.g. `/serapan/order`. */
  source: string;
  kafka: KafkaSettings;
  /** Connection string of the service's own database (the relay has its own connection to it). */
  databaseUrl: string;
  /** Check outgoing events against the contracts (catches bugs in tests and development). */
  validateOutgoing: boolean;
  relay: {
    /** Most events one relay round claims and sends in one produce call. */
    batchSize: number;
    /** Safety-net poll when no wake-up arrives. */
    pollIntervalMs: number;
  };
}
