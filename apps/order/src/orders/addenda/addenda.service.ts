import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { EventType, EventTypes, OrderEventData } from '#serapan/contracts';
import { sqlOne } from '#serapan/database';
import { Clock, ConflictError, jakartaDate, NotFoundError } from '#serapan/service';
import { OrderAccess, OrderParties } from '../access/order-access.policy.js';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { ADDENDUM_ORDER_STATES, AddendumAction, assertAddendumMayOpen, IllegalAddendumStepError, nextAddendumStatus } from '../lifecycle/order-state.js';
import { OrderTransitions } from '../lifecycle/order-transitions.js';
import { ORDER_RULES, OrderRules } from '../order-rules.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import { OrderQueriesService } from '../queries/order-queries.service.js';
import { lockOrder, openAddendumOf, termsOf } from '../terms/order-terms.sql.js';
import { addendumOf, AddendumRow, catalogProducts, currentVersion, decideAddendum, insertProposal, versionLinesOf } from './addenda.sql.js';
import { addendumFacts, AddendumRequest, changeOf, ContractVersion, deliveryDateOf, lineSnapshotsOf, planAddendum } from './addendum-rules.js';

/** How often a step is tried again when the order or the addendum changed between reading and writing. */
const RETRIES = 3;

/** A unique index refused the row: here, another addendum opened meanwhile. */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** A decision on a proposed addendum: who may take it, what it becomes, and what it says. */
interface Decision {
  action: Exclude<AddendumAction, 'apply' | 'reject'>;
  authorize: (principal: Principal, order: OrderParties) => void;
  event: EventType;
  outcome: string | null;
  cause: (number: number) => string;
}

/**
 * Addenda (change orders) to a running contract: the officer proposes, the
 * vendor agrees or refuses, the officer may withdraw. An agreed addendum goes
 * to the budget (order.addendum-agreed); its answer applies or rejects it
 * (AddendumDecisionsService). Each step reads, checks who may act and what
 * the rules allow, then writes in one transaction guarded by the state it read.
 */
@Injectable()
export class AddendaService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: OrderTransitions,
    private readonly queries: OrderQueriesService,
    private readonly clock: Clock,
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
  ) {}

  /** An officer of the order's satker proposes an addendum to the order as it stands: PROPOSED, numbered after the order's last. */
  async propose(principal: Principal, id: string, request: AddendumRequest): Promise<OrderViewDto> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const order = await this.order(id);
      OrderAccess.assertOfficer(principal, order);
      const [terms, open, lines] = await Promise.all([termsOf(this.db, [id]), openAddendumOf(this.db, id), versionLinesOf(this.db, id)]);
      assertAddendumMayOpen({ status: order.status, terms, openAddendum: open });
      const before = currentVersion(order, lines, terms);
      const today = jakartaDate(this.clock.now());
      const changed = lines.filter((l) => request.lines?.some((c) => c.lineNo === l.lineNo));
      const named = [...(request.add ?? []).map((a) => a.productId), ...changed.map((l) => l.productId)];
      const after = planAddendum(
        {
          current: before,
          vendorId: order.vendorId,
          vendorUmk: lines[0]?.vendorUmk ?? false,
          catalog: await catalogProducts(this.db, named, today),
          today,
          fiscalYear: order.fiscalYear,
          ppkThresholdIdr: this.rules.ppkThresholdIdr,
          ppk: principal.ppk === true,
        },
        request,
      );
      const change = changeOf(before, after);
      const proposed = await this.db
        .transaction(async (manager) => {
          const number = await insertProposal(manager, {
            order,
            termStatuses: terms.map((t) => t.status),
            proposedBy: principal.username,
            request,
            before,
            after,
            changeIdr: change.amountIdr,
          });
          if (number === undefined) return false;
          const cause = `addendum ${number} proposed: ${request.reason}; total ${before.totalIdr} → ${after.totalIdr}`;
          await this.transitions.record(
            manager,
            principal.username,
            [{ order, from: order.status, cause, data: { addendum: { number, reason: request.reason, change } } }],
            EventTypes.orderAddendumProposed,
          );
          return true;
        })
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) return false;
          throw e;
        });
      if (proposed) return this.queries.load(id);
    }
    throw new ConflictError(`order ${id} kept changing while the addendum was being proposed; try again`);
  }

  /** The vendor agrees: the addendum waits for the budget, which reads the order's figures after it from order.addendum-agreed. */
  agree(principal: Principal, id: string, number: number) {
    return this.decide(principal, id, number, {
      action: 'agree',
      authorize: OrderAccess.assertVendor,
      event: EventTypes.orderAddendumAgreed,
      outcome: null,
      cause: (n) => `vendor agreed to addendum ${n}; waiting for the budget`,
    });
  }

  refuse(principal: Principal, id: string, number: number, reason?: string) {
    const outcome = reason ?? 'refused by the vendor';
    return this.decide(principal, id, number, {
      action: 'refuse',
      authorize: OrderAccess.assertVendor,
      event: EventTypes.orderAddendumRefused,
      outcome,
      cause: (n) => `vendor refused addendum ${n}: ${outcome}`,
    });
  }

  /** The officer takes back an addendum the vendor has not answered; it is reported as refused, with the officer's reason. */
  withdraw(principal: Principal, id: string, number: number, reason?: string) {
    const outcome = reason ?? 'withdrawn by the officer';
    return this.decide(principal, id, number, {
      action: 'withdraw',
      authorize: OrderAccess.assertOfficer,
      event: EventTypes.orderAddendumRefused,
      outcome,
      cause: (n) => `officer withdrew addendum ${n}: ${outcome}`,
    });
  }

  private async decide(principal: Principal, id: string, number: number, decision: Decision): Promise<OrderViewDto> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const order = await this.order(id);
      decision.authorize(principal, order);
      const addendum = await addendumOf(this.db, id, number);
      if (!addendum) throw new NotFoundError(`order ${id} has no addendum ${number}`);
      const to = nextAddendumStatus(addendum.status, decision.action, number);
      const decided = await this.db.transaction(async (manager) => {
        await lockOrder(manager, id);
        const now = (await sqlOne<OrderRow>(manager, `SELECT ${orderColumns()} FROM orders WHERE id = $1`, [id]))!;
        if (decision.action === 'agree' && !ADDENDUM_ORDER_STATES.includes(now.status)) {
          throw new IllegalAddendumStepError(`cannot agree to addendum ${number}: the order is ${now.status}`);
        }
        const row = await decideAddendum(manager, { orderId: id, number, from: addendum.status, to, decidedBy: principal.username, outcome: decision.outcome });
        if (!row) return false;
        const data = decision.outcome === null ? factsAfter(row) : { reason: decision.outcome, addendum: addendumFacts(row) };
        await this.transitions.record(manager, principal.username, [{ order: now, from: now.status, cause: decision.cause(number), data }], decision.event);
        return true;
      });
      if (decided) return this.queries.load(id);
    }
    throw new ConflictError(`addendum ${number} of order ${id} kept changing while it was being decided; try again`);
  }

  private async order(id: string): Promise<OrderRow> {
    const order = await sqlOne<OrderRow>(this.db, `SELECT ${orderColumns()} FROM orders WHERE id = $1`, [id]);
    if (!order) throw new NotFoundError(`order ${id} does not exist`);
    return order;
  }
}

/** What order.addendum-agreed says besides the order's own facts: its money, lines and delivery date as the addendum would make them. */
function factsAfter(addendum: AddendumRow): Partial<OrderEventData> {
  const after: ContractVersion = addendum.after;
  return {
    totalIdr: after.totalIdr,
    pdnIdr: after.pdnIdr,
    umkIdr: after.umkIdr,
    lines: lineSnapshotsOf(after),
    deliveryDate: deliveryDateOf(after),
    version: after.version,
    addendum: addendumFacts(addendum),
  };
}
