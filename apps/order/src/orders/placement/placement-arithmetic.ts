import { createHash } from 'node:crypto';
import { isDomesticTier, type OrderLineSnapshot, type PdnTier } from '#serapan/contracts';
import { ConflictError, InvalidRequestError, NotFoundError, ScopeError } from '#serapan/service';

/** What ordering needs of a catalog product, from the order service's read model. */
export interface OrderableProduct {
  productId: string;
  vendorId: string;
  vendorName: string;
  vendorUmk: boolean;
  sku: string;
  name: string;
  categoryCode: string | null;
  unit: string;
  priceIdr: string;
  stock: number;
  /** As of the day of ordering: an expired certificate reads as `uncertified`. */
  pdnTier: PdnTier;
  status: string;
}

export interface OrderRequestLine {
  productId: string;
  quantity: number;
}

export interface PricedLine {
  lineNo: number;
  product: OrderableProduct;
  quantity: number;
  subtotalIdr: bigint;
  /** A negotiated (or proposed) unit price; the listed price when absent. */
  unitPriceIdr?: bigint;
  /** Shipping proposed or agreed for this line in a negotiation. */
  shippingIdr?: bigint;
}

/** An order's lines and money, priced from the catalog at the moment of ordering. */
export interface PricedOrder {
  vendorId: string;
  vendorName: string;
  lines: PricedLine[];
  shippingFeeIdr: bigint;
  totalIdr: bigint;
  /** The part of the total spent on domestic products (PDN): every tier but `import`. */
  pdnIdr: bigint;
  /** The part of the total spent with a micro/small business (UMK): all of it or nothing. */
  umkIdr: bigint;
}

/** The largest amount a rupiah field holds: 18 digits (a PostgreSQL bigint holds a little more). */
export const MAX_RUPIAH = 999_999_999_999_999_999n;

/**
 * Prices an order against the catalog: each product once, listed, in stock,
 * all from one vendor; totals in bigint. Throws a domain error naming the line.
 */
export function priceOrder(lines: readonly OrderRequestLine[], catalog: ReadonlyMap<string, OrderableProduct>, shippingFeeIdr = '0'): PricedOrder {
  const ids = lines.map((l) => l.productId);
  const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (repeated >= 0) throw new InvalidRequestError(`lines[${repeated}].productId repeats a product; give each product once with its total quantity`);
  const priced = lines.map((line, i): PricedLine => {
    const product = catalog.get(line.productId);
    if (!product) throw new NotFoundError(`lines[${i}].productId ${line.productId} is not in the catalog`);
    if (product.status !== 'active') throw new ConflictError(`lines[${i}].productId ${line.productId} (${product.name}) is delisted`);
    if (product.stock < line.quantity) {
      throw new ConflictError(`lines[${i}].quantity ${line.quantity} exceeds the stock of ${product.name} (${product.stock} ${product.unit})`);
    }
    return { lineNo: i + 1, product, quantity: line.quantity, subtotalIdr: BigInt(product.priceIdr) * BigInt(line.quantity) };
  });
  assertTotalFits(priced, BigInt(shippingFeeIdr));
  const vendors = new Set(priced.map((l) => l.product.vendorId));
  if (vendors.size > 1)
    throw new InvalidRequestError(`lines: an order goes to one vendor; these products come from ${vendors.size} vendors, place one order per vendor`);

  const { vendorId, vendorName, vendorUmk } = priced[0].product;
  const shipping = BigInt(shippingFeeIdr);
  const totalIdr = priced.reduce((sum, l) => sum + l.subtotalIdr, 0n) + shipping;
  const pdnIdr = priced.filter((l) => isDomesticTier(l.product.pdnTier)).reduce((sum, l) => sum + l.subtotalIdr, 0n);
  return { vendorId, vendorName, lines: priced, shippingFeeIdr: shipping, totalIdr, pdnIdr, umkIdr: vendorUmk ? totalIdr : 0n };
}

/**
 * Refuses, naming the input field, an order whose running total (each line's
 * quantity × unit price, then the shipping fee) would pass MAX_RUPIAH: such a
 * total cannot be stored in the bigint columns or carried in the events
 * (docs/domain.md, rule 12).
 */
function assertTotalFits(lines: readonly PricedLine[], shippingFeeIdr: bigint): void {
  let total = 0n;
  for (const [i, line] of lines.entries()) {
    total += line.subtotalIdr;
    if (total > MAX_RUPIAH) {
      throw new InvalidRequestError(
        `lines[${i}].quantity ${line.quantity} × ${line.product.priceIdr} brings the order total to ${total}, more than ${MAX_RUPIAH} rupiah; order fewer units`,
      );
    }
  }
  if (total + shippingFeeIdr > MAX_RUPIAH) {
    throw new InvalidRequestError(`shippingFeeIdr ${shippingFeeIdr} brings the order total to ${total + shippingFeeIdr}, more than ${MAX_RUPIAH} rupiah`);
  }
}

/** Orders above the threshold need an officer with PPK authority. */
export function assertWithinAuthority(totalIdr: bigint, ppkThresholdIdr: bigint, ppk: boolean): void {
  if (totalIdr > ppkThresholdIdr && !ppk) throw new ScopeError(`totalIdr ${totalIdr} is above ${ppkThresholdIdr} and needs an officer with PPK authority`);
}

/** The lines as every order event carries them. */
export function lineSnapshots(order: PricedOrder): OrderLineSnapshot[] {
  return order.lines.map((l) => ({
    productId: l.product.productId,
    quantity: l.quantity,
    unitPriceIdr: (l.unitPriceIdr ?? BigInt(l.product.priceIdr)).toString(),
    subtotalIdr: l.subtotalIdr.toString(),
    pdnTier: l.product.pdnTier,
    vendorUmk: l.product.vendorUmk,
  }));
}

/** A stable fingerprint of an order request: the same fields in any key order give the same hash. */
export function requestHash(request: object): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(request)))
    .digest('hex');
}
