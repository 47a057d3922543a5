import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { EventType, EventTypes } from '#serapan/contracts';
import { sqlOne } from '#serapan/database';
import { Clock, ConflictError, InvalidRequestError, jakartaDate, NotFoundError } from '#serapan/service';
import { OrderAccess, OrderParties } from '../access/order-access.policy.js';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import { OrderQueriesService } from '../queries/order-queries.service.js';
import { nextStatus, OrderAction } from './order-state.js';
import { moveOrders, OrderChange, OrderTransitions } from './order-transitions.js';
import { paymentDateProblem } from './payment-rules.js';

interface Step {
  action: OrderAction;
  authorize: (principal: Principal, order: OrderParties) => void;
  /** A rule on the order as read, checked after the state machine (throws a domain error). */
  check?: (order: OrderRow) => void;
  change?: OrderChange;
  event: EventType;
  cause: string;
}

/** How often an action is tried again when the order changed between reading and moving it. */
const RETRIES = 3;

/** The steps people take on an order after placement: vendor, officer and finance actions. */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: OrderTransitions,
    private readonly queries: OrderQueriesService,
    private readonly clock: Clock,
  ) {}

  accept(principal: Principal, id: string) {
    return this.act(principal, id, {
      action: 'accept',
      authorize: OrderAccess.assertVendor,
      change: { stockTaken: true },
      event: EventTypes.orderAccepted,
      cause: 'vendor accepted',
    });
  }

  decline(principal: Principal, id: string, reason?: string) {
    return this.act(principal, id, {
      action: 'decline',
      authorize: OrderAccess.assertVendor,
      change: { reason: reason ?? 'declined by the vendor' },
      event: EventTypes.orderDeclined,
      cause: reason ? `vendor declined: ${reason}` : 'vendor declined',
    });
  }

  ship(principal: Principal, id: string) {
    return this.act(principal, id, { action: 'ship', authorize: OrderAccess.assertVendor, event: EventTypes.orderShipped, cause: 'vendor shipped' });
  }

  receive(principal: Principal, id: string, bastNumber: string, receivedOn: string) {
    return this.act(principal, id, {
      action: 'receive',
      authorize: OrderAccess.assertOfficer,
      change: { bastNumber, receivedOn },
      event: EventTypes.orderReceived,
      cause: `received, BAST ${bastNumber} of ${receivedOn}`,
    });
  }

  cancel(principal: Principal, id: string, reason?: string) {
    return this.act(principal, id, {
      action: 'cancel',
      authorize: OrderAccess.assertOfficer,
      change: { reason: reason ?? 'cancelled by the officer' },
      event: EventTypes.orderCancelled,
      cause: reason ? `officer cancelled: ${reason}` : 'officer cancelled',
    });
  }

  /** Records the treasury's payment (SP2D number and date); the SP2D import pays through here too. */
  pay(principal: Principal, id: string, sp2dNumber: string, paidOn: string) {
    return this.act(principal, id, {
      action: 'pay',
      authorize: OrderAccess.assertFinance,
      check: (order) => {
        const problem = paymentDateProblem(paidOn, order.receivedOn, jakartaDate(this.clock.now()), order.fiscalYear);
        if (problem) throw new InvalidRequestError(problem);
      },
      change: { sp2dNumber, paidOn },
      event: EventTypes.orderPaid,
      cause: `paid, SP2D ${sp2dNumber} of ${paidOn}`,
    });
  }

  /**
   * Reads the order, checks who may act and whether the state machine allows
   * the step, then moves it with an UPDATE guarded by the state it was read
   * in (no lock); a concurrent change makes it read again.
   */
  private async act(principal: Principal, id: string, step: Step): Promise<OrderViewDto> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const order = await sqlOne<OrderRow>(this.db, `SELECT ${orderColumns()} FROM orders WHERE id = $1`, [id]);
      if (!order) throw new NotFoundError(`order ${id} does not exist`);
      step.authorize(principal, order);
      const to = nextStatus(order.status, step.action);
      step.check?.(order);
      const moved = await this.db.transaction(async (manager) => {
        const [row] = await moveOrders(manager, { ids: [id], from: [order.status], to, change: step.change });
        if (row) await this.transitions.record(manager, principal.username, [{ order: row, from: order.status, cause: step.cause }], step.event);
        return Boolean(row);
      });
      if (moved) return this.queries.load(id);
    }
    throw new ConflictError(`order ${id} kept changing while it was being updated; try again`);
  }
}
