import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { EventType, EventTypes, OrderTermPayment } from '#serapan/contracts';
import { sql, SqlExecutor, sqlOne } from '#serapan/database';
import { Clock, ConflictError, InvalidRequestError, jakartaDate, NotFoundError } from '#serapan/service';
import { OrderAccess, OrderParties } from '../access/order-access.policy.js';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import { OrderQueriesService } from '../queries/order-queries.service.js';
import { contractLinesOf, lockOrder, openAddendumOf, TERM_COLUMNS, termFacts, TermRow, termsOf } from '../terms/order-terms.sql.js';
import { daysLate, figures, latePenalty, minus, SpendFigures, spendData, termSpend } from '../terms/term-arithmetic.js';
import { assertCancellable, ContractState, IllegalTransitionError, nextStatus, OrderAction, TermAction, termStep } from './order-state.js';
import { moveOrders, OrderChange, OrderTransitions } from './order-transitions.js';
import { paymentDateProblem } from './payment-rules.js';

interface Step {
  action: OrderAction;
  authorize: (principal: Principal, order: OrderParties) => void;
  /** A rule on the order as read, checked after the state machine (throws a domain error). */
  check?: (order: OrderRow) => void | Promise<void>;
  /** A rule checked again in the moving transaction, after the order row is locked. */
  lockedCheck?: (manager: EntityManager, order: OrderRow) => Promise<void>;
  change?: OrderChange;
  event: EventType;
  cause: string;
}

/** What a term's step writes, and the event it publishes. */
interface TermPlan {
  termChange: { shipped?: boolean; bastNumber?: string; receivedOn?: string; daysLate?: number; penaltyIdr?: bigint; sp2dNumber?: string; paidOn?: string };
  orderChange?: OrderChange;
  event: EventType;
  cause: string;
  payment?: OrderTermPayment;
}

/** The order moved between reading and writing: its term changes are rolled back and the step read again. */
class RetryStep extends Error {}

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

  /** The vendor ships a term: the one named, or the next one due. */
  ship(principal: Principal, id: string, termNo?: number) {
    return this.termAct(principal, id, 'ship', termNo, OrderAccess.assertVendor, (order, term) =>
      Promise.resolve({ termChange: { shipped: true }, event: EventTypes.orderShipped, cause: `vendor shipped term ${term.termNo}` }),
    );
  }

  /**
   * The officer receives a shipped term with its BAST. Received after the
   * term's delivery date, the late penalty is computed here (term-arithmetic.ts)
   * and shown on the BAST; it is deducted when the term is paid.
   */
  receive(principal: Principal, id: string, bastNumber: string, receivedOn: string, termNo?: number) {
    return this.termAct(principal, id, 'receive', termNo, OrderAccess.assertOfficer, async (order, term) => {
      const today = jakartaDate(this.clock.now());
      if (receivedOn > today) throw new InvalidRequestError(`receivedOn ${receivedOn} is in the future (today is ${today} in Jakarta)`);
      const late = daysLate(term.deliveryDate, receivedOn);
      const { spend, vendorUmk } = await this.termSpendOf(order, term);
      const penalty = late > 0 ? latePenalty(spend, late, vendorUmk).amountIdr : 0n;
      const penaltyNote = penalty > 0n ? `; ${late} day(s) late, penalty ${penalty}` : '';
      return {
        termChange: { bastNumber, receivedOn, daysLate: late, penaltyIdr: penalty },
        orderChange: { bastNumber, receivedOn, penaltyIdr: penalty },
        event: EventTypes.orderReceived,
        cause: `received term ${term.termNo}, BAST ${bastNumber} of ${receivedOn}${penaltyNote}`,
      };
    });
  }

  /**
   * Records the treasury's payment of a term (SP2D number and date); the SP2D
   * import pays through here too. The budget realises the term's value less its
   * penalty and releases the penalty; the last term leaves nothing committed.
   */
  pay(principal: Principal, id: string, sp2dNumber: string, paidOn: string, termNo?: number) {
    return this.termAct(principal, id, 'pay', termNo, OrderAccess.assertFinance, async (order, term, step) => {
      const problem = paymentDateProblem(paidOn, term.receivedOn, jakartaDate(this.clock.now()), order.fiscalYear);
      if (problem) throw new InvalidRequestError(problem);
      const { spend, vendorUmk } = await this.termSpendOf(order, term);
      const penalty = term.daysLate ? latePenalty(spend, term.daysLate, vendorUmk) : figures([], 0n, false);
      // the same arithmetic on the same received units as at receipt: what the BAST showed is what is withheld
      if (penalty.amountIdr !== BigInt(term.penaltyIdr))
        throw new Error(`term ${term.termNo} of order ${order.id}: penalty ${penalty.amountIdr} ≠ ${term.penaltyIdr} on its BAST`);
      const paid = minus(spend, penalty);
      return {
        termChange: { sp2dNumber, paidOn },
        orderChange: { sp2dNumber, paidOn },
        event: EventTypes.orderPaid,
        payment: { termNo: term.termNo, final: step.orderStatus === 'COMPLETED', paid: spendData(paid), penalty: spendData(penalty) },
        cause: `paid term ${term.termNo}: ${paid.amountIdr} by SP2D ${sp2dNumber} of ${paidOn}${penalty.amountIdr > 0n ? `, penalty ${penalty.amountIdr} withheld` : ''}`,
      };
    });
  }

  cancel(principal: Principal, id: string, reason?: string) {
    return this.act(principal, id, {
      action: 'cancel',
      authorize: OrderAccess.assertOfficer,
      check: async (order) => assertCancellable(await this.contractState(order)),
      // again under the order's lock, which an addendum's proposal and agreement take too
      lockedCheck: async (manager, order) => assertCancellable(await this.contractState(order, manager)),
      change: { reason: reason ?? 'cancelled by the officer' },
      event: EventTypes.orderCancelled,
      cause: reason ? `officer cancelled: ${reason}` : 'officer cancelled',
    });
  }

  /** The order's status, terms and open addendum, as the state machine reads them. */
  private async contractState(order: OrderRow, db: SqlExecutor = this.db): Promise<ContractState> {
    const [terms, openAddendum] = [await termsOf(db, [order.id]), await openAddendumOf(db, order.id)];
    return { status: order.status, terms, openAddendum };
  }

  /** The term's value with its parts, at the agreed prices (the last term carries the shipping). */
  private async termSpendOf(order: OrderRow, term: TermRow & { last: boolean }): Promise<{ spend: SpendFigures; vendorUmk: boolean }> {
    const lines = await contractLinesOf(this.db, order.id);
    const vendorUmk = lines[0]?.vendorUmk ?? false;
    return { spend: termSpend(lines, term.quantities, term.last ? BigInt(order.shippingFeeIdr) : 0n, vendorUmk), vendorUmk };
  }

  /**
   * One term's step: reads the order and its terms, checks who may act and
   * what the state machine allows (termStep), then moves the term and the
   * order in one transaction, each UPDATE guarded by the state it was read in;
   * a concurrent change makes it read again.
   */
  private async termAct(
    principal: Principal,
    id: string,
    action: TermAction,
    termNo: number | undefined,
    authorize: (principal: Principal, order: OrderParties) => void,
    plan: (order: OrderRow, term: TermRow & { last: boolean }, step: ReturnType<typeof termStep>) => Promise<TermPlan>,
  ): Promise<OrderViewDto> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const order = await sqlOne<OrderRow>(this.db, `SELECT ${orderColumns()} FROM orders WHERE id = $1`, [id]);
      if (!order) throw new NotFoundError(`order ${id} does not exist`);
      authorize(principal, order);
      const state = await this.contractState(order);
      const step = termStep(state, action, termNo);
      const terms = state.terms as TermRow[];
      const term = { ...terms.find((t) => t.termNo === step.termNo)!, last: step.termNo === terms.length };
      const p = await plan(order, term, step);
      const moved = await this.db
        .transaction(async (manager) => {
          // the order row is the lock every change of the contract takes first (an addendum's proposal too), so a
          // shipment and a proposal never pass each other: whichever comes second sees the other
          await lockOrder(manager, id);
          const open = action === 'ship' ? await openAddendumOf(manager, id) : undefined;
          if (open) throw new IllegalTransitionError(order.status, 'ship', `addendum ${open.number} is ${open.status}; it must be settled first`);
          const [termRow] = await sql<TermRow>(
            manager,
            `UPDATE order_terms SET status = $3, shipped_at = CASE WHEN $4 THEN clock_timestamp() ELSE shipped_at END,
                  bast_number = coalesce($5, bast_number), received_on = coalesce($6::date, received_on), days_late = coalesce($7, days_late),
                  penalty_idr = coalesce($8::bigint, penalty_idr), sp2d_number = coalesce($9, sp2d_number), paid_on = coalesce($10::date, paid_on)
            WHERE order_id = $1 AND term_no = $2 AND status = $11 AND delivery_date = $12::date RETURNING ${TERM_COLUMNS}`,
            [
              id,
              term.termNo,
              step.termStatus,
              p.termChange.shipped ?? false,
              p.termChange.bastNumber ?? null,
              p.termChange.receivedOn ?? null,
              p.termChange.daysLate ?? null,
              p.termChange.penaltyIdr?.toString() ?? null,
              p.termChange.sp2dNumber ?? null,
              p.termChange.paidOn ?? null,
              term.status,
              // lateness was counted from this date: an addendum that moved it meanwhile makes the step read again
              term.deliveryDate,
            ],
          );
          if (!termRow) return false;
          const [row] = await moveOrders(manager, { ids: [id], from: [order.status], to: step.orderStatus, change: p.orderChange });
          if (!row) throw new RetryStep();
          const data = { term: termFacts(termRow, terms.length), ...(p.payment ? { payment: p.payment } : {}) };
          await this.transitions.record(manager, principal.username, [{ order: row, from: order.status, cause: p.cause, data }], p.event);
          return true;
        })
        .catch((e: unknown) => {
          if (e instanceof RetryStep) return false;
          throw e;
        });
      if (moved) return this.queries.load(id);
    }
    throw new ConflictError(`order ${id} kept changing while it was being updated; try again`);
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
      await step.check?.(order);
      const moved = await this.db.transaction(async (manager) => {
        if (step.lockedCheck) {
          await lockOrder(manager, id);
          await step.lockedCheck(manager, order);
        }
        const [row] = await moveOrders(manager, { ids: [id], from: [order.status], to, change: step.change });
        if (row) await this.transitions.record(manager, principal.username, [{ order: row, from: order.status, cause: step.cause }], step.event);
        return Boolean(row);
      });
      if (moved) return this.queries.load(id);
    }
    throw new ConflictError(`order ${id} kept changing while it was being updated; try again`);
  }
}
