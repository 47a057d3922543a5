import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { EventTypes, PDN_TIERS } from '#serapan/contracts';
import { arrayParams, sql, sqlOne } from '#serapan/database';
import { OutboxService } from '#serapan/messaging';
import { Clock, csvRow, cutoffOf, fiscalYearsOf, InvalidRequestError, isFriday, lastClosedFriday, percent, satkerScopeOf } from '#serapan/service';
import { availableByGroup, TARGETS, Targets } from '../absorption/fiscal-year-targets.js';
import { pdnTierShares } from '../absorption/absorption-figures.js';
import { TIER_COLUMNS, TIER_NAMES, TierName } from '../pdn/pdn-tier-amounts.js';
import { COMMITTED, datedEntries, paguAt, used } from './ledger-cut.sql.js';
import { ranksWithinKl } from './rank-within-kl.js';
import { ReportCardDto, WeeklyReportDto } from './dto/weekly-report.dto.js';

/** One satker's figures as FIGURES returns them: money as decimal strings. */
interface FiguresRow extends Record<TierName, string> {
  klCode: string;
  satkerCode: string;
  pagu: string;
  blokir: string;
  /** pagu − blokir a week before the cut. */
  availablePrev: string;
  /** pagu − blokir of the goods (52) and capital (53) lines at the cut. */
  available52: string | null;
  available53: string | null;
  committed: string;
  realised: string;
  realisedPrev: string;
  used: string;
  usedPdn: string;
  usedUmk: string;
  completed: number;
  placed: number;
  justified: number;
  medianDays: number | null;
}

/**
 * Each satker's figures as of the cutoff and a week before, all from the
 * ledger and the pagu (and blokir) history, each entry dated as
 * `datedEntries` says. A payment's days to payment run from the BAST date to
 * the SP2D date, or from placement for entries without those dates. An order
 * paid by terms has a realisation (and its days to payment) per term, and a
 * penalty's release dated by the SP2D too; it counts as completed in the week
 * of its last payment, once it is paid in full.
 */
const FIGURES = `
  WITH ${datedEntries('$3')},
  lines AS (SELECT fiscal_year, satker_code, account_code, kl_code FROM budget_lines WHERE fiscal_year = $3),
  pagu AS (
    SELECT l.kl_code, l.satker_code, sum(coalesce(n.pagu_idr, 0)) AS now, sum(coalesce(n.blokir_idr, 0)) AS blokir,
           sum(coalesce(p.pagu_idr - p.blokir_idr, 0)) AS available_prev,
           sum(coalesce(n.pagu_idr - n.blokir_idr, 0)) FILTER (WHERE l.account_code LIKE '52%') AS available52,
           sum(coalesce(n.pagu_idr - n.blokir_idr, 0)) FILTER (WHERE l.account_code LIKE '53%') AS available53
      FROM lines l
      LEFT JOIN LATERAL (${paguAt('$1')}) n ON true
      LEFT JOIN LATERAL (${paguAt('$2')}) p ON true
     GROUP BY l.kl_code, l.satker_code),
  ledger AS (
    SELECT satker_code,
           sum(${COMMITTED}) FILTER (WHERE at < $1) AS committed,
           sum(amount_idr) FILTER (WHERE kind = 'realise' AND at < $1) AS realised,
           sum(amount_idr) FILTER (WHERE kind = 'realise' AND at < $2) AS realised_prev,
           sum(${used('amount_idr')}) FILTER (WHERE at < $1) AS used,
           sum(${used('pdn_idr')}) FILTER (WHERE at < $1) AS used_pdn,
           sum(${used('umk_idr')}) FILTER (WHERE at < $1) AS used_umk,
           ${TIER_COLUMNS.map((c) => `sum(${used(c)}) FILTER (WHERE at < $1) AS used_${c}`).join(', ')}
      FROM entries GROUP BY satker_code),
  completed AS (
    SELECT e.satker_code, count(DISTINCT e.order_id) AS completed
      FROM entries e JOIN reservations r USING (order_id)
     WHERE e.last_payment AND r.status = 'realised' AND e.at >= $2 AND e.at < $1 GROUP BY e.satker_code),
  placed AS (
    SELECT satker_code, count(*) AS placed, count(*) FILTER (WHERE justified) AS justified FROM reservations
     WHERE fiscal_year = $3 AND placed_at >= $2 AND placed_at < $1 GROUP BY satker_code),
  durations AS (
    SELECT e.satker_code,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY coalesce(e.realised_on - e.received_on, extract(epoch FROM e.recorded_at - r.placed_at) / 86400)) AS median_days
      FROM entries e JOIN reservations r USING (order_id)
     WHERE e.kind = 'realise' AND e.at >= $2 AND e.at < $1 GROUP BY e.satker_code)
  SELECT p.kl_code AS "klCode", p.satker_code AS "satkerCode", p.now::text AS pagu, p.blokir::text AS blokir, p.available_prev::text AS "availablePrev",
         p.available52::text AS "available52", p.available53::text AS "available53",
         coalesce(g.committed, 0)::text AS committed, coalesce(g.realised, 0)::text AS realised, coalesce(g.realised_prev, 0)::text AS "realisedPrev",
         coalesce(g.used, 0)::text AS used, coalesce(g.used_pdn, 0)::text AS "usedPdn", coalesce(g.used_umk, 0)::text AS "usedUmk",
         ${TIER_COLUMNS.map((c, i) => `coalesce(g.used_${c}, 0)::text AS "${TIER_NAMES[i]}"`).join(', ')},
         coalesce(c.completed, 0)::int AS completed, coalesce(o.placed, 0)::int AS placed, coalesce(o.justified, 0)::int AS justified,
         d.median_days AS "medianDays"
    FROM pagu p
    LEFT JOIN ledger g USING (satker_code)
    LEFT JOIN completed c USING (satker_code)
    LEFT JOIN placed o USING (satker_code)
    LEFT JOIN durations d USING (satker_code)
   ORDER BY p.kl_code, p.satker_code`;

@Injectable()
export class WeeklyReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(TARGETS) private readonly targets: Targets,
  ) {}

  /** The week ending `weekEnding` (the latest closed one when omitted) in the caller's scope, narrowed by the filter. */
  async weekly(principal: Principal, query: { weekEnding?: string; satkerCode?: string; klCode?: string }): Promise<WeeklyReportDto> {
    const weekEnding = query.weekEnding ?? lastClosedFriday(this.clock.now());
    return { weekEnding, cards: await this.cards(principal, weekEnding, query) };
  }

  /**
   * Cuts the week once: stores every satker's card and announces each with
   * `report.published`. Returns how many cards were published (0 if already done).
   */
  async publish(weekEnding: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await sql(manager, `SELECT pg_advisory_xact_lock(hashtext('weekly-report'))`);
      if (await sqlOne<{ published: number }>(manager, `SELECT 1 AS published FROM weekly_reports WHERE week_ending = $1 LIMIT 1`, [weekEnding])) return 0;
      const cards = await this.compute(manager, weekEnding);
      await sql(
        manager,
        `INSERT INTO weekly_reports (week_ending, satker_code, fiscal_year, card)
         SELECT $1, s, fy, c FROM unnest(${arrayParams(2, ['bpchar', 'int', 'jsonb'])}) AS x (s, fy, c)`,
        [weekEnding, cards.map((card) => card.satkerCode), cards.map((card) => card.fiscalYear), cards.map((card) => JSON.stringify(card))],
      );
      await this.outbox.add(
        manager,
        cards.map((card) => ({
          type: EventTypes.reportPublished,
          key: card.satkerCode,
          data: {
            weekEnding,
            fiscalYear: card.fiscalYear,
            satkerCode: card.satkerCode,
            klCode: card.klCode,
            paguIdr: card.paguIdr,
            committedIdr: card.committedIdr,
            realisedIdr: card.realisedIdr,
            absorptionPct: card.absorptionPct.toFixed(2),
            rankInKl: card.rankInKl,
          },
        })),
      );
      return cards.length;
    });
  }

  /** The cards of the week in the caller's scope: published ones as they were cut, others computed now. */
  private async cards(principal: Principal, weekEnding: string, filter: { satkerCode?: string; klCode?: string }): Promise<ReportCardDto[]> {
    if (!isFriday(weekEnding)) throw new InvalidRequestError(`weekEnding ${weekEnding} must be a Friday, as YYYY-MM-DD`);
    const scope = satkerScopeOf(principal);
    const published = await sql<{ card: ReportCardDto }>(
      this.dataSource,
      `SELECT card FROM weekly_reports WHERE week_ending = $1 ORDER BY fiscal_year, card->>'klCode', satker_code`,
      [weekEnding],
    );
    const all = published.length > 0 ? published.map((r) => r.card) : await this.compute(this.dataSource.manager, weekEnding);
    return all.filter(
      (c) =>
        (!scope.satkerCode || c.satkerCode === scope.satkerCode) &&
        (!scope.klCode || c.klCode === scope.klCode) &&
        (!filter.satkerCode || c.satkerCode === filter.satkerCode) &&
        (!filter.klCode || c.klCode === filter.klCode),
    );
  }

  /** Every satker's card for each fiscal year the week's days belong to (two for the week spanning New Year). */
  private async compute(manager: EntityManager, weekEnding: string): Promise<ReportCardDto[]> {
    const cards: ReportCardDto[] = [];
    for (const fiscalYear of fiscalYearsOf(weekEnding)) cards.push(...(await this.computeYear(manager, weekEnding, fiscalYear)));
    return cards;
  }

  private async computeYear(manager: EntityManager, weekEnding: string, fiscalYear: number): Promise<ReportCardDto[]> {
    const cutoff = cutoffOf(weekEnding);
    const weekBefore = new Date(cutoff.getTime() - 7 * 86_400_000);
    const rows = await sql<FiguresRow>(manager, FIGURES, [cutoff.toISOString(), weekBefore.toISOString(), fiscalYear]);
    const targets = this.targets.of(fiscalYear);
    const cards = rows.map((r): ReportCardDto => {
      // absorption is of pagu − blokir, as the treasury reports it (docs/domain.md rule 14)
      const absorptionPct = percent(BigInt(r.realised), BigInt(r.pagu) - BigInt(r.blokir));
      const absorptionTargetPct = this.targets.absorptionTargetOn(fiscalYear, cutoff, availableByGroup(r.available52, r.available53));
      const used = BigInt(r.used);
      const pdnSharePct = percent(BigInt(r.usedPdn), used);
      const umkSharePct = percent(BigInt(r.usedUmk), used);
      return {
        weekEnding,
        fiscalYear,
        klCode: r.klCode,
        satkerCode: r.satkerCode,
        paguIdr: r.pagu,
        committedIdr: r.committed,
        realisedIdr: r.realised,
        absorptionPct,
        absorptionChangePct: Math.round((absorptionPct - percent(BigInt(r.realisedPrev), BigInt(r.availablePrev))) * 100) / 100,
        pdnSharePct,
        pdnTiers: pdnTierShares(r, BigInt(r.used)),
        umkSharePct,
        ordersPlaced: r.placed,
        ordersJustified: r.justified,
        ordersCompleted: r.completed,
        medianDaysToPayment: r.medianDays === null ? null : Math.round(r.medianDays * 10) / 10,
        rankInKl: 0,
        satkersInKl: 0,
        blokirIdr: r.blokir,
        absorptionTargetPct,
        absorptionOnTrack: absorptionPct >= absorptionTargetPct,
        umkTargetPct: targets.umkMinSharePct,
        umkOnTrack: used === 0n || umkSharePct >= targets.umkMinSharePct,
        pdnTargetPct: targets.pdnMinSharePct,
        pdnOnTrack: used === 0n || pdnSharePct >= targets.pdnMinSharePct,
      };
    });
    const ranks = ranksWithinKl(cards);
    return cards.map((card, i) => Object.assign(card, ranks[i]));
  }
}

const CSV_COLUMNS: (keyof Omit<ReportCardDto, 'pdnTiers'>)[] = [
  'weekEnding',
  'fiscalYear',
  'klCode',
  'satkerCode',
  'paguIdr',
  'committedIdr',
  'realisedIdr',
  'absorptionPct',
  'absorptionChangePct',
  'pdnSharePct',
  'umkSharePct',
  'ordersPlaced',
  'ordersJustified',
  'ordersCompleted',
  'medianDaysToPayment',
  'rankInKl',
  'satkersInKl',
  'blokirIdr',
  'absorptionTargetPct',
  'absorptionOnTrack',
  'umkTargetPct',
  'umkOnTrack',
  'pdnTargetPct',
  'pdnOnTrack',
];

/** Each PDN tier's share, after the columns above: `pdnTopSharePct` … `pdnImportSharePct`. */
const TIER_CSV_COLUMNS = PDN_TIERS.map((tier) => `pdn${tier[0].toUpperCase()}${tier.slice(1)}SharePct`);

/** The report cards as CSV for a spreadsheet: cells that could run as formulas (a negative change) are neutralised. */
export function toCsv(cards: ReportCardDto[]): string {
  const lines = cards.map((card) => csvRow([...CSV_COLUMNS.map((c) => card[c]), ...PDN_TIERS.map((tier) => card.pdnTiers?.[tier].sharePct)]));
  return [csvRow([...CSV_COLUMNS, ...TIER_CSV_COLUMNS]), ...lines].join('\r\n') + '\r\n';
}
