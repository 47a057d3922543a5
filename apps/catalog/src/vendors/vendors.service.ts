import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '#serapan/auth';
import { EventTypes } from '#serapan/contracts';
import { OutboxService } from '#serapan/messaging';
import { Clock, ScopeError } from '#serapan/service';
import { Product } from '../products/product.entity.js';
import { productEvent } from '../products/product-events.js';
import { Vendor, VendorProfile } from './vendor.entity.js';

/** The vendor a caller acts as; its token must name one. */
export function vendorIdOf(principal: Principal): string {
  if (!principal.vendorId || !isUUID(principal.vendorId)) throw new ScopeError('vendorId: your token names no vendor');
  return principal.vendorId;
}

@Injectable()
export class VendorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  profileOf(principal: Principal): Promise<Vendor> {
    return this.dataSource.transaction((manager) => this.acquire(manager, principal, 'pessimistic_read'));
  }

  /**
   * Replaces the caller's profile. A new name or UMK flag is re-stamped on the
   * vendor's products and each of them is published again, in the same transaction.
   */
  update(principal: Principal, profile: VendorProfile): Promise<Vendor> {
    return this.dataSource.transaction(async (manager) => {
      const vendor = await this.acquire(manager, principal, 'pessimistic_write');
      const now = this.clock.now();
      const restamp = vendor.replaceProfile(profile, now);
      await manager.save(vendor);
      if (restamp) {
        const products = await manager.find(Product, { where: { vendorId: vendor.id }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
        products.forEach((product) => product.stampVendor(vendor, now));
        await manager.save(products, { chunk: 500 });
        await this.outbox.add(
          manager,
          products.map((product) => productEvent(EventTypes.productUpdated, product)),
        );
      }
      return vendor;
    });
  }

  /**
   * The caller's vendor, locked for the rest of the transaction; created from
   * the token on first use. A read lock keeps the profile from changing under
   * a product being listed.
   */
  async acquire(manager: EntityManager, principal: Principal, mode: 'pessimistic_read' | 'pessimistic_write'): Promise<Vendor> {
    const id = vendorIdOf(principal);
    await manager.createQueryBuilder().insert().into(Vendor).values(Vendor.firstUse(id, this.clock.now())).orIgnore().execute();
    return manager.findOneOrFail(Vendor, { where: { id }, lock: { mode } });
  }
}
