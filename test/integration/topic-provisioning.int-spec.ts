import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs, { Admin } from 'kafkajs';
import { deadLetterTopic, RetentionDays, Topics } from '#serapan/contracts';
import { provisionTopics } from '#serapan/messaging';
import { testEnv, testKafka } from '../support/index.js';

const { ConfigResourceTypes } = kafkajs;
const settings = () => testEnv.kafkaSettings('test-provisioning', 6);
const keeping = { retentionDays: RetentionDays.default };

describe('topic provisioning on the real broker', () => {
  let admin: Admin;

  before(async () => {
    admin = testKafka().admin();
    await admin.connect();
  });

  after(() => admin?.disconnect());

  const configOf = async (topic: string, names: string[]) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }],
    });
    return Object.fromEntries(resources[0].configEntries.map((c) => [c.configName, c.configValue]));
  };

  test('the topics the launcher created carry the policy: compacted products, a year of orders, dead letters for ever', async () => {
    assert.deepEqual(await configOf(Topics.product, ['cleanup.policy', 'min.insync.replicas']), { 'cleanup.policy': 'compact', 'min.insync.replicas': '1' });
    assert.deepEqual(await configOf(Topics.order, ['cleanup.policy', 'retention.ms']), {
      'cleanup.policy': 'delete',
      'retention.ms': String(RetentionDays.default * 86_400_000),
    });
    assert.equal((await configOf(deadLetterTopic(Topics.reservation), ['retention.ms']))['retention.ms'], '-1');
  });

  test('a topic left by an earlier run with other settings is brought up to date at start, keeping settings the policy does not name, once', async () => {
    // as an earlier version left it: deleting old segments, and a setting of an operator's
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: Topics.product,
          configEntries: [
            { name: 'cleanup.policy', value: 'delete' },
            { name: 'max.message.bytes', value: '1500000' },
          ],
        },
      ],
    });
    assert.equal((await configOf(Topics.product, ['cleanup.policy']))['cleanup.policy'], 'delete');

    const first = await provisionTopics(settings(), [Topics.product, Topics.order], keeping);
    assert.deepEqual(first, { created: [], updated: [Topics.product], underReplicated: [] });
    assert.deepEqual(await configOf(Topics.product, ['cleanup.policy', 'max.message.bytes', 'min.insync.replicas']), {
      'cleanup.policy': 'compact',
      'max.message.bytes': '1500000',
      'min.insync.replicas': '1',
    });

    const again = await provisionTopics(settings(), [Topics.product, Topics.order], keeping);
    assert.deepEqual(again, { created: [], updated: [], underReplicated: [] }, 'nothing left to change');
  });
});
