import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The order service's own copy of what it needs of a catalog product, kept from catalog events. */
@Entity('catalog_products')
export class CatalogProduct {
  @PrimaryColumn({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ name: 'vendor_id', type: 'uuid' }) vendorId: string;
  @Column({ name: 'vendor_name' }) vendorName: string;
  @Column({ name: 'vendor_umk' }) vendorUmk: boolean;
  @Column() sku: string;
  @Column() name: string;
  @Column() unit: string;
  @Column({ name: 'price_idr', type: 'bigint' }) priceIdr: string;
  @Column({ type: 'int' }) stock: number;
  @Column({ name: 'category_code', type: 'text', nullable: true }) categoryCode: string | null;
  @Column() origin: string;
  /** The tier when the catalog last wrote the product; placement reads it through effective_pdn_tier (catalog-tiers.sql.ts). */
  @Column({ name: 'pdn_tier' }) pdnTier: string;
  @Column({ name: 'tkdn_certificate_expires_on', type: 'date', nullable: true }) tkdnCertificateExpiresOn: string | null;
  @Column() status: string;
  @Column({ type: 'int' }) version: number;
}
