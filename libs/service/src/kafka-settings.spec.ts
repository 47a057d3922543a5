import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyPairFiles } from '#serapan/auth-testing';
import { loadConfig, ServiceConfig } from '#serapan/config';
import { kafkaClientConfig } from '#serapan/messaging';
import { kafkaSettings } from './service-core.module.js';

const { publicKeyFile } = keyPairFiles();
const base = {
  DATABASE_URL: 'postgres://x/y',
  KAFKA_BROKERS: 'serapan-kafka-bootstrap:9093',
  PORT: '3002',
  JWT_PUBLIC_KEY_FILES: publicKeyFile,
};
const clientOf = (env: Record<string, string>) => kafkaClientConfig(kafkaSettings('order', loadConfig(ServiceConfig, { ...base, ...env })), '-relay');

test('a service given a Kafka user reaches the brokers as that user with SCRAM, over TLS when asked', () => {
  const client = clientOf({ KAFKA_SASL_USERNAME: 'serapan-order', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_TLS: 'true' });
  assert.deepEqual(client.sasl, { mechanism: 'scram-sha-512', username: 'serapan-order', password: 's3cret' });
  assert.equal(client.ssl, true);
  assert.equal(client.clientId, 'serapan-order-relay');
});

test('without a Kafka user a service connects plainly, as the launcher’s broker expects', () => {
  const client = clientOf({});
  assert.equal(client.sasl, undefined);
  assert.equal(client.ssl, false);
  assert.deepEqual(client.brokers, ['serapan-kafka-bootstrap:9093']);
});
