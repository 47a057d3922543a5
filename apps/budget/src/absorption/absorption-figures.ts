import { percent } from '#serapan/service';
import type { LineTotals } from '../lines/budget-line.sql.js';
import { TIER_NAMES } from '../pdn/pdn-tier-amounts.js';
import type { AbsorptionFiguresDto, PdnTiersDto } from './dto/absorption.dto.js';

/** The percentages of a set of lines, judged on track when absorption has reached `targetPct`. */
export function absorptionFigures(totals: LineTotals, targetPct: number): AbsorptionFiguresDto {
  const pagu = BigInt(totals.paguIdr);
  const committed = BigInt(totals.committedIdr);
  const realised = BigInt(totals.realisedIdr);
  const cPdn = BigInt(totals.committedPdnIdr);
  const rPdn = BigInt(totals.realisedPdnIdr);
  const cUmk = BigInt(totals.committedUmkIdr);
  const rUmk = BigInt(totals.realisedUmkIdr);
  const absorptionPct = percent(realised, pagu);
  return {
    paguIdr: pagu.toString(),
    committedIdr: committed.toString(),
    realisedIdr: realised.toString(),
    absorptionPct,
    uptakePct: percent(committed + realised, pagu),
    pdnSharePct: percent(cPdn + rPdn, committed + realised),
    pdnShareCommittedPct: percent(cPdn, committed),
    pdnShareRealisedPct: percent(rPdn, realised),
    pdnTiers: pdnTierShares(totals, committed + realised),
    umkSharePct: percent(cUmk + rUmk, committed + realised),
    umkShareCommittedPct: percent(cUmk, committed),
    umkShareRealisedPct: percent(rUmk, realised),
    targetPct,
    onTrack: absorptionPct >= targetPct,
  };
}

/** Each PDN tier's amount and share of `used` (committed + realised). */
export function pdnTierShares(amounts: Pick<LineTotals, (typeof TIER_NAMES)[number]>, used: bigint): PdnTiersDto {
  const share = (idr: string) => ({ idr, sharePct: percent(BigInt(idr), used) });
  return {
    top: share(amounts.topTierIdr),
    pdn: share(amounts.pdnTierIdr),
    low: share(amounts.lowTierIdr),
    uncertified: share(amounts.uncertifiedTierIdr),
    import: share(amounts.importTierIdr),
  };
}
