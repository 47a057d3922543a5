import { PDN_TIERS, PdnTier, type OrderLineSnapshot } from '#serapan/contracts';

/** A budget table's spending per PDN tier: one bigint column per tier, in PDN_TIERS order (`top_tier_idr` … `import_tier_idr`). */
export const TIER_COLUMNS = PDN_TIERS.map((tier) => `${tier}_tier_idr`);

/** The entity names of those columns (`topTierIdr` … `importTierIdr`). */
export const TIER_NAMES = PDN_TIERS.map((tier) => `${tier}TierIdr` as const);
export type TierName = (typeof TIER_NAMES)[number];

/** Whole rupiah per tier, in PDN_TIERS order. */
export type TierAmounts = readonly bigint[];

export const NO_TIER_AMOUNTS: TierAmounts = PDN_TIERS.map(() => 0n);

/**
 * What an order spends on each PDN tier: its lines' subtotals summed by the
 * tier snapshotted at ordering (the shipping fee is in no tier). A line of an
 * event written before the five tiers says `none`, read as `import`.
 */
export function tierAmountsOf(lines: readonly Pick<OrderLineSnapshot, 'pdnTier' | 'subtotalIdr'>[]): TierAmounts {
  const amounts = PDN_TIERS.map(() => 0n);
  for (const line of lines) {
    const tier: PdnTier = line.pdnTier === 'none' ? 'import' : line.pdnTier;
    amounts[PDN_TIERS.indexOf(tier)] += BigInt(line.subtotalIdr);
  }
  return amounts;
}
