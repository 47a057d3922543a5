import { KafkaConfig, logCreator, logLevel, ProducerConfig, SASLOptions } from 'kafkajs';
import { log } from '#serapan/telemetry';

/** The Kafka header of an event's W3C trace context (CloudEvents distributed-tracing extension, `traceparent`). */
export const CE_TRACEPARENT = 'ce_traceparent';

/** Connection settings shared by every Kafka client of a service. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this service provisions. */
  partitions: number;
  /** SCRAM credentials, where the broker authenticates its clients. */
  sasl?: SASLOptions;
  /** TLS to the brokers. */
  tls?: boolean;
}

export function kafkaClientConfig(settings: KafkaSettings, suffix = ''): KafkaConfig {
  return {
    clientId: `${settings.clientId}${suffix}`,
    brokers: settings.brokers,
    ...(settings.sasl ? { sasl: settings.sasl } : {}),
    ssl: settings.tls ?? false,
    logLevel: logLevel.WARN,
    logCreator: kafkaLog,
    retry: { initialRetryTime: 100, retries: 8 },
  };
}

/**
 * Every producer of a service: idempotent, so a retried send is written once.
 * Retries are bounded (about a minute): a send that still fails lets its
 * caller roll back and try again later, and shutdown is never stuck behind it.
 */
export const PRODUCER_OPTIONS: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  retry: { retries: 12, initialRetryTime: 100, maxRetryTime: 5000 },
};

/**
 * kafkajs's log lines through the service's logger, without its warning that a
 * bounded-retry idempotent producer may break exactly-once: a send that fails
 * for good is rolled back and sent again, and consumers' inboxes apply the
 * copy once (docs/architecture.md, "Failures").
 */
const kafkaLog: logCreator = () => {
  const logger = log.child({ logger: 'kafkajs' });
  return ({ namespace, level, log: entry }) => {
    const { message, timestamp: _timestamp, logger: _logger, ...extra } = entry;
    if (message.startsWith('Limiting retries for the idempotent producer')) return;
    const text = namespace ? `[${namespace}] ${message}` : message;
    if (level === logLevel.ERROR) logger.error(extra, text);
    else if (level === logLevel.WARN) logger.warn(extra, text);
    else if (level === logLevel.INFO) logger.info(extra, text);
    else logger.debug(extra, text);
  };
};
