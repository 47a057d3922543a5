import { isDomesticTier, type OrderLineSnapshot } from '#serapan/contracts';
import { InvalidRequestError } from '#serapan/service';

/** A contract line as term arithmetic needs it: its agreed unit price and the tier it counts in. */
export interface ContractLine {
  lineNo: number;
  quantity: number;
  unitPriceIdr: bigint;
  pdnTier: OrderLineSnapshot['pdnTier'];
}

/** A term's share of each line, in units. */
export interface TermQuantity {
  lineNo: number;
  quantity: number;
}

/** Money in whole rupiah with the parts the budget books (bigint: never a float). */
export interface SpendFigures {
  amountIdr: bigint;
  pdnIdr: bigint;
  umkIdr: bigint;
  /** Per contract line present in the step: the part of the amount in that line's tier. */
  lines: { lineNo: number; pdnTier: OrderLineSnapshot['pdnTier']; subtotalIdr: bigint }[];
}

/** Most payment terms an order may have. */
export const MAX_TERMS = 12;

/** The late penalty: 1 per mille of the late part's value per calendar day, at most 5 % of it (docs/domain.md, rule 25). */
export const PENALTY_PER_DAY_PER_MILLE = 1n;
export const PENALTY_CAP_PERCENT = 5n;

/**
 * Checks that the terms share out every line exactly: each term delivers at
 * least one unit, and each line's quantities over the terms add up to its
 * quantity. Throws a 400 naming the field (`terms[i].quantities[j]`).
 */
export function assertTermsCoverLines(lines: readonly { lineNo: number; quantity: number }[], terms: readonly (readonly number[])[]): void {
  if (terms.length > MAX_TERMS) throw new InvalidRequestError(`terms: at most ${MAX_TERMS} payment terms`);
  terms.forEach((quantities, i) => {
    if (quantities.length !== lines.length) {
      throw new InvalidRequestError(`terms[${i}].quantities must give one quantity per order line (${lines.length}), in line order`);
    }
    if (quantities.every((q) => q === 0)) throw new InvalidRequestError(`terms[${i}].quantities: a term delivers at least one unit`);
  });
  lines.forEach((line, j) => {
    const sum = terms.reduce((total, quantities) => total + quantities[j], 0);
    if (sum !== line.quantity) {
      throw new InvalidRequestError(
        `terms[*].quantities[${j}] add up to ${sum}, but line ${line.lineNo} orders ${line.quantity}; every unit belongs to exactly one term`,
      );
    }
  });
}

/** The shipping a term carries: the order's whole shipping fee rides on its last term, none on the others (rule 23). */
export function shippingOfTerm(termIndex: number, termCount: number, shippingFeeIdr: bigint): bigint {
  return termIndex === termCount - 1 ? shippingFeeIdr : 0n;
}

/**
 * What one term is worth and how the budget books it: its units at the agreed
 * prices, plus the order's shipping on the last term. UMK is all of it or
 * nothing, as for the order.
 */
export function termSpend(lines: readonly ContractLine[], quantities: readonly TermQuantity[], shippingIdr: bigint, vendorUmk: boolean): SpendFigures {
  const byNo = new Map(lines.map((l) => [l.lineNo, l]));
  const parts = quantities
    .filter((q) => q.quantity > 0)
    .map((q) => {
      const line = byNo.get(q.lineNo);
      if (!line) throw new Error(`term names line ${q.lineNo}, which the order does not have`);
      return { lineNo: q.lineNo, pdnTier: line.pdnTier, subtotalIdr: line.unitPriceIdr * BigInt(q.quantity) };
    });
  return figures(parts, shippingIdr, vendorUmk);
}

/** Calendar days from the agreed delivery date to the receipt (0 when on time). Dates are YYYY-MM-DD. */
export function daysLate(deliveryDate: string, receivedOn: string): number {
  const days = (Date.parse(`${receivedOn}T00:00:00Z`) - Date.parse(`${deliveryDate}T00:00:00Z`)) / 86_400_000;
  return Math.max(0, Math.round(days));
}

/**
 * The penalty on a late term: per line (and on the shipping it carries),
 * 1 ‰ of its value per day late, at most 5 % of it, each rounded down to the
 * rupiah, so the penalty splits over PDN tiers exactly.
 */
export function latePenalty(term: SpendFigures, days: number, vendorUmk: boolean): SpendFigures {
  const penaltyOn = (value: bigint) => {
    const daily = (value * PENALTY_PER_DAY_PER_MILLE * BigInt(days)) / 1000n;
    const cap = (value * PENALTY_CAP_PERCENT) / 100n;
    return daily < cap ? daily : cap;
  };
  const lines = term.lines.map((l) => ({ ...l, subtotalIdr: penaltyOn(l.subtotalIdr) }));
  const goods = term.lines.reduce((sum, l) => sum + l.subtotalIdr, 0n);
  return figures(lines, penaltyOn(term.amountIdr - goods), vendorUmk);
}

/** `a` less `b`, part by part (b's lines are a subset of a's). */
export function minus(a: SpendFigures, b: SpendFigures): SpendFigures {
  const taken = new Map(b.lines.map((l) => [l.lineNo, l.subtotalIdr]));
  return {
    amountIdr: a.amountIdr - b.amountIdr,
    pdnIdr: a.pdnIdr - b.pdnIdr,
    umkIdr: a.umkIdr - b.umkIdr,
    lines: a.lines.map((l) => ({ ...l, subtotalIdr: l.subtotalIdr - (taken.get(l.lineNo) ?? 0n) })),
  };
}

/** Spend as events carry it: decimal strings, each line's tier and amount. */
export function spendData(spend: SpendFigures) {
  return {
    amountIdr: spend.amountIdr.toString(),
    pdnIdr: spend.pdnIdr.toString(),
    umkIdr: spend.umkIdr.toString(),
    lines: spend.lines.map((l) => ({ pdnTier: l.pdnTier, subtotalIdr: l.subtotalIdr.toString() })),
  };
}

/** Sums parts into figures: goods by line, plus shipping (in no tier); PDN is every domestic tier's part. */
export function figures(lines: SpendFigures['lines'], shippingIdr: bigint, vendorUmk: boolean): SpendFigures {
  const goods = lines.reduce((sum, l) => sum + l.subtotalIdr, 0n);
  const amountIdr = goods + shippingIdr;
  const pdnIdr = lines.filter((l) => l.pdnTier !== 'none' && isDomesticTier(l.pdnTier)).reduce((sum, l) => sum + l.subtotalIdr, 0n);
  return { amountIdr, pdnIdr, umkIdr: vendorUmk ? amountIdr : 0n, lines };
}
