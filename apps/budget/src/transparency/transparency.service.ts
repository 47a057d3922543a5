import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { klName } from '#serapan/contracts';
import { sql, sqlOne } from '#serapan/database';
import { Clock, InvalidRequestError, isFriday, jakartaYearOf, NotFoundError, percent, SatkerScope } from '#serapan/service';
import { AbsorptionService } from '../absorption/absorption.service.js';
import { availableByGroup, TARGETS, Targets } from '../absorption/fiscal-year-targets.js';
import { ReportCardDto } from '../reports/dto/weekly-report.dto.js';
import { COMMITTED, datedEntries, paguAt, used } from '../reports/ledger-cut.sql.js';
import { ranksWithinKl } from '../reports/rank-within-kl.js';
import {
  KlFiguresDto,
  PublishedReportCardsDto,
  ReportCardHistoryDto,
  SatkerFiguresDto,
  TransparencySummaryDto,
  WeeklySeriesDto,
} from './dto/transparency.dto.js';
import { seriesWeeks } from './series-weeks.js';

/** One week of the series as SERIES returns it: money as decimal strings. */
interface WeekRow {
  weekEnding: string;
  asOf: Date;
  available: string;
  available52: string | null;
  available53: string | null;
  committed: string;
  realised: string;
  used: string;
  usedPdn: string;
  usedUmk: string;
}

/**
 * The cumulative figures of a set of satkers as of each week's cut, in one
 * statement: the report card's (reports/weekly-report.service.ts) for each cut
 * of the series, summed over the set. $1 fiscal year, $2 and $3 the first
 * and last Fridays, $4 now (the cut of the unfinished week); `scope` selects
 * the budget lines.
 */
const SERIES = (scope: string) => `
  WITH cuts AS (
    SELECT week_ending, cut, coalesce(lag(cut) OVER (ORDER BY week_ending), '-infinity') AS previous_cut
      FROM (SELECT f::date AS week_ending, least(((f::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '7 hours', $4::timestamptz) AS cut
              FROM generate_series($2::date, $3::date, interval '7 days') AS f) AS fridays),
  lines AS (SELECT fiscal_year, satker_code, account_code FROM budget_lines WHERE fiscal_year = $1 AND ${scope}),
  ${datedEntries('$1', 'e.satker_code IN (SELECT satker_code FROM lines)')},
  pagu AS (
    SELECT c.week_ending, sum(coalesce(n.pagu_idr - n.blokir_idr, 0)) AS available,
           sum(coalesce(n.pagu_idr - n.blokir_idr, 0)) FILTER (WHERE l.account_code LIKE '52%') AS available52,
           sum(coalesce(n.pagu_idr - n.blokir_idr, 0)) FILTER (WHERE l.account_code LIKE '53%') AS available53
      FROM cuts c CROSS JOIN lines l
      LEFT JOIN LATERAL (${paguAt('c.cut')}) n ON true
     GROUP BY c.week_ending),
  -- each entry in the week whose cut it first falls before; the running sums make them cumulative
  week AS (
    SELECT c.week_ending, sum(${COMMITTED}) AS committed, sum(amount_idr) FILTER (WHERE kind = 'realise') AS realised,
           sum(${used('amount_idr')}) AS used, sum(${used('pdn_idr')}) AS used_pdn, sum(${used('umk_idr')}) AS used_umk
      FROM entries e JOIN cuts c ON e.at < c.cut AND e.at >= c.previous_cut
     GROUP BY c.week_ending),
  ledger AS (
    SELECT c.week_ending, sum(coalesce(w.committed, 0)) OVER running AS committed, sum(coalesce(w.realised, 0)) OVER running AS realised,
           sum(coalesce(w.used, 0)) OVER running AS used, sum(coalesce(w.used_pdn, 0)) OVER running AS used_pdn,
           sum(coalesce(w.used_umk, 0)) OVER running AS used_umk
      FROM cuts c LEFT JOIN week w USING (week_ending)
    WINDOW running AS (ORDER BY c.week_ending))
  SELECT to_char(c.week_ending, 'YYYY-MM-DD') AS "weekEnding", c.cut AS "asOf", coalesce(p.available, 0)::text AS available,
         p.available52::text AS "available52", p.available53::text AS "available53",
         g.committed::text AS committed, g.realised::text AS realised, g.used::text AS used,
         g.used_pdn::text AS "usedPdn", g.used_umk::text AS "usedUmk"
    FROM cuts c
    LEFT JOIN pagu p USING (week_ending)
    JOIN ledger g USING (week_ending)
   ORDER BY c.week_ending`;

/**
 * Open data on absorption (docs/architecture.md, "Open data and
 * transparency"): aggregates per K/L and satker, the published report cards
 * and the weekly series. Nothing here names a person.
 */
@Injectable()
export class TransparencyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly absorption: AbsorptionService,
    private readonly clock: Clock,
    @Inject(TARGETS) private readonly targets: Targets,
  ) {}

  /** Every K/L's and satker's absorption now, as the absorption summary counts it. */
  async summary(fiscalYear: number | undefined): Promise<TransparencySummaryDto> {
    const year = this.yearOr(fiscalYear);
    const asOf = this.clock.now();
    const [kls, satkers, names] = await Promise.all([
      this.absorption.summariseWithin({}, year, 'kl'),
      this.absorption.summariseWithin({}, year, 'satker'),
      this.satkerNames(),
    ]);
    const figures = (g: (typeof kls)[number]) => ({
      paguIdr: g.paguIdr,
      availableIdr: g.availablePaguIdr,
      committedIdr: g.committedIdr,
      realisedIdr: g.realisedIdr,
      absorptionPct: g.absorptionPct,
      absorptionTargetPct: g.absorptionTargetPct,
      pdnSharePct: g.pdnSharePct,
      umkSharePct: g.umkSharePct,
    });
    const ranks = ranksWithinKl(satkers);
    const targets = this.targets.of(year);
    return {
      fiscalYear: year,
      asOf: asOf.toISOString(),
      pdnTargetPct: targets.pdnMinSharePct,
      umkTargetPct: targets.umkMinSharePct,
      kls: kls.map((k): KlFiguresDto => ({
        klCode: k.klCode,
        klName: klName(k.klCode),
        satkers: satkers.filter((s) => s.klCode === k.klCode).length,
        ...figures(k),
      })),
      satkers: satkers.map((s, i): SatkerFiguresDto => ({
        satkerCode: s.satkerCode as string,
        satkerName: names.get(s.satkerCode as string) ?? null,
        klCode: s.klCode,
        klName: klName(s.klCode),
        ...figures(s),
        rankInKl: ranks[i].rankInKl,
      })),
    };
  }

  /** Every satker's published card of the week (the latest published one of the year when omitted) and the year's published weeks. */
  async reportCards(fiscalYear: number | undefined, weekEnding: string | undefined): Promise<PublishedReportCardsDto> {
    const year = this.yearOr(fiscalYear);
    if (weekEnding !== undefined && !isFriday(weekEnding)) throw new InvalidRequestError(`weekEnding ${weekEnding} must be a Friday, as YYYY-MM-DD`);
    const weeks = (
      await sql<{ weekEnding: string }>(
        this.dataSource,
        `SELECT DISTINCT to_char(week_ending, 'YYYY-MM-DD') AS "weekEnding" FROM weekly_reports WHERE fiscal_year = $1 ORDER BY 1 DESC`,
        [year],
      )
    ).map((w) => w.weekEnding);
    const week = weekEnding ?? weeks[0] ?? null;
    if (week === null) return { weekEnding: null, weeks, cards: [] };
    const rows = await sql<{ card: ReportCardDto; satkerName: string | null }>(
      this.dataSource,
      `SELECT w.card, s.name AS "satkerName" FROM weekly_reports w LEFT JOIN satkers s ON s.code = w.satker_code
        WHERE w.week_ending = $1 AND w.fiscal_year = $2 ORDER BY w.card->>'klCode', w.satker_code`,
      [week, year],
    );
    return { weekEnding: week, weeks, cards: rows.map((r) => ({ ...r.card, satkerName: r.satkerName, klName: klName(r.card.klCode) })) };
  }

  /** One satker's published cards of the year, newest first. */
  async history(fiscalYear: number | undefined, satkerCode: string): Promise<ReportCardHistoryDto> {
    const year = this.yearOr(fiscalYear);
    const satker = await this.registered(satkerCode);
    const rows = await sql<{ card: ReportCardDto }>(
      this.dataSource,
      `SELECT card FROM weekly_reports WHERE satker_code = $1 AND fiscal_year = $2 ORDER BY week_ending DESC`,
      [satkerCode, year],
    );
    return { satkerCode, satkerName: satker.name, cards: rows.map((r) => r.card) };
  }

  /** The public series: of one satker (which wins), one K/L, or all; an unregistered satker or K/L is not found. */
  async publicSeries(fiscalYear: number | undefined, query: { klCode?: string; satkerCode?: string }): Promise<WeeklySeriesDto> {
    if (query.satkerCode) {
      const satker = await this.registered(query.satkerCode);
      return this.series(fiscalYear, { satkerCode: query.satkerCode, klCode: satker.klCode });
    }
    if (query.klCode) {
      const known = await sqlOne(this.dataSource, `SELECT 1 AS known FROM satkers WHERE kl_code = $1 LIMIT 1`, [query.klCode]);
      if (!known) throw new NotFoundError(`no satker is registered to K/L ${query.klCode}`);
      return this.series(fiscalYear, { klCode: query.klCode });
    }
    return this.series(fiscalYear, {});
  }

  /**
   * The week-by-week cumulative figures of the satkers in `scope` (a satker
   * when it names one, else its K/L, else all), each as of its week's cut.
   */
  async series(fiscalYear: number | undefined, scope: SatkerScope): Promise<WeeklySeriesDto> {
    const year = this.yearOr(fiscalYear);
    const now = this.clock.now();
    const targets = this.targets.of(year);
    const head = {
      fiscalYear: year,
      klCode: scope.klCode ?? null,
      satkerCode: scope.satkerCode ?? null,
      pdnTargetPct: targets.pdnMinSharePct,
      umkTargetPct: targets.umkMinSharePct,
    };
    const span = seriesWeeks(year, now);
    if (!span) return { ...head, availableIdr: '0', weeks: [] };
    const [where, param] = scope.satkerCode
      ? ['satker_code = $5', scope.satkerCode]
      : scope.klCode
        ? ['kl_code = $5', scope.klCode]
        : ['$5::text IS NULL', null];
    const rows = await sql<WeekRow>(this.dataSource, SERIES(where), [year, span.first, span.last, now.toISOString(), param]);
    const weeks = rows.map((r) => {
      const available = BigInt(r.available);
      const realised = BigInt(r.realised);
      const usedIdr = BigInt(r.used);
      return {
        weekEnding: r.weekEnding,
        asOf: r.asOf.toISOString(),
        committedIdr: r.committed,
        realisedIdr: r.realised,
        realisedPct: percent(realised, available),
        committedPct: percent(BigInt(r.committed) + realised, available),
        targetPct: this.targets.absorptionTargetOn(year, r.asOf, availableByGroup(r.available52, r.available53)),
        pdnSharePct: usedIdr === 0n ? null : percent(BigInt(r.usedPdn), usedIdr),
        umkSharePct: usedIdr === 0n ? null : percent(BigInt(r.usedUmk), usedIdr),
      };
    });
    return { ...head, availableIdr: rows.at(-1)?.available ?? '0', weeks };
  }

  private yearOr(fiscalYear: number | undefined): number {
    return fiscalYear ?? jakartaYearOf(this.clock.now());
  }

  private async registered(satkerCode: string): Promise<{ klCode: string; name: string | null }> {
    const satker = await sqlOne<{ klCode: string; name: string | null }>(this.dataSource, `SELECT kl_code AS "klCode", name FROM satkers WHERE code = $1`, [
      satkerCode,
    ]);
    if (!satker) throw new NotFoundError(`satker ${satkerCode} is not registered`);
    return satker;
  }

  /** The names the satker registry knows, by code. */
  private async satkerNames(): Promise<Map<string, string>> {
    const rows = await sql<{ code: string; name: string }>(this.dataSource, `SELECT code, name FROM satkers WHERE name IS NOT NULL`);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
