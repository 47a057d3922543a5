import { percent } from '#serapan/service';
import type { LineTotals } from '../lines/budget-line.sql.js';
import { TIER_NAMES } from '../pdn/pdn-tier-amounts.js';
import type { AbsorptionFiguresDto, PdnTiersDto } from './dto/absorption.dto.js';

/** The targets a set of lines is judged against, in %. */
export interface TargetsToday {
  /** Cumulative absorption expected today (its account groups' quarterly series). */
  absorptionTargetPct: number;
  umkTargetPct: number;
  pdnTargetPct: number;
}

/**
 * The percentages of a set of lines and their judgement against the targets.
 * Absorption and uptake are of the pagu orders may use, pagu − blokir, as the
 * treasury reports them (docs/domain.md rule 14). A set with no spend yet is
 * on track for its UMK and PDN shares: nothing has been spent elsewhere.
 */
export function absorptionFigures(totals: LineTotals, targets: TargetsToday): AbsorptionFiguresDto {
  const pagu = BigInt(totals.paguIdr);
  const blokir = BigInt(totals.blokirIdr);
  const available = pagu - blokir;
  const committed = BigInt(totals.committedIdr);
  const realised = BigInt(totals.realisedIdr);
  const cPdn = BigInt(totals.committedPdnIdr);
  const rPdn = BigInt(totals.realisedPdnIdr);
  const cUmk = BigInt(totals.committedUmkIdr);
  const rUmk = BigInt(totals.realisedUmkIdr);
  const spent = committed + realised;
  const absorptionPct = percent(realised, available);
  const pdnSharePct = percent(cPdn + rPdn, spent);
  const umkSharePct = percent(cUmk + rUmk, spent);
  return {
    paguIdr: pagu.toString(),
    blokirIdr: blokir.toString(),
    availablePaguIdr: available.toString(),
    committedIdr: committed.toString(),
    realisedIdr: realised.toString(),
    absorptionPct,
    uptakePct: percent(spent, available),
    pdnSharePct,
    pdnShareCommittedPct: percent(cPdn, committed),
    pdnShareRealisedPct: percent(rPdn, realised),
    pdnTiers: pdnTierShares(totals, spent),
    umkSharePct,
    umkShareCommittedPct: percent(cUmk, committed),
    umkShareRealisedPct: percent(rUmk, realised),
    absorptionTargetPct: targets.absorptionTargetPct,
    absorptionOnTrack: absorptionPct >= targets.absorptionTargetPct,
    umkTargetPct: targets.umkTargetPct,
    umkOnTrack: spent === 0n || umkSharePct >= targets.umkTargetPct,
    pdnTargetPct: targets.pdnTargetPct,
    pdnOnTrack: spent === 0n || pdnSharePct >= targets.pdnTargetPct,
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
