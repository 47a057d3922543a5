import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Topics } from '#serapan/contracts';
import { replicationFactorFor, topicPolicies } from './topic-policy.js';

const YEAR_AND_A_MONTH = { retentionDays: 400 };

test('the replication factor follows the cluster up to 3, and min.insync.replicas is 2 once there are 2 replicas', () => {
  const cases: [brokers: number, replicationFactor: number, minInsync: string][] = [
    [1, 1, '1'],
    [2, 2, '2'],
    [3, 3, '2'],
    [5, 3, '2'],
  ];
  for (const [brokers, replicationFactor, minInsync] of cases) {
    for (const policy of topicPolicies(Topics.order, { ...YEAR_AND_A_MONTH, brokers })) {
      assert.deepEqual(
        [policy.replicationFactor, policy.configs['min.insync.replicas']],
        [replicationFactor, minInsync],
        `${policy.topic}, ${brokers} brokers`,
      );
    }
  }
});

test('a configured replication factor wins, but never more than the brokers there are', () => {
  assert.equal(replicationFactorFor({ brokers: 5, replicationFactor: 5 }), 5);
  assert.equal(replicationFactorFor({ brokers: 3, replicationFactor: 1 }), 1);
  assert.throws(() => replicationFactorFor({ brokers: 1, replicationFactor: 3 }), /KAFKA_REPLICATION_FACTOR 3 is more than the 1 broker/);
});

test('the product topic is compacted, order and budget topics keep the retention period, dead letters are kept for ever', () => {
  const [product, productDlq] = topicPolicies(Topics.product, { ...YEAR_AND_A_MONTH, brokers: 3 });
  assert.deepEqual(product, { topic: 'catalog.product.v1', replicationFactor: 3, configs: { 'cleanup.policy': 'compact', 'min.insync.replicas': '2' } });
  assert.deepEqual(productDlq.configs, { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'min.insync.replicas': '2' });
  assert.equal(productDlq.topic, 'catalog.product.v1.dlq');
  for (const topic of [Topics.order, Topics.reservation, Topics.absorption, Topics.report]) {
    const [kept, dlq] = topicPolicies(topic, { retentionDays: 366, brokers: 1 });
    assert.deepEqual(kept.configs, { 'cleanup.policy': 'delete', 'retention.ms': String(366 * 86_400_000), 'min.insync.replicas': '1' }, topic);
    assert.equal(dlq.configs['retention.ms'], '-1', topic);
  }
});
