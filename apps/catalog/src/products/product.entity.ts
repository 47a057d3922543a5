import { randomUUID } from 'node:crypto';
import { Column, Entity, PrimaryColumn, ValueTransformer } from 'typeorm';
import { PdnTier, ProductOrigin, ProductSnapshot, ProductStatus } from '#serapan/contracts';
import { ConflictError, InvalidRequestError, ScopeError } from '#serapan/service';
import type { Vendor } from '../vendors/vendor.entity.js';
import { pdnTier, TkdnClaim } from './pdn-tier.js';

export const CATALOG_TYPES = ['national', 'sectoral', 'local'] as const;
export type CatalogType = (typeof CATALOG_TYPES)[number];

/** What a vendor says about a product when listing or revising it. */
export interface ProductDetails extends TkdnClaim {
  sku: string;
  name: string;
  categoryCode: string;
  unit: string;
  priceIdr: string;
  stock: number;
  catalogType: CatalogType;
  description?: string | null;
  priceRegion?: string | null;
}

const percent: ValueTransformer = { to: (value: unknown) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/**
 * A product in the catalog. The vendor's name and UMK flag are copied onto it
 * (and re-stamped when the profile changes) because every product event and
 * every search result carries them. `version` grows with each change.
 */
@Entity('products')
export class Product implements ProductDetails {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'vendor_id' }) vendorId: string;
  @Column('text', { name: 'vendor_name' }) vendorName: string;
  @Column('boolean', { name: 'vendor_umk' }) vendorUmk: boolean;
  @Column('text') sku: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text', { name: 'category_code' }) categoryCode: string;
  @Column('text') unit: string;
  /** Whole rupiah; PostgreSQL bigint, read back as a decimal string. */
  @Column('bigint', { name: 'price_idr' }) priceIdr: string;
  @Column('integer') stock: number;
  @Column('numeric', { name: 'tkdn_percent', precision: 5, scale: 2, transformer: percent }) tkdnPercent: number;
  @Column('numeric', { name: 'bmp_percent', precision: 4, scale: 2, transformer: percent }) bmpPercent: number;
  @Column('text', { name: 'tkdn_certificate_no', nullable: true }) tkdnCertificateNo: string | null;
  @Column('date', { name: 'tkdn_certificate_expires_on', nullable: true }) tkdnCertificateExpiresOn: string | null;
  /** Made in Indonesia or abroad, as the vendor declares it. */
  @Column('text') origin: ProductOrigin;
  @Column('text', { name: 'catalog_type' }) catalogType: CatalogType;
  @Column('text', { name: 'price_region', nullable: true }) priceRegion: string | null;
  @Column('text', { name: 'pdn_tier' }) pdnTier: PdnTier;
  @Column('text') status: ProductStatus;
  @Column('integer') version: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;

  static list(vendor: Vendor, details: ProductDetails, today: string, now: Date): Product {
    const product = Object.assign(new Product(), {
      id: randomUUID(),
      vendorId: vendor.id,
      vendorName: vendor.name,
      vendorUmk: vendor.umk,
      description: null,
      tkdnCertificateNo: null,
      tkdnCertificateExpiresOn: null,
      priceRegion: null,
      status: 'active',
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    product.apply(details, today);
    return product;
  }

  /** Applies the fields given; returns false, changing nothing, when none differs. */
  revise(changes: Partial<ProductDetails>, today: string, now: Date): boolean {
    const differing = (Object.keys(changes) as (keyof ProductDetails)[]).filter((key) => changes[key] !== undefined && changes[key] !== this[key]);
    if (differing.length === 0) return false;
    this.apply(Object.fromEntries(differing.map((key) => [key, changes[key]])), today);
    this.touch(now);
    return true;
  }

  delist(now: Date): void {
    if (this.status === 'delisted') throw new ConflictError(`product ${this.id} is already delisted`);
    this.status = 'delisted';
    this.touch(now);
  }

  relist(now: Date): void {
    if (this.status === 'active') throw new ConflictError(`product ${this.id} is already listed`);
    this.status = 'active';
    this.touch(now);
  }

  /**
   * Takes up to `quantity` from stock for an accepted order and returns how
   * much it took. An order the vendor accepted is a fact the catalog cannot
   * refuse, so a shortfall empties the stock rather than making it negative.
   */
  take(quantity: number, now: Date): number {
    const taken = Math.min(this.stock, quantity);
    if (taken > 0) {
      this.stock -= taken;
      this.touch(now);
    }
    return taken;
  }

  /** Puts back what a cancelled order had taken. */
  restore(quantity: number, now: Date): void {
    if (quantity <= 0) return;
    this.stock += quantity;
    this.touch(now);
  }

  /** Copies the vendor's current name and UMK flag. */
  stampVendor(vendor: Vendor, now: Date): void {
    Object.assign(this, { vendorName: vendor.name, vendorUmk: vendor.umk });
    this.touch(now);
  }

  /**
   * The tier as of `today` without storing it: a certificate that expired
   * since the product was last written demotes it at once, for readers, before
   * the certificate-expiry job publishes the demotion.
   */
  effectiveAt(today: string): this {
    this.pdnTier = pdnTier(this, today);
    return this;
  }

  /** Recomputes the tier for `today` (a certificate may have expired); true when it changed. */
  reassess(today: string, now: Date): boolean {
    const tier = pdnTier(this, today);
    if (tier === this.pdnTier) return false;
    this.pdnTier = tier;
    this.touch(now);
    return true;
  }

  ensureOwnedBy(vendorId: string): void {
    if (this.vendorId !== vendorId) throw new ScopeError(`product ${this.id} belongs to another vendor`);
  }

  snapshot(): ProductSnapshot {
    const { id: productId, vendorId, vendorName, vendorUmk, sku, name, categoryCode, unit, priceIdr, stock, origin, pdnTier, status, version } = this;
    return Object.assign(new ProductSnapshot(), {
      productId,
      vendorId,
      vendorName,
      vendorUmk,
      sku,
      name,
      categoryCode,
      unit,
      priceIdr,
      stock,
      origin,
      pdnTier,
      ...(this.tkdnCertificateExpiresOn ? { tkdnCertificateExpiresOn: this.tkdnCertificateExpiresOn } : {}),
      status,
      version,
    });
  }

  private apply(details: Partial<ProductDetails>, today: string): void {
    Object.assign(this, Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)));
    if (Boolean(this.tkdnCertificateNo) !== Boolean(this.tkdnCertificateExpiresOn)) {
      throw new InvalidRequestError('tkdnCertificateNo and tkdnCertificateExpiresOn must be given together');
    }
    this.pdnTier = pdnTier(this, today);
  }

  private touch(now: Date): void {
    this.version += 1;
    this.updatedAt = now;
  }
}
