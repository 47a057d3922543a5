import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, fork } from 'node:child_process';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cloudEvent, deadLetterTopic, EventSources, EventTypes, ProductSnapshot, Topics, validateEvent } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { OutboxRelay, OutboxService } from '#serapan/messaging';
import { PERMANENTLY_BROKEN, productData, startHarness } from '../fixtures/messaging-harness.js';
import { eventually, kcatProduce, kcatRead, testKafka, TopicRecorder, uniqueId } from '../support/index.js';

describe('messaging: outbox → Kafka → batch consumer with inbox, on the real broker and database', { timeout: 300_000 }, () => {
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

  /** The n of a `SELECT count(*)::int AS n` statement. */
  const count = async (text: string, params: unknown[] = []): Promise<number> => (await sql<{ n: number }>(db, text, params))[0].n;
  const receivedCount = (marker: string): Promise<number> => count(`SELECT count(*)::int AS n FROM received WHERE marker = $1`, [marker]);
  const outboxRows = (): Promise<number> => count(`SELECT count(*)::int AS n FROM outbox`);

  /** Produces raw messages in one call, all on `partition`, so the consumer receives them as one batch. */
  async function produceOnePartition(partition: number, messages: { key: string; value: string }[]): Promise<void> {
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: Topics.product, messages: messages.map((m) => ({ ...m, partition })) });
    await producer.disconnect();
  }

  const listed = (data: ProductSnapshot) => JSON.stringify(cloudEvent(EventSources.catalog, EventTypes.productListed, data.productId, data));

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
    const rows = await sql<{ event_id: string; at: Date }>(db, `SELECT event_id, received_at AS at FROM received WHERE marker = $1`, [marker]);
    assert.deepEqual(new Set(rows.map((r) => r.event_id)), new Set(committedAt.keys()));
    const latencies = rows.map((r) => r.at.getTime() - committedAt.get(r.event_id)!).sort((a, b) => a - b);
    t.diagnostic(`commit → consumer latency over 50 events: p50 ${latencies[24]} ms, max ${latencies[49]} ms`);
    await eventually('the relay leaves no published row behind', async () => (await outboxRows()) === 0);
  });

  test('an event delivered three times, then another on the same partition: the first applied once', async () => {
    const marker = `redelivery-${uniqueId()}`;
    const data = productData(marker);
    const again = listed(data);
    const follower = productData(marker);
    for (let i = 0; i < 3; i++) await produceOnePartition(2, [{ key: data.productId, value: again }]);
    await produceOnePartition(2, [{ key: follower.productId, value: listed(follower) }]);
    // the follower comes after every repeat on the same partition, so once it is in the inbox the repeats were all seen
    await eventually('the follower is in the inbox', async () => (await sql(db, `SELECT 1 FROM received WHERE key = $1`, [follower.productId])).length === 1);
    assert.equal(await receivedCount(marker), 2, 'three deliveries of one event and one other event make two applications');
  });

  test('a batch holding the same event twice applies it once', async () => {
    const marker = `twice-in-batch-${uniqueId()}`;
    const data = productData(marker);
    const follower = productData(marker);
    const event = listed(data);
    await produceOnePartition(4, [
      { key: data.productId, value: event },
      { key: data.productId, value: event },
      { key: follower.productId, value: listed(follower) },
    ]);
    await eventually('the follower is in the inbox', async () => (await sql(db, `SELECT 1 FROM received WHERE key = $1`, [follower.productId])).length === 1);
    assert.equal(await receivedCount(marker), 2);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM inbox WHERE consumer_group = $1 AND event_id = (SELECT event_id::text FROM received WHERE key = $2)`, [
        groupId,
        data.productId,
      ]),
      1,
    );
  });

  test('a poison event in the middle of a batch goes alone to the dead-letter topic; the events around it are applied once', async () => {
    const marker = `mid-batch-${uniqueId()}`;
    const goods = [productData(marker), productData(marker), productData(marker)];
    const broken = productData(marker, { name: PERMANENTLY_BROKEN });
    const key = (p: ProductSnapshot) => p.productId;
    await produceOnePartition(1, [
      { key: key(goods[0]), value: listed(goods[0]) },
      { key: key(broken), value: listed(broken) },
      { key: key(goods[1]), value: listed(goods[1]) },
      { key: `not-json-${marker}`, value: '{"broken' },
      { key: key(goods[2]), value: listed(goods[2]) },
    ]);
    await eventually('the three good events applied', async () => (await receivedCount(marker)) === 3);
    const mine = () =>
      deadLetters.messages.filter(
        (m) => m.headers?.['dlq-consumer-group']?.toString() === groupId && [key(broken), `not-json-${marker}`].includes(m.key!.toString()),
      );
    await eventually('two dead letters', () => mine().length === 2);
    const byKey = new Map(mine().map((m) => [m.key!.toString(), m.headers!['dlq-reason']!.toString()]));
    assert.match(byKey.get(key(broken))!, /can never be applied/);
    assert.match(byKey.get(`not-json-${marker}`)!, /not JSON/);
    const applied = await sql<{ key: string; n: number }>(db, `SELECT key, count(*)::int AS n FROM received WHERE marker = $1 GROUP BY key`, [marker]);
    assert.deepEqual(new Map(applied.map((r) => [r.key, r.n])), new Map(goods.map((g) => [g.productId, 1])));
  });

  test('poison messages go to the dead-letter topic with a reason, and the next message is still processed', async () => {
    const marker = `poison-${uniqueId()}`;
    const key = `poison-key-${marker}`;
    await kcatProduce(Topics.product, key, 'this is {not json');
    const wrongSchema = cloudEvent(EventSources.catalog, EventTypes.productListed, key, { ...productData(marker), priceIdr: '12.5' });
    await kcatProduce(Topics.product, key, JSON.stringify(wrongSchema));
    const unknownType = cloudEvent(EventSources.catalog, 'product.teleported', key, productData(marker));
    await kcatProduce(Topics.product, key, JSON.stringify(unknownType));
    const broken = cloudEvent(EventSources.catalog, EventTypes.productListed, key, productData(marker, { name: PERMANENTLY_BROKEN }));
    await kcatProduce(Topics.product, key, JSON.stringify(broken));
    const good = productData(marker);
    await kcatProduce(Topics.product, key, JSON.stringify(cloudEvent(EventSources.catalog, EventTypes.productListed, key, good)));

    await eventually('the good message applied', async () => (await receivedCount(marker)) === 1);
    const reasons = await eventually('four dead letters', () => {
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

  test('the ce_type header routes: a type not handled is skipped unread, a header that lies about a handled type is dead-lettered', async () => {
    const marker = `header-${uniqueId()}`;
    const delisted = productData(marker, { status: 'delisted' });
    const disguised = JSON.stringify(cloudEvent(EventSources.catalog, EventTypes.productDelisted, delisted.productId, delisted));
    const follower = productData(marker);
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic: Topics.product,
      messages: [
        // this consumer handles product.listed only: a message announced as product.delisted is never parsed, whatever it holds
        { key: `skipped-${marker}`, value: 'not even JSON', headers: { ce_type: EventTypes.productDelisted }, partition: 3 },
        { key: delisted.productId, value: disguised, headers: { ce_type: EventTypes.productListed }, partition: 3 },
        { key: follower.productId, value: listed(follower), headers: { ce_type: EventTypes.productListed }, partition: 3 },
      ],
    });
    await producer.disconnect();
    await eventually('the follower is in the inbox', async () => (await sql(db, `SELECT 1 FROM received WHERE key = $1`, [follower.productId])).length === 1);
    const mine = (key: string) => deadLetters.messages.find((m) => m.key?.toString() === key && m.headers?.['dlq-consumer-group']?.toString() === groupId);
    const reason = await eventually('the disguised event dead-lettered', () => mine(delisted.productId)?.headers?.['dlq-reason']?.toString());
    assert.match(reason, /ce_type header "product.listed" differs from the event's type "product.delisted"/);
    assert.equal(mine(`skipped-${marker}`), undefined, 'the skipped message was not judged');
    assert.equal(await receivedCount(marker), 1);
  });

  test('kcat, a non-Node client, reads a published event as CloudEvents JSON with its type in a header', async () => {
    const marker = `kcat-${uniqueId()}`;
    const data = productData(marker);
    let eventId = '';
    await db.transaction(async (manager) => {
      [{ id: eventId }] = await outbox.add(manager, [{ type: EventTypes.productListed, key: data.productId, data }]);
    });
    await eventually('event applied', async () => (await receivedCount(marker)) === 1);
    const messages = await kcatRead(Topics.product, { last: 100 });
    const found = messages.find((m) => m.payload?.includes(eventId));
    assert.ok(found, 'kcat sees the event');
    assert.equal(found.key, data.productId, 'keyed by the aggregate id');
    const envelope = validateEvent<ProductSnapshot>(JSON.parse(found.payload!));
    assert.equal(envelope.specversion, '1.0');
    assert.equal(envelope.type, 'product.listed');
    assert.equal(envelope.data.priceIdr, '52000');
    assert.deepEqual(found.headers?.slice(found.headers.indexOf('ce_type'), found.headers.indexOf('ce_type') + 2), ['ce_type', 'product.listed']);
  });

  /** A relay in a process of its own; resolves once it runs. */
  async function relayProcess(): Promise<{ child: ChildProcess; published: () => Promise<number> }> {
    const child = fork(new URL('../fixtures/relay-process.js', import.meta.url), [], { env: process.env, stdio: 'inherit' });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`relay process exited (${code}) before it ran`)));
    });
    const published = () =>
      new Promise<number>((resolve) => {
        child.on('message', (m: { published?: number }) => m.published !== undefined && resolve(m.published));
        child.kill('SIGTERM');
      });
    return { child, published };
  }

  test('two relays on one outbox share the work and keep every key in order', async (t) => {
    const relay = app.get(OutboxRelay);
    await relay.stop();
    const relays = [await relayProcess(), await relayProcess()];
    try {
      const marker = `two-relays-${uniqueId()}`;
      const keys = Array.from({ length: 40 }, () => productData(marker).productId);
      const perKey = 100;
      // one commit holds versions 1…100 of every key, in that order: both relays, woken by their polls, find a backlog
      // to share, and each key's versions are published by one relay or the other, a round at a time
      const events = Array.from({ length: perKey }, (_, v) =>
        keys.map((productId) => ({ type: EventTypes.productListed, key: productId, data: productData(marker, { productId, version: v + 1 }) })),
      ).flat();
      await db.transaction((manager) => outbox.add(manager, events));
      await eventually('every event applied', async () => (await receivedCount(marker)) === keys.length * perKey, 60_000, 200);
      const outOfOrder = await sql(
        db,
        `SELECT key FROM (SELECT key, seq, lag(seq) OVER (PARTITION BY key ORDER BY n) AS before FROM received WHERE marker = $1) s WHERE seq <> before + 1`,
        [marker],
      );
      assert.deepEqual(outOfOrder, [], 'each key was applied as 1, 2, 3, … in the order it was written');
    } finally {
      const published = await Promise.all(relays.map((r) => r.published()));
      t.diagnostic(`events published by each relay: ${published.join(' and ')}`);
      await relay.start();
      assert.ok(
        published.every((n) => n > 0),
        `both relays published (${published.join(', ')})`,
      );
    }
  });

  test('killing the relay mid-batch loses nothing', async () => {
    const marker = `kill-${uniqueId()}`;
    const total = 3000;
    // Written while no relay of this test runs: the harness relay is paused.
    const relay = app.get(OutboxRelay);
    await relay.stop();
    await db.transaction(async (manager) => {
      for (let i = 0; i < total; i += 500) {
        await outbox.add(
          manager,
          Array.from({ length: 500 }, () => {
            const data = productData(marker);
            return { type: EventTypes.productListed, key: data.productId, data };
          }),
        );
      }
    });
    const first = await relayProcess();
    await eventually('some events published', async () => (await outboxRows()) < total - 200, 30_000, 5);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const left = await outboxRows();
    assert.ok(left > 0, `the relay was killed with work left (${left} rows)`);

    const second = await relayProcess();
    await eventually('every event applied', async () => (await receivedCount(marker)) === total, 60_000, 200);
    await second.published();
    await relay.start();
    const applied = await count(`SELECT count(DISTINCT event_id)::int AS n FROM received WHERE marker = $1`, [marker]);
    assert.equal(applied, total, 'each event applied exactly once');
  });
});
