import { randomInt, randomUUID } from 'node:crypto';
import { cloudEvent, EventTypes, OrderEventData, PdnTier, ProductSnapshot, Topics } from '#serapan/contracts';
import type { Principal } from '#serapan/auth';
import { uniqueId } from './env.js';
import { testKafka } from './kafka.js';

/** Builds catalog product snapshots: `aProduct().domestic().priced('1500000').build()`. */
export class ProductBuilder {
  private snapshot: ProductSnapshot = Object.assign(new ProductSnapshot(), {
    productId: randomUUID(),
    vendorId: randomUUID(),
    vendorName: 'CV Sinar Nusantara',
    vendorUmk: false,
    sku: `SKU-${uniqueId()}`,
    name: 'Laptop 14 inci',
    // a category of its own: the preference cascade compares a category's products
    categoryCode: String(randomInt(1_000_000_000, 9_999_999_999)),
    unit: 'unit',
    priceIdr: '12500000',
    stock: 1000,
    origin: 'import' as const,
    pdnTier: 'import',
    status: 'active' as const,
    version: 1,
  });

  priced(priceIdr: string): this {
    this.snapshot.priceIdr = priceIdr;
    return this;
  }
  /** Made in Indonesia, at `tier`; `expiresOn` is its TKDN certificate's last day. */
  domestic(tier: Exclude<PdnTier, 'import'> = 'pdn', expiresOn?: string): this {
    Object.assign(this.snapshot, { origin: 'domestic', pdnTier: tier, ...(expiresOn ? { tkdnCertificateExpiresOn: expiresOn } : {}) });
    return this;
  }
  inCategory(categoryCode: string): this {
    this.snapshot.categoryCode = categoryCode;
    return this;
  }
  umk(): this {
    this.snapshot.vendorUmk = true;
    return this;
  }
  from(vendorId: string): this {
    this.snapshot.vendorId = vendorId;
    return this;
  }
  stocked(stock: number): this {
    this.snapshot.stock = stock;
    return this;
  }
  delisted(): this {
    this.snapshot.status = 'delisted';
    return this;
  }
  build(): ProductSnapshot {
    return { ...this.snapshot };
  }
}

export const aProduct = () => new ProductBuilder();

/** Publishes product events as the catalog would, straight onto the catalog topic. */
export async function publishProducts(products: ProductSnapshot[], type: string = EventTypes.productListed): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic: Topics.product,
    messages: products.map((p) => ({ key: p.productId, value: JSON.stringify(cloudEvent('/serapan/catalog', type, p.productId, p)) })),
  });
  await producer.disconnect();
}

/** Test users of one satker of one K/L, with their tokens' claims. */
export function satkerUsers(satkerCode: string, klCode = '023') {
  return {
    /** The satker's PPK: an order of theirs is approved as it is placed. */
    officer: { username: `ppk.${satkerCode}`, role: 'officer', satkerCode, klCode, ppk: true } satisfies Omit<Principal, 'sub'>,
    /** A second PPK of the satker. */
    ppk: { username: `ppk-auth.${satkerCode}`, role: 'officer', satkerCode, klCode, ppk: true } satisfies Omit<Principal, 'sub'>,
    /** A pejabat pengadaan (no PPK authority): their orders wait for a PPK's approval. */
    pejabat: { username: `pp.${satkerCode}`, role: 'officer', satkerCode, klCode, ppk: false } satisfies Omit<Principal, 'sub'>,
    finance: { username: `bendahara.${satkerCode}`, role: 'finance', satkerCode, klCode } satisfies Omit<Principal, 'sub'>,
    /** The K/L's finance: the one that sets the satker's pagu, as its DIPA does. */
    klFinance: { username: `keuangan.${klCode}`, role: 'finance', klCode } satisfies Omit<Principal, 'sub'>,
  };
}

/** The data of a placed Rp 3.000.000 order of three domestic units, as the order service would publish it. */
export function aPlacedOrder(satkerCode: string, fiscalYear: number, accountCode: string): OrderEventData {
  return {
    orderId: randomUUID(),
    satkerCode,
    klCode: '023',
    vendorId: randomUUID(),
    fiscalYear,
    accountCode,
    totalIdr: '3000000',
    pdnIdr: '3000000',
    umkIdr: '0',
    lines: [{ productId: randomUUID(), quantity: 3, unitPriceIdr: '1000000', subtotalIdr: '3000000', pdnTier: 'pdn', vendorUmk: false }],
    stockTaken: true,
  };
}
