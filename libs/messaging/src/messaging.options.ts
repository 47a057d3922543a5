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
    /** Least time between two rounds while there is work: a busy moment makes one big batch, not many small ones. */
    lingerMs: number;
    /** How often an idle relay looks for rows it was not told of (other replicas' rows, a crashed relay's). */
    pollIntervalMs: number;
  };
}
