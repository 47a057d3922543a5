import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cloudEvent, deadLetterTopic, EventTypes, Topics } from '#serapan/contracts';
import { OutboxService } from '#serapan/messaging';
import { productData, startHarness } from '../fixtures/messaging-harness.js';
import { eventually, kcatProduce, kcatRead, testKafka, TopicRecorder, uniqueId } from '../support/index.js';

describe('messaging: outbox → Kafka → inbox on the real broker and database', { timeout: 300_000 }, () => {
  let app: INestApplication;
  let db: DataSource;
  let outbox: OutboxService;
  let deadLetters: TopicRecorder;
  const groupId = `messaging-test-${uniqueId()}`;

  before(async () => {
    app = await startHarness({ groupId });
    db = app.get(DataSource);
    outbox = app.get(OutboxService);
    deadLetters = await new TopicRecorder(deadLetterTopic(Topics.product)).start();
    const warmUp = productData(`warm-up-${uniqueId()}`);
    await db.transaction((manager) => outbox.add(manager, [{ type: EventTypes.productListed, key: warmUp.productId, data: warmUp }]));
    await eventually('the consumer joined its group', async () => (await receivedCount(warmUp.vendorName)) === 1, 30_000);
  });

  after(async () => {
    await deadLetters.stop();
    await app.close();
  });

  const receivedCount = async (marker: string): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM received WHERE marker = $1`, [marker]))[0].n;

  test('an event committed with its change reaches the consumer', async (t) => {
    const marker = `roundtrip-${uniqueId()}`;
    const committedAt = new Map<string, number>();
    for (let i = 0; i < 50; i++) {
      const data = productData(marker);
      const [envelope] = await db.transaction((manager) => outbox.add(manager, [{ type: EventTypes.productListed, key: data.productId, data }]));
      committedAt.set(envelope.id, Date.now());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await eventually('all 50 events applied', async () => (await receivedCount(marker)) === 50);
    const rows: { event_id: string; at: Date }[] = await db.query(`SELECT event_id, received_at AS at FROM received WHERE marker = $1`, [marker]);
    assert.deepEqual(new Set(rows.map((r) => r.event_id)), new Set(committedAt.keys()));
    const latencies = rows.map((r) => r.at.getTime() - committedAt.get(r.event_id)!).sort((a, b) => a - b);
    t.diagnostic(`commit → consumer latency over 50 events: p50 ${latencies[24]} ms, max ${latencies[49]} ms`);
    assert.equal((await db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n, 0, 'the relay leaves no published row behind');
  });

  test('a redelivered event is applied once', async () => {
    const marker = `redelivery-${uniqueId()}`;
    const data = productData(marker);
    const envelope = cloudEvent('/serapan/test', EventTypes.productListed, data.productId, data);
    const producer = testKafka().producer();
    await producer.connect();
    for (let i = 0; i < 3; i++) await producer.send({ topic: Topics.product, messages: [{ key: data.productId, value: JSON.stringify(envelope) }] });
    const follower = productData(marker);
    await producer.send({ topic: Topics.product, messages: [{ key: follower.productId, value: JSON.stringify(cloudEvent('/serapan/test', EventTypes.productListed, follower.productId, follower)) }] });
    await producer.disconnect();
    await eventually('the follower applied', async () => (await receivedCount(marker)) >= 2);
    assert.equal(await receivedCount(marker), 2, 'three deliveries of one event and one other event make two applications');
  });

  test('poison messages go to the dead-letter topic with a reason, and the next message is still processed', async () => {
    const marker = `poison-${uniqueId()}`;
    const key = `poison-key-${marker}`;
    await kcatProduce(Topics.product, key, 'this is {not json');
    const wrongSchema = cloudEvent('/serapan/test', EventTypes.productListed, key, { ...productData(marker), priceIdr: '12.5' });
    await kcatProduce(Topics.product, key, JSON.stringify(wrongSchema));
    const unknownType = cloudEvent('/serapan/test', 'product.teleported', key, productData(marker));
    await kcatProduce(Topics.product, key, JSON.stringify(unknownType));
    const broken = cloudEvent('/serapan/test', EventTypes.productListed, key, productData(marker, { name: 'permanently broken' }));
    await kcatProduce(Topics.product, key, JSON.stringify(broken));
    const good = productData(marker);
    await kcatProduce(Topics.product, key, JSON.stringify(cloudEvent('/serapan/test', EventTypes.productListed, key, good)));

    await eventually('the good message applied', async () => (await receivedCount(marker)) === 1);
    const reasons = await eventually('four dead letters', async () => {
      // the real services consume this topic too and dead-letter the same poison under their own group
      const mine = deadLetters.messages.filter((m) => m.key?.toString() === key && m.headers?.['dlq-consumer-group']?.toString() === groupId);
      return mine.length >= 4 ? mine.map((m) => m.headers!['dlq-reason']!.toString()) : undefined;
    });
    assert.equal(reasons.length, 4);
    assert.match(reasons[0], /not JSON/);
    assert.match(reasons[1], /priceIdr/);
    assert.match(reasons[2], /unknown event type "product.teleported"/);
    assert.match(reasons[3], /can never be applied/);
    const first = deadLetters.messages.find((m) => m.key?.toString() === key && m.headers?.['dlq-consumer-group']?.toString() === groupId)!;
    assert.equal(first.value!.toString(), 'this is {not json', 'the original bytes are kept');
    assert.equal(first.headers!['dlq-original-topic']!.toString(), Topics.product);
  });

  test('kcat, a non-Node client, reads a published event as CloudEvents JSON', async () => {
    const marker = `kcat-${uniqueId()}`;
    const data = productData(marker);
    let eventId = '';
    await db.transaction(async (manager) => {
      [{ id: eventId }] = await outbox.add(manager, [{ type: EventTypes.productListed, key: data.productId, data }]);
    });
    await eventually('event applied', async () => (await receivedCount(marker)) === 1);
    const messages = await kcatRead(Topics.product);
    const found = messages.find((m) => m.payload?.includes(eventId));
    assert.ok(found, 'kcat sees the event');
    assert.equal(found.key, data.productId, 'keyed by the aggregate id');
    const envelope = JSON.parse(found.payload!);
    assert.equal(envelope.specversion, '1.0');
    assert.equal(envelope.type, 'product.listed');
    assert.equal(envelope.data.priceIdr, '52000');
  });

  test('killing the relay mid-batch loses nothing', async () => {
    const marker = `kill-${uniqueId()}`;
    const total = 3000;
    // Written while no relay of this test runs: the harness relay is paused.
    const { OutboxRelay } = await import('#serapan/messaging');
    const relay = app.get(OutboxRelay);
    await relay.stop();
    await db.transaction(async (manager) => {
      for (let i = 0; i < total; i += 500) {
        await outbox.add(manager, Array.from({ length: 500 }, () => {
          const data = productData(marker);
          return { type: EventTypes.productListed, key: data.productId, data };
        }));
      }
    });
    const relayProcess = () => fork(new URL('../fixtures/relay-process.js', import.meta.url), [], { env: process.env, stdio: 'inherit' });
    const first = relayProcess();
    await eventually('some events published', async () => (await db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n < total - 200, 30_000, 5);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const left = (await db.query(`SELECT count(*)::int AS n FROM outbox`))[0].n;
    assert.ok(left > 0, `the relay was killed with work left (${left} rows)`);

    const second = relayProcess();
    await eventually('every event applied', async () => (await receivedCount(marker)) === total, 60_000, 200);
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
    await relay.start();
    const applied = (await db.query(`SELECT count(DISTINCT event_id)::int AS n FROM received WHERE marker = $1`, [marker]))[0].n;
    assert.equal(applied, total, 'each event applied exactly once');
  });
});
