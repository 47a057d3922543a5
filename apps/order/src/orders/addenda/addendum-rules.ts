import { ORDER_LINE_TIERS, type OrderAddendumFacts, type OrderLineSnapshot, type SpendChange } from '#serapan/contracts';
import { ConflictError, InvalidRequestError, NotFoundError } from '#serapan/service';
import type { TermStatus } from '../lifecycle/order-state.js';
import { assertWithinAuthority, MAX_RUPIAH, type OrderableProduct } from '../placement/placement-arithmetic.js';
import { figures, shippingOfTerm, type TermQuantity, termSpend } from '../terms/term-arithmetic.js';
import { assertInFiscalYear } from '../placement/contract-opening.js';

/** A contract line as a version of the contract keeps it (money as decimal strings, as it is stored in JSON). */
export interface VersionLine {
  lineNo: number;
  productId: string;
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  /** The agreed price: an addendum never changes it; a line it adds is agreed at the listed price of that day. */
  unitPriceIdr: string;
  subtotalIdr: string;
  /** Shipping agreed for the line in a negotiation (part of the order's shipping fee). */
  shippingIdr: string;
  pdnTier: OrderLineSnapshot['pdnTier'];
  vendorUmk: boolean;
}

export interface VersionTerm {
  termNo: number;
  status: TermStatus;
  deliveryDate: string;
  /** One entry per line of the version, in line order (0 where the term delivers none of it). */
  quantities: TermQuantity[];
  valueIdr: string;
}

/** The contract as one version of it stands: an addendum keeps the version before it and the one it makes. */
export interface ContractVersion {
  version: number;
  /** Rides on the last term. */
  shippingFeeIdr: string;
  totalIdr: string;
  pdnIdr: string;
  umkIdr: string;
  lines: VersionLine[];
  terms: VersionTerm[];
}

/** What the officer asks an addendum to change. */
export interface AddendumRequest {
  reason: string;
  /** A line's new quantity; 0 removes the line. */
  lines?: readonly { lineNo: number; quantity: number }[];
  /** New lines, at the day's listed price. */
  add?: readonly { productId: string; quantity: number }[];
  deliveryDates?: readonly { termNo: number; deliveryDate: string }[];
}

/** The order an addendum is proposed to, and what else the rules need to know. */
export interface AddendumContext {
  current: ContractVersion;
  vendorId: string;
  vendorUmk: boolean;
  /** The catalog read model's products named by `add` and by the lines whose quantity rises, as of `today`. */
  catalog: ReadonlyMap<string, OrderableProduct>;
  /** YYYY-MM-DD in Jakarta. */
  today: string;
  /** The order's fiscal year: every delivery date stays in it (rule 25). */
  fiscalYear: number;
  ppkThresholdIdr: bigint;
  /** Whether the proposing officer has PPK authority. */
  ppk: boolean;
}

/** A term the plan is reshaping: units per line number. */
interface WorkingTerm extends Omit<VersionTerm, 'quantities' | 'valueIdr'> {
  units: Map<number, number>;
}

/**
 * The contract an addendum would make of the current one (docs/domain.md,
 * addenda). Quantity changes land on the terms not yet shipped: a rise and a
 * new line on the last of them; a cut takes from them from the last backward,
 * and never below what already shipped. A change that would leave a term with
 * nothing to deliver is refused rather than the term removed, so terms are
 * never renumbered. Prices stay as agreed; new lines take the day's listed
 * price and tier. The shipping fee stays as agreed, less the shipping a
 * negotiation agreed for a line the addendum removes. Throws a domain error naming the request field: 400 for a
 * field that makes no sense, 409 where the contract's progress or the catalog
 * forbids it, 403 above the officer's authority.
 */
export function planAddendum(ctx: AddendumContext, request: AddendumRequest): ContractVersion {
  if (!request.lines?.length && !request.add?.length && !request.deliveryDates?.length) {
    throw new InvalidRequestError('an addendum must change something: give lines, add or deliveryDates');
  }
  const lines = new Map(ctx.current.lines.map((l) => [l.lineNo, { ...l }]));
  const terms: WorkingTerm[] = ctx.current.terms.map((t) => ({
    termNo: t.termNo,
    status: t.status,
    deliveryDate: t.deliveryDate,
    units: new Map(t.quantities.map((q) => [q.lineNo, q.quantity])),
  }));
  const open = terms.filter((t) => t.status === 'PLANNED');
  /** Where rises and new lines land: terms ship in order, so the unshipped ones are the last. */
  const landing = open.at(-1);
  /** Which request field took units from each term, to name it when the term is left empty. */
  const takenBy = new Map<number, string>();
  /** The total as each field in turn changes it, so a field that passes MAX_RUPIAH is named. */
  let running = BigInt(ctx.current.totalIdr);

  const seenLines = new Set<number>();
  for (const [i, change] of (request.lines ?? []).entries()) {
    const field = `lines[${i}]`;
    const line = lines.get(change.lineNo);
    if (!line) throw new InvalidRequestError(`${field}.lineNo ${change.lineNo}: the order has lines ${[...lines.keys()].join(', ')}`);
    if (seenLines.has(change.lineNo)) throw new InvalidRequestError(`${field}.lineNo repeats line ${change.lineNo}; give each line once`);
    seenLines.add(change.lineNo);
    if (change.quantity === line.quantity) throw new InvalidRequestError(`${field}.quantity ${change.quantity} is line ${line.lineNo}'s quantity already`);
    const shipped = terms.filter((t) => t.status !== 'PLANNED').reduce((sum, t) => sum + (t.units.get(line.lineNo) ?? 0), 0);
    if (change.quantity < shipped) {
      throw new ConflictError(`${field}.quantity ${change.quantity} is less than the ${shipped} of line ${line.lineNo} already shipped`);
    }
    if (!landing) throw new ConflictError(`${field}.quantity: every term has shipped, so quantities can no longer change`);
    const delta = change.quantity - line.quantity;
    if (delta > 0) {
      assertInStock(ctx.catalog.get(line.productId), delta, `${field}.quantity`);
      landing.units.set(line.lineNo, (landing.units.get(line.lineNo) ?? 0) + delta);
    } else {
      let left = -delta;
      for (const term of [...open].reverse()) {
        const taken = Math.min(left, term.units.get(line.lineNo) ?? 0);
        if (taken === 0) continue;
        term.units.set(line.lineNo, (term.units.get(line.lineNo) ?? 0) - taken);
        if (!takenBy.has(term.termNo)) takenBy.set(term.termNo, `${field}.quantity`);
        left -= taken;
        if (left === 0) break;
      }
    }
    running += BigInt(line.unitPriceIdr) * BigInt(delta);
    assertFits(running, `${field}.quantity`);
    line.quantity = change.quantity;
    line.subtotalIdr = (BigInt(line.unitPriceIdr) * BigInt(change.quantity)).toString();
  }
  let shippingFee = BigInt(ctx.current.shippingFeeIdr);
  for (const line of lines.values()) {
    if (line.quantity > 0) continue;
    lines.delete(line.lineNo);
    shippingFee -= BigInt(line.shippingIdr);
    running -= BigInt(line.shippingIdr);
  }

  const seenProducts = new Set<string>();
  let nextLineNo = Math.max(...ctx.current.lines.map((l) => l.lineNo)) + 1;
  for (const [j, add] of (request.add ?? []).entries()) {
    const field = `add[${j}]`;
    if (seenProducts.has(add.productId)) throw new InvalidRequestError(`${field}.productId repeats a product; give each product once`);
    seenProducts.add(add.productId);
    const existing = ctx.current.lines.find((l) => l.productId === add.productId);
    if (existing) throw new InvalidRequestError(`${field}.productId is line ${existing.lineNo} already; change its quantity with lines`);
    const product = ctx.catalog.get(add.productId);
    if (!product) throw new NotFoundError(`${field}.productId ${add.productId} is not in the catalog`);
    if (product.status !== 'active') throw new ConflictError(`${field}.productId ${add.productId} (${product.name}) is delisted`);
    if (product.vendorId !== ctx.vendorId) {
      throw new InvalidRequestError(`${field}.productId ${add.productId} is another vendor's product; an order goes to one vendor`);
    }
    assertInStock(product, add.quantity, `${field}.quantity`);
    if (!landing) throw new ConflictError(`${field}: every term has shipped, so no line can be added`);
    const subtotal = BigInt(product.priceIdr) * BigInt(add.quantity);
    running += subtotal;
    assertFits(running, `${field}.quantity`);
    const lineNo = nextLineNo++;
    lines.set(lineNo, {
      lineNo,
      productId: product.productId,
      sku: product.sku,
      name: product.name,
      unit: product.unit,
      quantity: add.quantity,
      unitPriceIdr: product.priceIdr,
      subtotalIdr: subtotal.toString(),
      shippingIdr: '0',
      pdnTier: product.pdnTier,
      // UMK is all of an order or nothing: the order's vendor was judged once
      vendorUmk: ctx.vendorUmk,
    });
    landing.units.set(lineNo, add.quantity);
  }
  if (lines.size === 0) throw new InvalidRequestError('lines: an order keeps at least one line; cancel it instead');

  const seenTerms = new Set<number>();
  for (const [k, move] of (request.deliveryDates ?? []).entries()) {
    const field = `deliveryDates[${k}]`;
    const term = terms.find((t) => t.termNo === move.termNo);
    if (!term) throw new InvalidRequestError(`${field}.termNo ${move.termNo}: the order has terms 1–${terms.length}`);
    if (seenTerms.has(move.termNo)) throw new InvalidRequestError(`${field}.termNo repeats term ${move.termNo}; give each term once`);
    seenTerms.add(move.termNo);
    if (term.status !== 'PLANNED' && term.status !== 'SHIPPED') {
      throw new ConflictError(`${field}.termNo ${move.termNo} is ${term.status}; only a term not yet received may move`);
    }
    if (move.deliveryDate < ctx.today) throw new InvalidRequestError(`${field}.deliveryDate ${move.deliveryDate} is before today (${ctx.today})`);
    assertInFiscalYear(move.deliveryDate, ctx.fiscalYear, `${field}.deliveryDate`);
    if (move.deliveryDate === term.deliveryDate) {
      throw new InvalidRequestError(`${field}.deliveryDate ${move.deliveryDate} is term ${move.termNo}'s delivery date already`);
    }
    term.deliveryDate = move.deliveryDate;
  }

  const after = [...lines.values()].sort((a, b) => a.lineNo - b.lineNo);
  for (const term of terms) {
    if (after.every((l) => (term.units.get(l.lineNo) ?? 0) === 0)) {
      throw new ConflictError(`${takenBy.get(term.termNo) ?? 'lines'}: term ${term.termNo} would deliver nothing; every term keeps at least one unit`);
    }
  }

  const contract = after.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity, unitPriceIdr: BigInt(l.unitPriceIdr), pdnTier: l.pdnTier }));
  const total = figures(
    after.map((l) => ({ lineNo: l.lineNo, pdnTier: l.pdnTier, subtotalIdr: BigInt(l.subtotalIdr) })),
    shippingFee,
    ctx.vendorUmk,
  );
  if (total.amountIdr > BigInt(ctx.current.totalIdr)) assertWithinAuthority(total.amountIdr, ctx.ppkThresholdIdr, ctx.ppk);
  return {
    version: ctx.current.version + 1,
    shippingFeeIdr: shippingFee.toString(),
    totalIdr: total.amountIdr.toString(),
    pdnIdr: total.pdnIdr.toString(),
    umkIdr: total.umkIdr.toString(),
    lines: after,
    terms: terms.map(({ units, ...term }, i) => {
      const quantities = after.map((l) => ({ lineNo: l.lineNo, quantity: units.get(l.lineNo) ?? 0 }));
      const shipping = shippingOfTerm(i, terms.length, shippingFee);
      return { ...term, quantities, valueIdr: termSpend(contract, quantities, shipping, ctx.vendorUmk).amountIdr.toString() };
    }),
  };
}

/**
 * What an addendum does to the order's money, part by part (after − before,
 * negative where it takes away), and per PDN tier; tiers it leaves as they were
 * are left out. A change of delivery dates only is all zero.
 */
export function changeOf(before: ContractVersion, after: ContractVersion): SpendChange {
  const byTier = (version: ContractVersion, tier: string) =>
    version.lines.filter((l) => l.pdnTier === tier).reduce((sum, l) => sum + BigInt(l.subtotalIdr), 0n);
  const difference = (field: 'totalIdr' | 'pdnIdr' | 'umkIdr') => (BigInt(after[field]) - BigInt(before[field])).toString();
  return {
    amountIdr: difference('totalIdr'),
    pdnIdr: difference('pdnIdr'),
    umkIdr: difference('umkIdr'),
    lines: ORDER_LINE_TIERS.map((pdnTier) => ({ pdnTier, change: byTier(after, pdnTier) - byTier(before, pdnTier) }))
      .filter((t) => t.change !== 0n)
      .map(({ pdnTier, change }) => ({ pdnTier, subtotalIdr: change.toString() })),
  };
}

/** An addendum as its events report it: its number, its reason and what it does to the order's money. */
export function addendumFacts(addendum: { number: number; reason: string; before: ContractVersion; after: ContractVersion }): OrderAddendumFacts {
  return { number: addendum.number, reason: addendum.reason, change: changeOf(addendum.before, addendum.after) };
}

/** The lines of a version as every order event carries them. */
export function lineSnapshotsOf(version: ContractVersion): OrderLineSnapshot[] {
  return version.lines.map(({ productId, quantity, unitPriceIdr, subtotalIdr, pdnTier, vendorUmk }) => ({
    productId,
    quantity,
    unitPriceIdr,
    subtotalIdr,
    pdnTier,
    vendorUmk,
  }));
}

/** The agreed delivery date of a version: its latest term's, as when the order opened. */
export const deliveryDateOf = (version: ContractVersion): string =>
  version.terms.reduce((latest, t) => (t.deliveryDate > latest ? t.deliveryDate : latest), '');

/** More units of a product than the catalog lists in stock are refused (a product the read model no longer holds is not checked). */
function assertInStock(product: OrderableProduct | undefined, more: number, field: string): void {
  if (product && product.stock < more) throw new ConflictError(`${field}: ${more} more exceed the stock of ${product.name} (${product.stock} ${product.unit})`);
}

function assertFits(total: bigint, field: string): void {
  if (total > MAX_RUPIAH) throw new InvalidRequestError(`${field} brings the order total to ${total}, more than ${MAX_RUPIAH} rupiah`);
}
