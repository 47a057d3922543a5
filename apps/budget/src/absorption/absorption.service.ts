import { Inject, Injectable } from '@nestjs/common';
import { filter, map, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { sql } from '#serapan/database';
import { Clock, jakartaYearOf, SatkerScope, satkerScopeOf } from '#serapan/service';
import { AbsorptionFeed } from './absorption-feed.js';
import { LINE_TOTALS, LineTotals } from '../lines/budget-line.sql.js';
import { absorptionFigures } from './absorption-figures.js';
import { AbsorptionChangeDto, AbsorptionFiguresDto, AbsorptionGroupDto } from './dto/absorption.dto.js';
import { AccountGroup, availableByGroup, TARGETS, Targets } from './fiscal-year-targets.js';

export const GROUPINGS = ['line', 'satker', 'kl', 'account-group'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** One group's keys and totals, as the grouping statement returns them. */
interface GroupRow extends LineTotals {
  /** pagu − blokir of the group's goods (52) and capital (53) lines. */
  /** pagu − blokir of the group's lines; null when the set has none of that group. */
  available52: string | null;
  available53: string | null;
  klCode: string;
  satkerCode?: string;
  accountCode?: string;
  accountGroup?: string;
}

const GROUP_KEYS: Record<Grouping, [expression: string, name: keyof GroupRow][]> = {
  line: [
    ['kl_code', 'klCode'],
    ['satker_code', 'satkerCode'],
    ['account_code', 'accountCode'],
  ],
  satker: [
    ['kl_code', 'klCode'],
    ['satker_code', 'satkerCode'],
  ],
  kl: [['kl_code', 'klCode']],
  'account-group': [
    ['kl_code', 'klCode'],
    ['left(account_code, 2)', 'accountGroup'],
  ],
};

const SUMS = [
  ...LINE_TOTALS.map(([column, name]) => `sum(${column})::text AS "${name}"`),
  `(sum(pagu_idr - blokir_idr) FILTER (WHERE account_code LIKE '52%'))::text AS "available52"`,
  `(sum(pagu_idr - blokir_idr) FILTER (WHERE account_code LIKE '53%'))::text AS "available53"`,
].join(', ');

/** Absorption read models, grouped by line, satker, K/L or account group (52/53), and their live changes. */
@Injectable()
export class AbsorptionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: AbsorptionFeed,
    private readonly clock: Clock,
    @Inject(TARGETS) private readonly targets: Targets,
  ) {}

  /** The groups of `fiscalYear` (this year in Jakarta when omitted) in the caller's scope. */
  summarise(principal: Principal, fiscalYear: number | undefined, groupBy: Grouping): Promise<AbsorptionGroupDto[]> {
    return this.summariseWithin(satkerScopeOf(principal), fiscalYear, groupBy);
  }

  /** The groups of `fiscalYear` (this year in Jakarta when omitted) within `scope`; an empty scope is every satker. */
  async summariseWithin(scope: SatkerScope, fiscalYear: number | undefined, groupBy: Grouping): Promise<AbsorptionGroupDto[]> {
    const year = fiscalYear ?? jakartaYearOf(this.clock.now());
    const keys = GROUP_KEYS[groupBy].map(([expression]) => expression).join(', ');
    const params: unknown[] = [year];
    const where = ['fiscal_year = $1'];
    if (scope.satkerCode) where.push(`satker_code = $${params.push(scope.satkerCode)}`);
    if (scope.klCode) where.push(`kl_code = $${params.push(scope.klCode)}`);
    const rows = await sql<GroupRow>(
      this.dataSource,
      `SELECT ${GROUP_KEYS[groupBy].map(([expression, name]) => `${expression} AS "${name}"`).join(', ')}, ${SUMS}
         FROM budget_lines WHERE ${where.join(' AND ')}
        GROUP BY ${keys} ORDER BY ${keys}`,
      params,
    );
    return rows.map(({ available52, available53, ...row }) => ({
      fiscalYear: year,
      klCode: row.klCode,
      ...(row.satkerCode ? { satkerCode: row.satkerCode } : {}),
      ...(row.accountCode ? { accountCode: row.accountCode } : {}),
      ...(row.accountGroup ? { accountGroup: row.accountGroup } : {}),
      ...this.figures(row, year, availableByGroup(available52, available53)),
    }));
  }

  /** Each line change in the caller's scope, with its figures, as it happens. */
  changes(principal: Principal): Observable<{ eventId: string; change: AbsorptionChangeDto }> {
    const scope = satkerScopeOf(principal);
    return this.feed.changes.pipe(
      filter((c) => (!scope.satkerCode || c.satkerCode === scope.satkerCode) && (!scope.klCode || c.klCode === scope.klCode)),
      map((c) => ({
        eventId: c.eventId,
        change: {
          fiscalYear: c.fiscalYear,
          klCode: c.klCode,
          satkerCode: c.satkerCode,
          accountCode: c.accountCode,
          changedAt: c.time,
          ...this.figures(lineTotalsOf(c), c.fiscalYear, { [c.accountCode.slice(0, 2)]: BigInt(c.paguIdr) - BigInt(c.blokirIdr ?? '0') }),
        },
      })),
    );
  }

  /** The percentages and target judgements for one set of totals of `fiscalYear`, as of now. */
  figures(totals: LineTotals, fiscalYear: number, available: Partial<Record<AccountGroup, bigint>>): AbsorptionFiguresDto {
    const year = this.targets.of(fiscalYear);
    return absorptionFigures(totals, {
      absorptionTargetPct: this.targets.absorptionTargetOn(fiscalYear, this.clock.now(), available),
      umkTargetPct: year.umkMinSharePct,
      pdnTargetPct: year.pdnMinSharePct,
    });
  }
}

/** A line's totals from its `absorption.changed` event; events written before blokir existed carry none. */
const lineTotalsOf = (c: Omit<LineTotals, 'blokirIdr'> & { blokirIdr?: string }): LineTotals => ({
  paguIdr: c.paguIdr,
  blokirIdr: c.blokirIdr ?? '0',
  committedIdr: c.committedIdr,
  realisedIdr: c.realisedIdr,
  committedPdnIdr: c.committedPdnIdr,
  realisedPdnIdr: c.realisedPdnIdr,
  committedUmkIdr: c.committedUmkIdr,
  realisedUmkIdr: c.realisedUmkIdr,
  topTierIdr: c.topTierIdr,
  pdnTierIdr: c.pdnTierIdr,
  lowTierIdr: c.lowTierIdr,
  uncertifiedTierIdr: c.uncertifiedTierIdr,
  importTierIdr: c.importTierIdr,
});
