import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { percent, satkerScopeOf } from '#serapan/service';
import { QUARTER_TARGETS, QuarterTargets, targetOn } from './quarterly-targets.js';

export const GROUPINGS = ['line', 'satker', 'kl', 'account-group'] as const;
export type Grouping = (typeof GROUPINGS)[number];

const GROUP_COLUMNS: Record<Grouping, string[]> = {
  line: ['kl_code', 'satker_code', 'account_code'],
  satker: ['kl_code', 'satker_code'],
  kl: ['kl_code'],
  'account-group': ['kl_code', 'left(account_code, 2) AS account_group'],
};

/** Money sums of a set of lines, as the projection keeps them. */
export interface Totals {
  pagu_idr: string;
  committed_idr: string;
  realised_idr: string;
  committed_pdn_idr: string;
  realised_pdn_idr: string;
  committed_umk_idr: string;
  realised_umk_idr: string;
}

export interface AbsorptionRow {
  fiscalYear: number;
  klCode: string;
  satkerCode?: string;
  accountCode?: string;
  accountGroup?: string;
  paguIdr: string;
  committedIdr: string;
  realisedIdr: string;
  absorptionPct: number;
  uptakePct: number;
  pdnSharePct: number;
  pdnShareCommittedPct: number;
  pdnShareRealisedPct: number;
  umkSharePct: number;
  umkShareCommittedPct: number;
  umkShareRealisedPct: number;
  targetPct: number;
  onTrack: boolean;
}

/** Absorption read models, grouped by line, satker, K/L or account group (52/53). */
@Injectable()
export class AbsorptionService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(QUARTER_TARGETS) private readonly targets: QuarterTargets,
  ) {}

  async absorption(principal: Principal, fiscalYear: number, groupBy: Grouping, now = new Date()): Promise<AbsorptionRow[]> {
    const scope = satkerScopeOf(principal);
    const columns = GROUP_COLUMNS[groupBy];
    const groupKeys = columns.map((c) => c.split(' AS ').pop()!);
    const params: unknown[] = [fiscalYear];
    const where = ['fiscal_year = $1'];
    if (scope.satkerCode) where.push(`satker_code = $${params.push(scope.satkerCode)}`);
    if (scope.klCode) where.push(`kl_code = $${params.push(scope.klCode)}`);
    const rows = await this.dataSource.query(
      `SELECT ${columns.join(', ')}, ${SUMS}
         FROM budget_lines WHERE ${where.join(' AND ')}
        GROUP BY ${groupKeys.join(', ')} ORDER BY ${groupKeys.join(', ')}`,
      params,
    );
    return rows.map((row: Totals & Record<string, string>) => ({
      fiscalYear,
      klCode: row.kl_code,
      ...(row.satker_code ? { satkerCode: row.satker_code } : {}),
      ...(row.account_code ? { accountCode: row.account_code } : {}),
      ...(row.account_group ? { accountGroup: row.account_group } : {}),
      ...this.figures(row, fiscalYear, now),
    }));
  }

  /** The percentages and target judgement for one set of totals. */
  figures(totals: Totals, fiscalYear: number, now = new Date()) {
    const pagu = BigInt(totals.pagu_idr);
    const committed = BigInt(totals.committed_idr);
    const realised = BigInt(totals.realised_idr);
    const cPdn = BigInt(totals.committed_pdn_idr);
    const rPdn = BigInt(totals.realised_pdn_idr);
    const cUmk = BigInt(totals.committed_umk_idr);
    const rUmk = BigInt(totals.realised_umk_idr);
    const absorptionPct = percent(realised, pagu);
    const targetPct = targetOn(this.targets, fiscalYear, now);
    return {
      paguIdr: pagu.toString(),
      committedIdr: committed.toString(),
      realisedIdr: realised.toString(),
      absorptionPct,
      uptakePct: percent(committed + realised, pagu),
      pdnSharePct: percent(cPdn + rPdn, committed + realised),
      pdnShareCommittedPct: percent(cPdn, committed),
      pdnShareRealisedPct: percent(rPdn, realised),
      umkSharePct: percent(cUmk + rUmk, committed + realised),
      umkShareCommittedPct: percent(cUmk, committed),
      umkShareRealisedPct: percent(rUmk, realised),
      targetPct,
      onTrack: absorptionPct >= targetPct,
    };
  }
}

export const SUMS = `
  sum(pagu_idr)::text AS pagu_idr, sum(committed_idr)::text AS committed_idr, sum(realised_idr)::text AS realised_idr,
  sum(committed_pdn_idr)::text AS committed_pdn_idr, sum(realised_pdn_idr)::text AS realised_pdn_idr,
  sum(committed_umk_idr)::text AS committed_umk_idr, sum(realised_umk_idr)::text AS realised_umk_idr`;
