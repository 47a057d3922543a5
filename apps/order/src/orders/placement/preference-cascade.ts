import { PDN_TIERS, PdnTier } from '#serapan/contracts';
import { ConflictError } from '#serapan/service';

/** A listed product of a better PDN tier than one an order names, from the catalog read model. */
export interface BetterProduct {
  categoryCode: string;
  productId: string;
  name: string;
  pdnTier: PdnTier;
}

/** What the cascade needs of an ordered product. */
export interface CascadeLine {
  productId: string;
  name: string;
  categoryCode: string | null;
  pdnTier: PdnTier;
}

/** Most better-tier products a refusal names. */
export const MAX_NAMED_BETTER = 5;

export const JUSTIFICATION_LENGTH = { min: 20, max: 1000 } as const;

export const tierRank = (tier: PdnTier): number => PDN_TIERS.indexOf(tier) + 1;

/**
 * The worst tier ordered in each category, for the batch's one look-up of
 * better products: only categories where something better than `top` was not
 * chosen need looking at.
 */
export function worstRankPerCategory(lines: readonly CascadeLine[]): Map<string, number> {
  const worst = new Map<string, number>();
  for (const { categoryCode, pdnTier } of lines) {
    if (!categoryCode || tierRank(pdnTier) === 1) continue;
    worst.set(categoryCode, Math.max(worst.get(categoryCode) ?? 0, tierRank(pdnTier)));
  }
  return worst;
}

/** Refused: an order passes over better-tier products without a written justification. */
export class PreferenceJustificationRequiredError extends ConflictError {
  constructor(readonly passedOver: readonly { line: CascadeLine; index: number; better: readonly BetterProduct[] }[]) {
    const lines = passedOver.map(
      ({ line, index, better }) =>
        `lines[${index}] ${line.name} is ${line.pdnTier}, while its category ${line.categoryCode} lists ` +
        better.map((b) => `${b.name} (${b.productId}, ${b.pdnTier})`).join(', '),
    );
    super(
      `justification: domestic products come first (Perpres 46/2025 art. 66); ${lines.join('; ')}. ` +
        `Order a better-tier product or give a justification of ${JUSTIFICATION_LENGTH.min}–${JUSTIFICATION_LENGTH.max} characters`,
    );
  }
}

/**
 * The preference cascade: an order line whose product has a lower PDN tier
 * than a listed, orderable product of the same category needs a written
 * justification. `best` holds, per category, its best listed products (best
 * tier first, at most MAX_NAMED_BETTER). Throws when a justification is
 * needed and missing; returns whether one was needed.
 */
export function checkPreference(lines: readonly CascadeLine[], best: ReadonlyMap<string, readonly BetterProduct[]>, justification?: string): boolean {
  const passedOver = lines
    .map((line, index) => ({
      line,
      index,
      better: (line.categoryCode ? (best.get(line.categoryCode) ?? []) : [])
        .filter((b) => tierRank(b.pdnTier) < tierRank(line.pdnTier))
        .slice(0, MAX_NAMED_BETTER),
    }))
    .filter(({ better }) => better.length > 0);
  if (passedOver.length > 0 && !justification) throw new PreferenceJustificationRequiredError(passedOver);
  return passedOver.length > 0;
}
