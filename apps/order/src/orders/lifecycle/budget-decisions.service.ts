import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BudgetReservationEventData, EventTypes } from '#serapan/contracts';
import { afterCommit, sql } from '#serapan/database';
import { ConsumedEvent, firstPer, PermanentEventError } from '#serapan/messaging';
import { ordersDecided } from '../order-metrics.js';
import { log, traceFields } from '#serapan/telemetry';
import { ORDER_RULES, OrderRules } from '../order-rules.js';
import { OrderRow } from '../order.sql.js';
import { moveOrders, OrderTransitions } from './order-transitions.js';
import { assignPurchaseOrderNumbers, Numbered } from './purchase-order-numbers.js';

const BUDGET = 'budget';

type Decisions = readonly ConsumedEvent<BudgetReservationEventData>[];
type Answers = Map<string, ConsumedEvent<BudgetReservationEventData>>;

/**
 * The order side of the saga: the budget's answers move orders on, a batch at
 * a time, each with one guarded UPDATE of every order still waiting for budget.
 */
@Injectable()
export class BudgetDecisionsService {
  private readonly logger = new Logger(BudgetDecisionsService.name);
  private readonly log = log.child({ context: BudgetDecisionsService.name });

  constructor(
    private readonly transitions: OrderTransitions,
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
  ) {}

  /**
   * Confirms orders the budget reserved: they wait for their vendor, who has
   * until the deadline, counted from when each order was approved (its
   * placement, for a PPK's own order), to answer.
   */
  async confirm(manager: EntityManager, events: Decisions): Promise<void> {
    const answers = answersPerOrder(events);
    const ids = [...answers.keys()];
    // the orders still waiting, locked so the move below takes exactly these: numbered first, moved with their numbers
    const waiting = await sql<Numbered & { approvedAt: Date }>(
      manager,
      `SELECT id, satker_code AS "satkerCode", fiscal_year AS "fiscalYear", purchase_order_number AS "purchaseOrderNumber",
              coalesce(approved_at, created_at) AS "approvedAt"
         FROM orders WHERE id = ANY($1::uuid[]) AND status = 'PENDING_BUDGET' ORDER BY id FOR UPDATE`,
      [ids],
    );
    await assignPurchaseOrderNumbers(manager, waiting);
    const byId = new Map(waiting.map((o) => [o.id, o]));
    const moved = await moveOrders(manager, {
      ids,
      from: ['PENDING_BUDGET'],
      to: 'AWAITING_VENDOR',
      deadlines: ids.map((id) => (byId.has(id) ? this.rules.vendorDeadline(byId.get(id)!.approvedAt) : null)),
      purchaseOrderNumbers: ids.map((id) => byId.get(id)?.purchaseOrderNumber ?? null),
    });
    await this.noteUnmoved(manager, answers, moved, 'reservation noted only');
    const cause = (order: OrderRow) => {
      const { amountIdr, remainingIdr } = answers.get(order.id)!.data;
      return `budget reserved ${amountIdr}; ${remainingIdr} of the line remains; purchase order ${order.purchaseOrderNumber}`;
    };
    await this.transitions.record(
      manager,
      BUDGET,
      moved.map((order) => ({ order, from: 'PENDING_BUDGET', cause: cause(order), traceparent: answers.get(order.id)!.traceparent })),
      EventTypes.orderConfirmed,
    );
    this.settled(manager, moved, answers, 'confirmed');
  }

  /** Rejects orders the line cannot cover, with the budget's reason. */
  async reject(manager: EntityManager, events: Decisions): Promise<void> {
    const answers = answersPerOrder(events);
    const ids = [...answers.keys()];
    const reasons = ids.map((id) => answers.get(id)!.data.reason ?? 'the budget line cannot cover this order');
    const moved = await moveOrders(manager, { ids, reasons, from: ['PENDING_BUDGET'], to: 'REJECTED' });
    await this.noteUnmoved(manager, answers, moved, 'rejection noted only');
    await this.transitions.record(
      manager,
      BUDGET,
      moved.map((order) => ({ order, from: 'PENDING_BUDGET', cause: `budget rejected: ${order.reason}`, traceparent: answers.get(order.id)!.traceparent })),
      EventTypes.orderRejected,
    );
    this.settled(manager, moved, answers, 'rejected');
  }

  /**
   * Once the transaction commits (a batch rolled back is applied again, and
   * must not be counted or logged twice): counts the orders moved, and logs
   * one line per order in the trace of the answer that moved it.
   */
  private settled(manager: EntityManager, moved: readonly OrderRow[], answers: Answers, outcome: 'confirmed' | 'rejected'): void {
    if (moved.length === 0) return;
    afterCommit(manager, () => {
      ordersDecided.inc({ decision: outcome }, moved.length);
      if (this.log.isLevelEnabled('info')) this.logMoves(moved, answers, outcome);
    });
  }

  private logMoves(moved: readonly OrderRow[], answers: Answers, outcome: 'confirmed' | 'rejected'): void {
    for (const order of moved) {
      this.log.info({ ...traceFields(answers.get(order.id)!.traceparent), orderId: order.id, outcome, totalIdr: order.totalIdr }, `order ${outcome}`);
    }
  }

  /** Notes a release or realisation on the order's timeline: a budget fact that does not change the state. */
  async noteSettlement(manager: EntityManager, events: Decisions): Promise<void> {
    const notes = events.map((e) => ({
      orderId: e.data.orderId,
      cause: `budget ${e.type === EventTypes.budgetRealised ? 'realised' : 'released'} ${e.data.amountIdr}`,
    }));
    await sql(
      manager,
      `INSERT INTO order_timeline (order_id, from_status, to_status, actor, cause)
       SELECT o.id, o.status, o.status, $1, n.cause FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS n (order_id, cause, i)
         JOIN orders o ON o.id = n.order_id ORDER BY n.i`,
      [BUDGET, notes.map((n) => n.orderId), notes.map((n) => n.cause)],
    );
  }

  /**
   * Answers for orders no longer waiting for budget (cancelled meanwhile) are
   * only noted in the log; an answer for an order this service never had
   * cannot be applied, ever.
   */
  private async noteUnmoved(manager: EntityManager, answers: Answers, moved: OrderRow[], what: string): Promise<void> {
    if (moved.length === answers.size) return;
    const movedIds = new Set(moved.map((o) => o.id));
    const unmoved = [...answers.keys()].filter((id) => !movedIds.has(id));
    const known = new Set((await sql<{ id: string }>(manager, `SELECT id FROM orders WHERE id = ANY($1::uuid[])`, [unmoved])).map((r) => r.id));
    const unknown = unmoved.filter((id) => !known.has(id));
    if (unknown.length) throw new PermanentEventError(`budget answered for orders this service never placed: ${unknown.join(', ')}`);
    this.logger.log(`${unmoved.length} order(s) were no longer waiting for budget; ${what}`);
  }
}

/** The budget's answer per order; a repeat answer for one order (under another event id) counts once. */
function answersPerOrder(events: Decisions): Answers {
  return firstPer(events, (e) => e.data.orderId);
}
