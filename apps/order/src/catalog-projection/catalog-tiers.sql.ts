import { PDN_TIERS } from '#serapan/contracts';

/**
 * The PDN tier of a `catalog_products` row (alias `c`) on the day `$today`
 * (`YYYY-MM-DD`, Indonesia): the stored tier, except that a certified tier
 * whose certificate expired before today reads as `uncertified` (still
 * domestic) at once, before the catalog's certificate-expiry job publishes it
 * (docs/domain.md "PDN tiers").
 */
export const effectivePdnTier = (today: string, c = 'c'): string =>
  `CASE WHEN ${c}.pdn_tier IN ('top', 'pdn', 'low') AND ${c}.tkdn_certificate_expires_on < ${today}::date THEN 'uncertified' ELSE ${c}.pdn_tier END`;

/** A tier's place in the cascade, 1 for `top` to 5 for `import`. */
export const pdnTierRank = (tier: string): string => `array_position(ARRAY[${PDN_TIERS.map((t) => `'${t}'`).join(', ')}]::text[], ${tier})`;
