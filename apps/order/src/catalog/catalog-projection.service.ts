import { Injectable } from '@nestjs/common';
import { ProductSnapshot } from '#serapan/contracts';
import { ConsumedEvent, InboxService } from '#serapan/messaging';

export const ORDER_CONSUMER_GROUP = 'serapan-order';

/** Keeps the catalog read model current; an older snapshot never overwrites a newer one. */
@Injectable()
export class CatalogProjectionService {
  constructor(private readonly inbox: InboxService) {}

  apply(event: ConsumedEvent<ProductSnapshot>) {
    return this.inbox.once(ORDER_CONSUMER_GROUP, event, async (manager) => {
      const p = event.data;
      await manager.query(
        `INSERT INTO catalog_products (product_id, vendor_id, vendor_name, vendor_umk, sku, name, unit, price_idr, stock, pdn_tier, status, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (product_id) DO UPDATE SET
           vendor_id = EXCLUDED.vendor_id, vendor_name = EXCLUDED.vendor_name, vendor_umk = EXCLUDED.vendor_umk, sku = EXCLUDED.sku,
           name = EXCLUDED.name, unit = EXCLUDED.unit, price_idr = EXCLUDED.price_idr, stock = EXCLUDED.stock,
           pdn_tier = EXCLUDED.pdn_tier, status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
         WHERE catalog_products.version < EXCLUDED.version`,
        [p.productId, p.vendorId, p.vendorName, p.vendorUmk, p.sku, p.name, p.unit, p.priceIdr, p.stock, p.pdnTier, p.status, p.version],
      );
    });
  }
}
