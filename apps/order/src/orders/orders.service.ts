import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { EventType, EventTypes, OrderEventData } from '#serapan/contracts';
import { OutboxService } from '#serapan/messaging';
import { ConflictError, InvalidRequestError, NotFoundError, ScopeError, UnprocessableError } from '#serapan/service';
import { CatalogProduct } from '../catalog/catalog-product.entity.js';
import { OrdersQueryDto } from './dto/order-actions.dto.js';
import { PlaceOrderDto } from './dto/place-order.dto.js';
import { nextStatus, OrderAction, OrderStatus } from './order-state.js';
import { OrderLine } from './order-line.entity.js';
import { OrderTimelineEntry } from './order-timeline-entry.entity.js';
import { orderView, OrderView } from './order-view.js';
import { Order } from './order.entity.js';

export const ORDER_RULES = Symbol('ORDER_RULES');

export interface OrderRules {
  /** Orders above this total need an officer with PPK authority. */
  ppkThresholdIdr: bigint;
  /** When a vendor loses an order it has not answered. */
  vendorDeadline: (from: Date) => Date;
}

const DOMESTIC_TIERS = new Set(['top', 'pdn']);

/** Who or what moves an order, for the timeline. */
export interface Actor {
  name: string;
}

/** A change to apply with a transition: new column values, the event it publishes and why. */
interface TransitionChange {
  set?: Partial<Order>;
  event?: EventType;
  cause: string;
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
  ) {}

  /**
   * Places an order for the officer's own satker. The same idempotency key
   * with the same body returns the first order; with another body → 422.
   */
  async place(principal: Principal, idempotencyKey: string, request: PlaceOrderDto): Promise<{ order: OrderView; replayed: boolean }> {
    if (principal.role !== 'officer' || !principal.satkerCode || !principal.klCode) throw new ScopeError('only an officer of a satker places orders');
    if (request.satkerCode && request.satkerCode !== principal.satkerCode) {
      throw new ScopeError(`satkerCode ${request.satkerCode} is another satker's budget; you order for satker ${principal.satkerCode}`);
    }
    const hash = requestHash(request);
    const earlier = await this.replay(principal, idempotencyKey, hash);
    if (earlier) return { order: earlier, replayed: true };
    try {
      const id = await this.dataSource.transaction((manager) => this.insert(manager, principal, idempotencyKey, hash, request));
      return { order: await this.load(id), replayed: false };
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      const raced = await this.replay(principal, idempotencyKey, hash);
      if (raced) return { order: raced, replayed: true };
      throw error;
    }
  }

  accept(principal: Principal, id: string) {
    return this.act(id, 'accept', principal, (order) => this.assertVendor(principal, order), {
      set: { stockTaken: true },
      event: EventTypes.orderAccepted,
      cause: 'vendor accepted',
    });
  }

  decline(principal: Principal, id: string, reason?: string) {
    return this.act(id, 'decline', principal, (order) => this.assertVendor(principal, order), {
      set: { reason: reason ?? 'declined by the vendor' },
      event: EventTypes.orderDeclined,
      cause: reason ? `vendor declined: ${reason}` : 'vendor declined',
    });
  }

  ship(principal: Principal, id: string) {
    return this.act(id, 'ship', principal, (order) => this.assertVendor(principal, order), { event: EventTypes.orderShipped, cause: 'vendor shipped' });
  }

  receive(principal: Principal, id: string, bastNumber: string, receivedOn: string) {
    return this.act(id, 'receive', principal, (order) => this.assertOfficer(principal, order), {
      set: { bastNumber, receivedOn },
      event: EventTypes.orderReceived,
      cause: `received, BAST ${bastNumber} of ${receivedOn}`,
    });
  }

  cancel(principal: Principal, id: string, reason?: string) {
    return this.act(id, 'cancel', principal, (order) => this.assertOfficer(principal, order), {
      set: { reason: reason ?? 'cancelled by the officer' },
      event: EventTypes.orderCancelled,
      cause: reason ? `officer cancelled: ${reason}` : 'officer cancelled',
    });
  }

  pay(principal: Principal, id: string, sp2dNumber: string, paidOn: string) {
    return this.act(id, 'pay', principal, (order) => this.assertFinance(principal, order), {
      set: { sp2dNumber, paidOn },
      event: EventTypes.orderPaid,
      cause: `paid, SP2D ${sp2dNumber} of ${paidOn}`,
    });
  }

  async get(principal: Principal, id: string): Promise<OrderView> {
    const order = await this.dataSource.getRepository(Order).findOne({ where: { id }, relations: { lines: true, timeline: true } });
    if (!order) throw new NotFoundError(`order ${id} does not exist`);
    this.assertReader(principal, order);
    return orderView(order);
  }

  async list(principal: Principal, query: OrdersQueryDto) {
    const q = this.dataSource.getRepository(Order).createQueryBuilder('o').leftJoinAndSelect('o.lines', 'l');
    if (principal.role === 'vendor') q.andWhere('o.vendorId = :own', { own: principal.vendorId ?? '00000000-0000-0000-0000-000000000000' });
    else if (principal.role !== 'auditor') {
      if (principal.satkerCode) q.andWhere('o.satkerCode = :ownSatker', { ownSatker: principal.satkerCode });
      else if (principal.role === 'finance' && principal.klCode) q.andWhere('o.klCode = :ownKl', { ownKl: principal.klCode });
      else throw new ScopeError(`${principal.username} has no satker or K/L scope`);
    }
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

  /**
   * Moves an order inside the caller's transaction (used by the saga and the
   * deadline). Returns false when the order is already past that step.
   */
  async transitionIn(manager: EntityManager, id: string, action: OrderAction, actor: Actor, change: TransitionChange): Promise<boolean> {
    const order = await manager.findOne(Order, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!order) throw new NotFoundError(`order ${id} does not exist`);
    let to: OrderStatus;
    try {
      to = nextStatus(order.status, action);
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
    await this.apply(manager, order, to, actor, change);
    return true;
  }

  /** Records a budget fact on the timeline without changing the state. */
  async note(manager: EntityManager, id: string, actor: Actor, cause: string): Promise<void> {
    const order = await manager.findOneBy(Order, { id });
    if (!order) throw new NotFoundError(`order ${id} does not exist`);
    await manager.insert(OrderTimelineEntry, { orderId: id, fromStatus: order.status, toStatus: order.status, actor: actor.name, cause });
  }

  private async act(id: string, action: OrderAction, principal: Principal, authorize: (order: Order) => void, change: TransitionChange): Promise<OrderView> {
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new NotFoundError(`order ${id} does not exist`);
      authorize(order);
      await this.apply(manager, order, nextStatus(order.status, action), { name: principal.username }, change);
    });
    return this.load(id);
  }

  private async apply(manager: EntityManager, order: Order, to: OrderStatus, actor: Actor, change: TransitionChange): Promise<void> {
    const from = order.status;
    Object.assign(order, change.set ?? {}, { status: to });
    await manager.update(Order, { id: order.id }, { ...(change.set ?? {}), status: to, updatedAt: () => 'clock_timestamp()' } as never);
    await manager.insert(OrderTimelineEntry, { orderId: order.id, fromStatus: from, toStatus: to, actor: actor.name, cause: change.cause });
    if (change.event) {
      const lines = await manager.findBy(OrderLine, { orderId: order.id });
      await this.outbox.add(manager, [{ type: change.event, key: order.id, data: eventData(order, lines) }]);
    }
  }

  private async insert(manager: EntityManager, principal: Principal, idempotencyKey: string, hash: string, request: PlaceOrderDto): Promise<string> {
    const ids = request.lines.map((l) => l.productId);
    const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (repeated >= 0) throw new InvalidRequestError(`lines[${repeated}].productId repeats a product; give each product once with its total quantity`);
    const products = new Map((await manager.createQueryBuilder(CatalogProduct, 'p').where('p.productId IN (:...ids)', { ids }).getMany()).map((p) => [p.productId, p]));
    const lines = request.lines.map((line, i) => {
      const product = products.get(line.productId);
      if (!product) throw new NotFoundError(`lines[${i}].productId ${line.productId} is not in the catalog`);
      if (product.status !== 'active') throw new ConflictError(`lines[${i}].productId ${line.productId} (${product.name}) is delisted`);
      if (product.stock < line.quantity) {
        throw new ConflictError(`lines[${i}].quantity ${line.quantity} exceeds the stock of ${product.name} (${product.stock} ${product.unit})`);
      }
      return { product, quantity: line.quantity, subtotal: BigInt(product.priceIdr) * BigInt(line.quantity) };
    });
    const vendors = [...new Set(lines.map((l) => l.product.vendorId))];
    if (vendors.length > 1) throw new InvalidRequestError(`lines: an order goes to one vendor; these products come from ${vendors.length} vendors, place one order per vendor`);

    const vendor = lines[0].product;
    const shipping = BigInt(request.shippingFeeIdr ?? '0');
    const total = lines.reduce((sum, l) => sum + l.subtotal, 0n) + shipping;
    const pdn = lines.filter((l) => DOMESTIC_TIERS.has(l.product.pdnTier)).reduce((sum, l) => sum + l.subtotal, 0n);
    const umk = vendor.vendorUmk ? total : 0n;
    if (total > this.rules.ppkThresholdIdr && !principal.ppk) {
      throw new ScopeError(`totalIdr ${total} is above ${this.rules.ppkThresholdIdr} and needs an officer with PPK authority`);
    }

    const id = randomUUID();
    const order = manager.create(Order, {
      id,
      status: 'PENDING_BUDGET',
      satkerCode: principal.satkerCode!,
      klCode: principal.klCode!,
      vendorId: vendor.vendorId,
      vendorName: vendor.vendorName,
      fiscalYear: request.fiscalYear,
      accountCode: request.accountCode,
      rupCode: request.rupCode ?? null,
      shippingFeeIdr: shipping.toString(),
      totalIdr: total.toString(),
      pdnIdr: pdn.toString(),
      umkIdr: umk.toString(),
      stockTaken: false,
      placedBy: principal.sub,
      idempotencyKey,
      requestHash: hash,
    });
    await manager.insert(Order, order);
    const orderLines = lines.map((l, i) =>
      manager.create(OrderLine, {
        orderId: id,
        lineNo: i + 1,
        productId: l.product.productId,
        sku: l.product.sku,
        name: l.product.name,
        unit: l.product.unit,
        quantity: l.quantity,
        unitPriceIdr: l.product.priceIdr,
        subtotalIdr: l.subtotal.toString(),
        pdnTier: l.product.pdnTier,
        vendorUmk: l.product.vendorUmk,
      }),
    );
    await manager.insert(OrderLine, orderLines);
    await manager.insert(OrderTimelineEntry, { orderId: id, fromStatus: null, toStatus: 'PENDING_BUDGET', actor: principal.username, cause: 'placed' });
    await this.outbox.add(manager, [{ type: EventTypes.orderPlaced, key: id, data: eventData(order, orderLines) }]);
    return id;
  }

  private async replay(principal: Principal, idempotencyKey: string, hash: string): Promise<OrderView | undefined> {
    const existing = await this.dataSource.getRepository(Order).findOneBy({ placedBy: principal.sub, idempotencyKey });
    if (!existing) return undefined;
    if (existing.requestHash !== hash) {
      throw new UnprocessableError(`Idempotency-Key ${idempotencyKey} was already used for a different order (${existing.id}); use a new key for a new order`);
    }
    return this.load(existing.id);
  }

  private async load(id: string): Promise<OrderView> {
    const order = await this.dataSource.getRepository(Order).findOneOrFail({ where: { id }, relations: { lines: true, timeline: true } });
    return orderView(order);
  }

  private assertVendor(principal: Principal, order: Order): void {
    if (principal.role !== 'vendor' || principal.vendorId !== order.vendorId) throw new ScopeError(`order ${order.id} is addressed to another vendor`);
  }

  private assertOfficer(principal: Principal, order: Order): void {
    if (principal.role !== 'officer' || principal.satkerCode !== order.satkerCode) throw new ScopeError(`order ${order.id} belongs to satker ${order.satkerCode}, not yours`);
  }

  private assertFinance(principal: Principal, order: Order): void {
    const inScope = principal.role === 'finance' && (principal.satkerCode ? principal.satkerCode === order.satkerCode : principal.klCode === order.klCode);
    if (!inScope) throw new ScopeError(`only finance of satker ${order.satkerCode} records payment of order ${order.id}`);
  }

  private assertReader(principal: Principal, order: Order): void {
    if (principal.role === 'auditor') return;
    if (principal.role === 'vendor') return this.assertVendor(principal, order);
    if (principal.role === 'finance' && !principal.satkerCode) return this.assertFinance(principal, order);
    if (principal.satkerCode !== order.satkerCode) throw new ScopeError(`order ${order.id} belongs to satker ${order.satkerCode}, not yours`);
  }
}

/** The spend facts every order event carries. */
export function eventData(order: Order, lines: OrderLine[]): OrderEventData {
  return {
    orderId: order.id,
    satkerCode: order.satkerCode,
    klCode: order.klCode,
    vendorId: order.vendorId,
    fiscalYear: order.fiscalYear,
    accountCode: order.accountCode,
    totalIdr: order.totalIdr,
    pdnIdr: order.pdnIdr,
    umkIdr: order.umkIdr,
    stockTaken: order.stockTaken,
    lines: lines.map((l) => ({
      productId: l.productId,
      quantity: l.quantity,
      unitPriceIdr: l.unitPriceIdr,
      subtotalIdr: l.subtotalIdr,
      pdnTier: l.pdnTier,
      vendorUmk: l.vendorUmk,
    })),
    ...(order.reason ? { reason: order.reason } : {}),
  };
}

/** A stable fingerprint of an order request (key order does not matter). */
export function requestHash(request: PlaceOrderDto): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
        : value;
  return createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
}
