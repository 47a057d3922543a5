import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BudgetReservationEventData, EventTypes } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { ConsumedEvent, MessagingOptions, OutboxService } from '#serapan/messaging';
import { ManualClock } from '#serapan/service';
import { CatalogProjectionService } from '../../apps/order/src/catalog-projection/catalog-projection.service.js';
import { OrderConfig } from '../../apps/order/src/order.config.js';
import { ORDER_ENTITIES, ORDER_MIGRATIONS } from '../../apps/order/src/order.module.js';
import { BudgetDecisionsService } from '../../apps/order/src/orders/lifecycle/budget-decisions.service.js';
import { OrderLifecycleService } from '../../apps/order/src/orders/lifecycle/order-lifecycle.service.js';
import { OrderTransitions } from '../../apps/order/src/orders/lifecycle/order-transitions.js';
import { VendorDeadlineSweeper } from '../../apps/order/src/orders/lifecycle/vendor-deadline.sweeper.js';
import { orderRules } from '../../apps/order/src/orders/order-rules.js';
import { OrderPlacementService } from '../../apps/order/src/orders/placement/order-placement.service.js';
import { PlaceOrderDto } from '../../apps/order/src/orders/placement/dto/place-order.dto.js';
import { OrderQueriesService } from '../../apps/order/src/orders/queries/order-queries.service.js';
import { aProduct, ownDatabase, satkerUsers } from '../support/index.js';

/** The sweeper cancels every overdue order it finds, so it gets an order database of its own. */
const DATABASE = 'serapan_test_vendor_deadline';

describe('vendor deadline: the order service on the real database, on a clock the test moves', () => {
  // Each test sets the clock; Friday 27 November 2026, 09:00 in Jakarta is 02:00 UTC, and three
  // working days later is Wednesday 2 December, 09:00.
  const clock = new ManualClock();
  const config = new OrderConfig();
  const rules = orderRules(config);
  let db: DataSource;
  let placement: OrderPlacementService;
  let decisions: BudgetDecisionsService;
  let sweeper: VendorDeadlineSweeper;
  let lifecycle: OrderLifecycleService;
  const projection = new CatalogProjectionService();

  before(async () => {
    db = await ownDatabase(DATABASE, ORDER_ENTITIES, ORDER_MIGRATIONS);
    const outbox = new OutboxService({ source: '/serapan/order', validateOutgoing: true } as MessagingOptions);
    const transitions = new OrderTransitions(outbox);
    const queries = new OrderQueriesService(db, rules);
    placement = new OrderPlacementService(db, outbox, clock, queries, rules);
    lifecycle = new OrderLifecycleService(db, transitions, queries, clock);
    decisions = new BudgetDecisionsService(transitions, rules);
    sweeper = new VendorDeadlineSweeper(db, transitions, clock, config);
  });

  after(() => db?.destroy());

  /** An event as a consumer hands it over, sent now. */
  const consumed = <T>(type: string, subject: string, data: T): ConsumedEvent<T> => ({
    id: randomUUID(),
    type,
    source: '/serapan/test',
    subject,
    time: clock.now().toISOString(),
    data,
  });

  /** An order placed now and reserved by the budget `answerAfterMs` later: it waits for its vendor. */
  async function anOrderAwaitingTheVendor(answerAfterMs = 0): Promise<{ id: string; vendorId: string }> {
    const product = aProduct().priced('52000').domestic('pdn').umk().build();
    await db.transaction((manager) => projection.apply(manager, [consumed(EventTypes.productListed, product.productId, product)]));
    const officer = { sub: randomUUID(), ...satkerUsers('417001').officer };
    const request = Object.assign(new PlaceOrderDto(), { fiscalYear: 2026, accountCode: '521211', lines: [{ productId: product.productId, quantity: 3 }] });
    const { order } = await placement.place(officer, randomUUID(), request);
    clock.advance(answerAfterMs);
    const reserved: BudgetReservationEventData = {
      orderId: order.id,
      fiscalYear: 2026,
      satkerCode: '417001',
      accountCode: '521211',
      amountIdr: order.totalIdr,
      remainingIdr: '1000000',
    };
    await db.transaction((manager) => decisions.confirm(manager, [consumed(EventTypes.budgetReserved, order.id, reserved)]));
    return { id: order.id, vendorId: product.vendorId };
  }

  const orderRow = async (id: string) => {
    const [row] = await sql<{ status: string; reason: string | null; deadline: Date }>(
      db,
      'SELECT status, reason, vendor_deadline_at AS deadline FROM orders WHERE id = $1',
      [id],
    );
    return row;
  };

  test('an order its vendor leaves unanswered is cancelled when three working days have passed, once, and the cancellation is published', async () => {
    clock.set(new Date('2026-11-27T02:00:00Z'));
    const { id } = await anOrderAwaitingTheVendor();
    assert.equal((await orderRow(id)).deadline.toISOString(), '2026-12-02T02:00:00.000Z', 'the weekend does not count');

    clock.set(new Date('2026-12-02T01:59:59Z'));
    assert.equal(await sweeper.sweep(), 0, 'a second before the deadline');
    assert.equal((await orderRow(id)).status, 'AWAITING_VENDOR');

    clock.advance(1_000);
    assert.equal(await sweeper.sweep(), 1);
    assert.equal(await sweeper.sweep(), 0, 'a cancelled order is not cancelled again');
    assert.deepEqual(await orderRow(id), {
      status: 'CANCELLED',
      reason: 'the vendor did not answer by the deadline',
      deadline: new Date('2026-12-02T02:00:00Z'),
    });

    const published = await sql<{ type: string; reason: string }>(
      db,
      `SELECT event_type AS type, payload->'data'->>'reason' AS reason FROM outbox WHERE message_key = $1 ORDER BY seq`,
      [id],
    );
    assert.deepEqual(
      published.map((e) => e.type),
      [EventTypes.orderPlaced, EventTypes.orderConfirmed, EventTypes.orderCancelled],
    );
    assert.deepEqual(published[2], { type: EventTypes.orderCancelled, reason: 'the vendor did not answer by the deadline' });
    const [timeline] = await sql<{ actor: string; cause: string }>(
      db,
      `SELECT actor, cause FROM order_timeline WHERE order_id = $1 AND to_status = 'CANCELLED'`,
      [id],
    );
    assert.deepEqual(timeline, { actor: 'system', cause: 'the vendor did not answer by the deadline' });
  });

  test('the deadline is counted from placement, not from the budget answer, and skips the holiday after a Thursday', async () => {
    // placed Thursday 13 August 2026, 10:00 in Jakarta; the budget answers on Friday at 09:00. Friday 14 is
    // day one, Monday 17 August (Independence Day) is a holiday, so the deadline is Wednesday 19, 10:00.
    clock.set(new Date('2026-08-13T03:00:00Z'));
    const { id } = await anOrderAwaitingTheVendor(23 * 3600_000);
    assert.equal((await orderRow(id)).deadline.toISOString(), '2026-08-19T03:00:00.000Z');

    clock.set(new Date('2026-08-19T02:59:59Z'));
    assert.equal(await sweeper.sweep(), 0, 'the holiday gave the vendor one more day');
    clock.advance(1_000);
    assert.equal(await sweeper.sweep(), 1);
    assert.equal((await orderRow(id)).status, 'CANCELLED');
  });

  test('an order the vendor accepted in time is left alone by the sweep', async () => {
    clock.set(new Date('2026-11-27T02:00:00Z'));
    const { id, vendorId } = await anOrderAwaitingTheVendor();
    clock.set(new Date('2026-12-02T01:59:00Z'));
    const accepted = await lifecycle.accept({ sub: randomUUID(), username: 'vendor.sinar', role: 'vendor', vendorId }, id);
    assert.equal(accepted.status, 'IN_PROCESS');
    clock.set(new Date('2026-12-10T00:00:00Z'));
    assert.equal(await sweeper.sweep(), 0);
    assert.equal((await orderRow(id)).status, 'IN_PROCESS');
  });
});
