import type { PdnTier, ProductOrigin } from '#serapan/contracts';

/** What a vendor declares about a product's origin and domestic content. */
export interface TkdnClaim {
  origin: ProductOrigin;
  tkdnPercent: number;
  bmpPercent: number;
  tkdnCertificateNo?: string | null;
  /** Last day the certificate is valid, `YYYY-MM-DD`. */
  tkdnCertificateExpiresOn?: string | null;
}

export const PDN_MIN_TKDN_PERCENT = 25;
export const TOP_MIN_TKDN_PLUS_BMP_PERCENT = 40;

/**
 * A product's domestic-product tier on `today` (`YYYY-MM-DD`), the Perpres
 * 46/2025 art. 66 cascade (docs/domain.md "PDN tiers"). A product made abroad
 * is `import` whatever its TKDN. A product made in Indonesia is domestic at
 * every level: `uncertified` without a valid TKDN certificate (an expired one
 * included), else `top` when TKDN ≥ 25 % and TKDN + BMP ≥ 40 %, `pdn` when
 * TKDN ≥ 25 %, `low` below that.
 */
export function pdnTier(claim: TkdnClaim, today: string): PdnTier {
  if (claim.origin === 'import') return 'import';
  if (!hasValidCertificate(claim, today)) return 'uncertified';
  const tkdn = hundredths(claim.tkdnPercent);
  if (tkdn < PDN_MIN_TKDN_PERCENT * 100) return 'low';
  return tkdn + hundredths(claim.bmpPercent) >= TOP_MIN_TKDN_PLUS_BMP_PERCENT * 100 ? 'top' : 'pdn';
}

export function hasValidCertificate(claim: Omit<TkdnClaim, 'origin' | 'tkdnPercent' | 'bmpPercent'>, today: string): boolean {
  return Boolean(claim.tkdnCertificateNo && claim.tkdnCertificateExpiresOn && claim.tkdnCertificateExpiresOn >= today);
}

// Percentages carry at most two decimals; comparing whole hundredths keeps 25.5 + 14.5 exactly 40.
const hundredths = (percent: number): number => Math.round(percent * 100);
