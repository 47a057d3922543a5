import { PDN_TIERS, type SpendChange } from '#serapan/contracts';
import { NO_TIER_AMOUNTS, TierAmounts, tierAmountsOf } from '../pdn/pdn-tier-amounts.js';

/**
 * Money an order holds committed of its line, or that one step of it moves:
 * the amount, its PDN and UMK parts, and per PDN tier the part of its goods
 * (shipping is in no tier). Whole rupiah; a change may be negative.
 */
export interface Commitment {
  amountIdr: bigint;
  pdnIdr: bigint;
  umkIdr: bigint;
  /** In PDN_TIERS order. */
  tiers: TierAmounts;
}

export const NOTHING: Commitment = { amountIdr: 0n, pdnIdr: 0n, umkIdr: 0n, tiers: NO_TIER_AMOUNTS };

/** A spend (`Spend`) or a signed change (`SpendChange`) as events carry it, with its tiers summed from its lines. */
export function commitmentOf(spend: SpendChange): Commitment {
  return { amountIdr: BigInt(spend.amountIdr), pdnIdr: BigInt(spend.pdnIdr), umkIdr: BigInt(spend.umkIdr), tiers: tierAmountsOf(spend.lines) };
}

export function plus(a: Commitment, b: Commitment): Commitment {
  return {
    amountIdr: a.amountIdr + b.amountIdr,
    pdnIdr: a.pdnIdr + b.pdnIdr,
    umkIdr: a.umkIdr + b.umkIdr,
    tiers: a.tiers.map((amount, i) => amount + b.tiers[i]),
  };
}

export const negated = (c: Commitment): Commitment => ({
  amountIdr: -c.amountIdr,
  pdnIdr: -c.pdnIdr,
  umkIdr: -c.umkIdr,
  tiers: c.tiers.map((amount) => -amount),
});

export const minus = (a: Commitment, b: Commitment): Commitment => plus(a, negated(b));

/** Every part, named as reasons name them: `amount`, `PDN part`, `UMK part`, `<tier> tier`. */
const partsOf = (c: Commitment): [string, bigint][] => [
  ['amount', c.amountIdr],
  ['PDN part', c.pdnIdr],
  ['UMK part', c.umkIdr],
  ...PDN_TIERS.map((tier, i): [string, bigint] => [`${tier} tier`, c.tiers[i]]),
];

/** The first part of `c` below zero with its figure (`UMK part -500`), or undefined when none is. */
export function negativePartOf(c: Commitment): string | undefined {
  const part = partsOf(c).find(([, amount]) => amount < 0n);
  return part && `${part[0]} ${part[1]}`;
}

export const isNothing = (c: Commitment): boolean => partsOf(c).every(([, amount]) => amount === 0n);
