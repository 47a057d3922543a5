import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Principal } from '#serapan/auth';
import { EventTypes } from '#serapan/contracts';
import { OutboxService } from '#serapan/messaging';
import { Clock, ConflictError, jakartaDate, NotFoundError } from '#serapan/service';
import { vendorIdOf, VendorsService } from '../vendors/vendors.service.js';
import { productEvent } from './product-events.js';
import { Product, ProductDetails } from './product.entity.js';

type ChangeEvent = typeof EventTypes.productUpdated | typeof EventTypes.productDelisted;

/** Listing and changing products. Each change and its event commit together. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly vendors: VendorsService,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<Product> {
    const product = await this.dataSource.manager.findOneBy(Product, { id });
    if (!product) throw new NotFoundError(`product ${id} does not exist`);
    return product.effectiveAt(jakartaDate(this.clock.now()));
  }

  list(principal: Principal, details: ProductDetails): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const vendor = await this.vendors.acquire(manager, principal, 'pessimistic_read');
      const now = this.clock.now();
      const product = Product.list(vendor, details, jakartaDate(now), now);
      await this.save(manager, product, 'insert');
      await this.outbox.add(manager, [productEvent(EventTypes.productListed, product)]);
      return product;
    });
  }

  revise(principal: Principal, id: string, changes: Partial<ProductDetails>): Promise<Product> {
    return this.change(principal, id, EventTypes.productUpdated, (product, now) => product.revise(changes, jakartaDate(now), now));
  }

  delist(principal: Principal, id: string): Promise<Product> {
    return this.change(principal, id, EventTypes.productDelisted, (product, now) => (product.delist(now), true));
  }

  relist(principal: Principal, id: string): Promise<Product> {
    return this.change(principal, id, EventTypes.productUpdated, (product, now) => (product.relist(now), true));
  }

  /** Runs `apply` on the caller's own product under a row lock, at the clock's now; publishes when it changed something. */
  private change(principal: Principal, id: string, type: ChangeEvent, apply: (product: Product, now: Date) => boolean): Promise<Product> {
    const vendorId = vendorIdOf(principal);
    return this.dataSource.transaction(async (manager) => {
      const product = await manager.findOne(Product, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!product) throw new NotFoundError(`product ${id} does not exist`);
      product.ensureOwnedBy(vendorId);
      if (!apply(product, this.clock.now())) return product;
      await this.save(manager, product, 'update');
      await this.outbox.add(manager, [productEvent(type, product)]);
      return product;
    });
  }

  private async save(manager: EntityManager, product: Product, how: 'insert' | 'update'): Promise<void> {
    try {
      if (how === 'insert') await manager.insert(Product, product);
      else await manager.update(Product, { id: product.id }, product);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'products_vendor_sku') {
        throw new ConflictError(`sku: you already have a product with SKU "${product.sku}"`);
      }
      throw error;
    }
  }
}
