import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql, SqlExecutor } from '#serapan/database';
import type { Principal } from '#serapan/auth';
import { NotFoundError } from '#serapan/service';
import { OrderAccess } from '../access/order-access.policy.js';
import { OrderPageDto, OrderViewDto } from '../dto/order-view.dto.js';
import type { AddendumViewDto, OfferViewDto } from '../dto/order-view.dto.js';
import { ORDER_RULES, OrderRules } from '../order-rules.js';
import { orderView, OrderParts, termView } from '../order-view.js';
import { Order } from '../order.entity.js';
import { termsOf } from '../terms/order-terms.sql.js';
import { OrdersQueryDto } from './dto/orders-query.dto.js';

/** Reads orders within the caller's scope. */
@Injectable()
export class OrderQueriesService {
  constructor(
    private readonly db: DataSource,
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
  ) {}

  async get(principal: Principal, id: string): Promise<OrderViewDto> {
    const view = await this.read(id);
    if (!view) throw new NotFoundError(`order ${id} does not exist`);
    OrderAccess.assertReader(principal, view);
    return view;
  }

  /**
   * The order with its lines, timeline, terms, offers and addenda as of one
   * moment: one snapshot, so a change committed while it is read (an addendum
   * applied, a term paid) shows in all of it or in none.
   */
  private read(id: string): Promise<OrderViewDto | undefined> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const order = await manager.getRepository(Order).findOne({ where: { id }, relations: { lines: true, timeline: true } });
      return order ? orderView({ ...order, ...(await this.partsOf(manager, id)) }) : undefined;
    });
  }

  /** An order's terms, offers and addenda, read together. */
  private async partsOf(db: SqlExecutor, id: string): Promise<OrderParts> {
    const terms = await termsOf(db, [id]);
    const [offers, addenda] = [
      await sql<OfferViewDto>(
        db,
        `SELECT round, party, actor, at, note, total_idr::text AS "totalIdr", lines FROM order_offers WHERE order_id = $1 ORDER BY round`,
        [id],
      ),
      await sql<AddendumViewDto>(
        db,
        `SELECT number, status, reason, proposed_by AS "proposedBy", proposed_at AS "proposedAt", decided_by AS "decidedBy", decided_at AS "decidedAt",
                outcome, change_idr::text AS "changeIdr", before, after
           FROM order_addenda WHERE order_id = $1 ORDER BY number`,
        [id],
      ),
    ];
    return { terms: terms.map(termView), offers, addenda, maxOffers: this.rules.maxOffers };
  }

  async list(principal: Principal, query: OrdersQueryDto): Promise<OrderPageDto> {
    const scope = OrderAccess.listScope(principal);
    const q = this.db.getRepository(Order).createQueryBuilder('o').leftJoinAndSelect('o.lines', 'l');
    if (scope.vendorId) q.andWhere('o.vendorId = :ownVendor', { ownVendor: scope.vendorId });
    if (scope.satkerCode) q.andWhere('o.satkerCode = :ownSatker', { ownSatker: scope.satkerCode });
    if (scope.klCode) q.andWhere('o.klCode = :ownKl', { ownKl: scope.klCode });
    if (query.status) q.andWhere('o.status = :status', query);
    if (query.satkerCode) q.andWhere('o.satkerCode = :satkerCode', query);
    if (query.vendorId) q.andWhere('o.vendorId = :vendorId', query);
    if (query.from) q.andWhere(`o.createdAt >= (:from::date AT TIME ZONE 'Asia/Jakarta')`, query);
    if (query.to) q.andWhere(`o.createdAt < ((:to::date + 1) AT TIME ZONE 'Asia/Jakarta')`, query);
    const [orders, total] = await q
      .orderBy('o.createdAt', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: orders.map(orderView), page: query.page, pageSize: query.pageSize, total };
  }

  /** The whole order as the API shows it (after a change, or for a replayed placement). */
  async load(id: string): Promise<OrderViewDto> {
    const view = await this.read(id);
    if (!view) throw new NotFoundError(`order ${id} does not exist`);
    return view;
  }
}
