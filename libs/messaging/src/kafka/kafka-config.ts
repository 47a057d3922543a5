import { KafkaConfig, logLevel } from 'kafkajs';

/** Connection settings shared by every Kafka client of a service. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this service provisions. */
  partitions: number;
}

export function kafkaClientConfig(settings: KafkaSettings, suffix = ''): KafkaConfig {
  return {
    clientId: `${settings.clientId}${suffix}`,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 100, retries: 8 },
  };
}
