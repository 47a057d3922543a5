import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import kafkajs, { Kafka, logLevel, SASLOptions } from 'kafkajs';
import { cloudEvent, consumerGroupOf, deadLetterTopic, EventSources, EventTypes, Topics } from '#serapan/contracts';
import type { BudgetLineDto } from '../../apps/budget/src/lines/dto/budget-line.dto.js';
import {
  aPlacedOrder,
  Api,
  eventually,
  Json,
  satkerUsers,
  ServiceDatabase,
  testEnv,
  testKafka,
  tokenFor,
  TopicRecorder,
  uniqueId,
  uniqueSatker,
} from '../support/index.js';

const { KafkaJSProtocolError } = kafkajs;
const FY = 2026;
const ACCOUNT = '532111';

/** A client that gives up at once: an answer the broker refuses is the answer. */
const client = (sasl?: SASLOptions) =>
  new Kafka({
    clientId: `test-auth-${uniqueId()}`,
    brokers: testEnv.brokers,
    sasl,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 3000,
  });

/** Sends one message to `topic` and returns the error it ended with (undefined: it was written). */
async function produce(sasl: SASLOptions | undefined, topic: string): Promise<Error | undefined> {
  const producer = client(sasl).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: randomUUID(), value: 'not an event' }] });
    return undefined;
  } catch (error) {
    return error as Error;
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

describe('Kafka is a trust boundary: clients log in, each service writes only its own topics, consumers check who sent an event', { timeout: 300_000 }, () => {
  const budgetDb = new ServiceDatabase('budget');
  after(() => budgetDb.close());

  test('a client without credentials, or with a wrong password, cannot produce', async () => {
    const anonymous = await produce(undefined, Topics.order);
    assert.ok(anonymous, 'a client without a user wrote to the order topic');
    const { username } = testEnv.serviceKafkaSasl('order') as { username: string };
    const guessed = await produce({ mechanism: 'scram-sha-512', username, password: 'guessed' }, Topics.order);
    assert.equal(guessed?.name, 'KafkaJSSASLAuthenticationError', `a wrong password: ${guessed?.message}`);
  });

  test("the order service's credentials cannot write to the budget's topics, nor create a topic", async () => {
    const order = testEnv.serviceKafkaSasl('order');
    for (const topic of [Topics.reservation, Topics.absorption]) {
      const refused = await produce(order, topic);
      assert.ok(refused, `the order service wrote to ${topic}`);
      // kafkajs answers with the broker's error, or with its own error wrapping it once it knows the topic is refused
      const code = refused instanceof KafkaJSProtocolError ? refused.type : undefined;
      assert.ok(code === 'TOPIC_AUTHORIZATION_FAILED' || /Topic authorization failed/.test(refused.message), `${topic}: ${refused.name}: ${refused.message}`);
    }
    const admin = client(order).admin();
    await admin.connect(); // the credentials themselves are good
    try {
      await assert.rejects(
        admin.createTopics({ topics: [{ topic: `test.auth-${uniqueId()}` }] }),
        (error: Error) => /authoriz/i.test(error.message) || /authoriz/i.test(JSON.stringify(error)),
      );
    } finally {
      await admin.disconnect();
    }
  });

  test("an order event whose source claims to be the budget is dead-lettered by the budget's consumer, naming both sources, and changes nothing", async () => {
    const satkerCode = uniqueSatker();
    const finance = tokenFor(satkerUsers(satkerCode).finance);
    const klFinance = tokenFor(satkerUsers(satkerCode).klFinance);
    const budget = new Api(testEnv.serviceUrl('budget'));
    assert.equal((await budget.as(klFinance).put(`/api/budget/lines/${FY}/${satkerCode}/${ACCOUNT}`, { paguIdr: '10000000' })).status, 201);
    const line = async () => (await budget.as(finance).get<Json<BudgetLineDto>[]>(`/api/budget/lines?fiscalYear=${FY}&satkerCode=${satkerCode}`)).body[0];
    const placed = aPlacedOrder(satkerCode, FY, ACCOUNT);
    const dlq = await new TopicRecorder(deadLetterTopic(Topics.order)).start();
    try {
      // a valid order.placed on the right topic, written with the admin's credentials, but not from the order service
      const forged = cloudEvent(EventSources.budget, EventTypes.orderPlaced, placed.orderId, placed);
      const producer = testKafka().producer();
      await producer.connect();
      await producer.send({
        topic: Topics.order,
        acks: -1,
        messages: [{ key: placed.orderId, value: JSON.stringify(forged), headers: { ce_type: EventTypes.orderPlaced } }],
      });
      await producer.disconnect();

      const letter = await eventually(
        'the forged event in the dead-letter topic',
        () =>
          Promise.resolve(
            dlq.messages.find((m) => m.key?.toString() === placed.orderId && m.headers?.['dlq-consumer-group']?.toString() === consumerGroupOf('budget')),
          ),
        60_000,
        200,
      );
      const reason = letter.headers!['dlq-reason']!.toString();
      assert.match(reason, /forged source/);
      assert.ok(reason.includes(`claims source ${EventSources.budget}`), reason);
      assert.ok(reason.includes(`published by ${EventSources.order}`), reason);
      assert.equal((JSON.parse(letter.value!.toString()) as { id: string }).id, forged.id);

      assert.equal((await line()).committedIdr, '0', 'the forged placement reserved nothing');
      const inbox = await budgetDb.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [forged.id]);
      assert.equal(inbox[0].n, 0, 'the forged event is not in the inbox');
    } finally {
      await dlq.stop();
    }
  });
});
