import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { EventTypes } from '#serapan/contracts';
import { sqlOne } from '#serapan/database';
import { Clock, ConflictError, NotFoundError, ScopeError } from '#serapan/service';
import { OrderAccess } from '../access/order-access.policy.js';
import type { OrderViewDto } from '../dto/order-view.dto.js';
import { nextStatus } from '../lifecycle/order-state.js';
import { moveOrders, OrderTransitions } from '../lifecycle/order-transitions.js';
import { assignPurchaseOrderNumbers } from '../lifecycle/purchase-order-numbers.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import { OrderQueriesService } from '../queries/order-queries.service.js';

/**
 * The PPK's approval of a purchase order (surat pesanan, docs/domain.md rule
 * 22): an order of a pejabat pengadaan waits for a PPK of its satker, who
 * approves it (it gets its purchase-order number and goes to the budget) or
 * refuses it with a reason.
 */
@Injectable()
export class ApprovalService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: OrderTransitions,
    private readonly queries: OrderQueriesService,
    private readonly clock: Clock,
  ) {}

  approve(principal: Principal, id: string): Promise<OrderViewDto> {
    return this.decide(principal, id, 'approve', (manager, order) => this.approveIn(manager, order, principal.username));
  }

  refuse(principal: Principal, id: string, reason: string): Promise<OrderViewDto> {
    return this.decide(principal, id, 'refuse', async (manager, order) => {
      const [row] = await moveOrders(manager, { ids: [id], from: ['AWAITING_APPROVAL'], to: nextStatus(order.status, 'refuse'), change: { reason } });
      if (!row) throw new ConflictError(`order ${id} changed while it was being refused; read it again`);
      await this.transitions.record(
        manager,
        principal.username,
        [{ order: row, from: order.status, cause: `PPK refused the purchase order: ${reason}` }],
        EventTypes.orderApprovalRefused,
      );
    });
  }

  /**
   * Approves an order waiting for approval, in the caller's transaction: its
   * purchase-order number, then PENDING_BUDGET and order.placed, which asks the
   * budget to reserve. Also used when a PPK's own negotiation is agreed.
   */
  async approveIn(manager: EntityManager, order: OrderRow, approver: string): Promise<OrderRow> {
    const numbered = { id: order.id, satkerCode: order.satkerCode, fiscalYear: order.fiscalYear, purchaseOrderNumber: order.purchaseOrderNumber };
    await assignPurchaseOrderNumbers(manager, [numbered]);
    const [row] = await moveOrders(manager, {
      ids: [order.id],
      from: ['AWAITING_APPROVAL'],
      to: nextStatus('AWAITING_APPROVAL', 'approve'),
      purchaseOrderNumbers: [numbered.purchaseOrderNumber],
      change: { approvedBy: approver, approvedAt: this.clock.now() },
    });
    if (!row) throw new ConflictError(`order ${order.id} changed while it was being approved; read it again`);
    await this.transitions.record(
      manager,
      approver,
      [{ order: row, from: 'AWAITING_APPROVAL', cause: `approved by PPK ${approver}; purchase order ${row.purchaseOrderNumber}` }],
      EventTypes.orderPlaced,
    );
    return row;
  }

  /** Reads and locks the order, checks the PPK's authority over it, and runs the decision in one transaction. */
  private async decide(
    principal: Principal,
    id: string,
    action: 'approve' | 'refuse',
    decision: (manager: EntityManager, order: OrderRow) => Promise<unknown>,
  ): Promise<OrderViewDto> {
    await this.db.transaction(async (manager) => {
      const order = await sqlOne<OrderRow>(manager, `SELECT ${orderColumns()} FROM orders WHERE id = $1 FOR UPDATE`, [id]);
      if (!order) throw new NotFoundError(`order ${id} does not exist`);
      OrderAccess.assertOfficer(principal, order);
      if (principal.ppk !== true) throw new ScopeError(`only a PPK of satker ${order.satkerCode} approves or refuses a purchase order`);
      nextStatus(order.status, action);
      await decision(manager, order);
    });
    return this.queries.load(id);
  }
}
