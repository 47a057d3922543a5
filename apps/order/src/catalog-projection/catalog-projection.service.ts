import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProductSnapshot } from '#serapan/contracts';
import { arrayParams, sql } from '#serapan/database';
import type { ConsumedEvent } from '#serapan/messaging';

const COLUMNS = [
  'product_id',
  'vendor_id',
  'vendor_name',
  'vendor_umk',
  'sku',
  'name',
  'category_code',
  'unit',
  'price_idr',
  'stock',
  'origin',
  'pdn_tier',
  'tkdn_certificate_expires_on',
  'status',
  'version',
];
const TYPES = ['uuid', 'uuid', 'text', 'bool', 'text', 'text', 'text', 'text', 'bigint', 'int', 'text', 'text', 'date', 'text', 'int'];

/** Upserts snapshots; an older version never overwrites a newer one. */
const UPSERT = `
  INSERT INTO catalog_products (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${arrayParams(1, TYPES)})
  ON CONFLICT (product_id) DO UPDATE SET
    ${COLUMNS.slice(1)
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ')}, updated_at = now()
  WHERE catalog_products.version < EXCLUDED.version`;

/** Keeps the catalog read model current, a batch of product snapshots in one statement. */
@Injectable()
export class CatalogProjectionService {
  async apply(manager: EntityManager, events: readonly ConsumedEvent<ProductSnapshot>[]): Promise<void> {
    // one row per product (its newest snapshot in the batch): a statement may not upsert a row twice
    const newest = new Map<string, ProductSnapshot>();
    for (const { data } of events) {
      const seen = newest.get(data.productId);
      if (!seen || seen.version < data.version) newest.set(data.productId, data);
    }
    const p = [...newest.values()];
    await sql(manager, UPSERT, [
      p.map((x) => x.productId),
      p.map((x) => x.vendorId),
      p.map((x) => x.vendorName),
      p.map((x) => x.vendorUmk),
      p.map((x) => x.sku),
      p.map((x) => x.name),
      p.map((x) => x.categoryCode),
      p.map((x) => x.unit),
      p.map((x) => x.priceIdr),
      p.map((x) => x.stock),
      p.map((x) => x.origin),
      p.map((x) => x.pdnTier),
      p.map((x) => x.tkdnCertificateExpiresOn ?? null),
      p.map((x) => x.status),
      p.map((x) => x.version),
    ]);
  }
}
