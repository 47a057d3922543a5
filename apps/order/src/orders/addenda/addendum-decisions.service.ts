import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BudgetAmendmentEventData, EventTypes } from '#serapan/contracts';
import { sql } from '#serapan/database';
import { ConsumedEvent, firstPer, PermanentEventError } from '#serapan/messaging';
import { OrderTransitions } from '../lifecycle/order-transitions.js';
import { AddendumRow, ordersOf, settleAddenda, writeVersions } from './addenda.sql.js';
import { addendumFacts } from './addendum-rules.js';

const BUDGET = 'budget';

type Answers = readonly ConsumedEvent<BudgetAmendmentEventData>[];

/** One answer per addendum: a repeat under another event id counts once. */
const perAddendum = (events: Answers) => [...firstPer(events, (e) => `${e.data.orderId}/${e.data.addendumNumber}`).values()];

const key = (orderId: string, number: number) => `${orderId}/${number}`;

/**
 * The budget's answers to agreed addenda, a batch at a time. Reserved: the
 * addendum is applied, and the order takes the version it makes (lines,
 * terms, money, version + 1) and publishes order.amended. Rejected: the
 * addendum is rejected with the budget's reason and the order stays exactly
 * as it was. Each answer settles only an addendum still PENDING_BUDGET, so a
 * repeated answer changes nothing.
 */
@Injectable()
export class AddendumDecisionsService {
  private readonly logger = new Logger(AddendumDecisionsService.name);

  constructor(private readonly transitions: OrderTransitions) {}

  async apply(manager: EntityManager, events: Answers): Promise<void> {
    const answers = perAddendum(events);
    const outcome = (a: BudgetAmendmentEventData) => `budget ${a.increase ? 'reserved' : 'released'} ${a.amountIdr}; ${a.remainingIdr} of the line remains`;
    const applied = await settleAddenda(
      manager,
      'APPLIED',
      answers.map((e) => ({ orderId: e.data.orderId, number: e.data.addendumNumber, outcome: outcome(e.data) })),
    );
    await this.noteUnsettled(manager, answers, applied, 'reservation noted only');
    if (applied.length === 0) return;
    const amended = await writeVersions(manager, applied);
    if (amended.length < applied.length) {
      const moved = new Set(amended.map((o) => o.id));
      const stale = applied.filter((a) => !moved.has(a.orderId)).map((a) => `${a.orderId} (addendum ${a.number} was made on version ${a.before.version})`);
      throw new PermanentEventError(`orders changed version under an addendum waiting for the budget: ${stale.join(', ')}`);
    }
    const byOrder = new Map(applied.map((a) => [a.orderId, a]));
    const answerOf = new Map(answers.map((e) => [key(e.data.orderId, e.data.addendumNumber), e]));
    await this.transitions.record(
      manager,
      BUDGET,
      amended.map((order) => {
        const addendum = byOrder.get(order.id)!;
        const answer = answerOf.get(key(order.id, addendum.number))!;
        return {
          order,
          from: order.status,
          cause: `addendum ${addendum.number} applied: version ${order.version}, total ${addendum.before.totalIdr} → ${order.totalIdr}; ${outcome(answer.data)}`,
          data: { addendum: addendumFacts(addendum) },
          traceparent: answer.traceparent,
        };
      }),
      EventTypes.orderAmended,
    );
  }

  async reject(manager: EntityManager, events: Answers): Promise<void> {
    const answers = perAddendum(events);
    const reasonOf = (a: BudgetAmendmentEventData) => a.reason ?? `the budget line cannot cover the increase of ${a.amountIdr}`;
    const rejected = await settleAddenda(
      manager,
      'REJECTED',
      answers.map((e) => ({ orderId: e.data.orderId, number: e.data.addendumNumber, outcome: reasonOf(e.data) })),
    );
    await this.noteUnsettled(manager, answers, rejected, 'rejection noted only');
    if (rejected.length === 0) return;
    const orders = new Map(
      (
        await ordersOf(
          manager,
          rejected.map((a) => a.orderId),
        )
      ).map((o) => [o.id, o]),
    );
    const answerOf = new Map(answers.map((e) => [key(e.data.orderId, e.data.addendumNumber), e]));
    await this.transitions.record(
      manager,
      BUDGET,
      rejected.map((addendum) => {
        const order = orders.get(addendum.orderId)!;
        const answer = answerOf.get(key(addendum.orderId, addendum.number))!;
        const reason = reasonOf(answer.data);
        return {
          order,
          from: order.status,
          cause: `budget rejected addendum ${addendum.number}: ${reason}; the order stands as it was`,
          data: { reason, addendum: addendumFacts(addendum) },
          traceparent: answer.traceparent,
        };
      }),
      EventTypes.orderAddendumRejected,
    );
  }

  /**
   * Answers for addenda no longer waiting for the budget (settled by an
   * earlier answer) are only logged; an answer for an addendum this service
   * never had cannot be applied, ever.
   */
  private async noteUnsettled(manager: EntityManager, answers: Answers, settled: readonly AddendumRow[], what: string): Promise<void> {
    if (settled.length === answers.length) return;
    const done = new Set(settled.map((a) => key(a.orderId, a.number)));
    const unsettled = answers.filter((e) => !done.has(key(e.data.orderId, e.data.addendumNumber)));
    const known = new Set(
      (
        await sql<{ orderId: string; number: number }>(
          manager,
          `SELECT a.order_id AS "orderId", a.number FROM order_addenda a
             JOIN unnest($1::uuid[], $2::int[]) AS x (order_id, number) ON a.order_id = x.order_id AND a.number = x.number`,
          [unsettled.map((e) => e.data.orderId), unsettled.map((e) => e.data.addendumNumber)],
        )
      ).map((a) => key(a.orderId, a.number)),
    );
    const unknown = unsettled.filter((e) => !known.has(key(e.data.orderId, e.data.addendumNumber)));
    if (unknown.length) {
      throw new PermanentEventError(
        `budget answered for addenda this service never had: ${unknown.map((e) => `${e.data.orderId} addendum ${e.data.addendumNumber}`).join(', ')}`,
      );
    }
    this.logger.log(`${unsettled.length} addendum answer(s) came for addenda no longer waiting for the budget; ${what}`);
  }
}
