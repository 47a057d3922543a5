import { ApiProperty } from '@nestjs/swagger';
import { ReportCardDto } from '../../reports/dto/weekly-report.dto.js';

/** A set of satkers' absorption, as the finance dashboard's absorption summary counts it (money as decimal strings, shares in %). */
class PublicFiguresDto {
  @ApiProperty({ example: '1500000000' }) paguIdr: string;
  @ApiProperty({ example: '1500000000', description: 'pagu − blokir: what absorption is measured against' }) availableIdr: string;
  @ApiProperty({ example: '300000000' }) committedIdr: string;
  @ApiProperty({ example: '450000000' }) realisedIdr: string;
  @ApiProperty({ example: 30, description: 'realised ÷ (pagu − blokir)' }) absorptionPct: number;
  @ApiProperty({ example: 28.5, description: 'The cumulative absorption expected today by the quarterly targets of the account groups (52, 53)' })
  absorptionTargetPct: number;
  @ApiProperty({ example: 62.5, description: 'Domestic products’ share of committed + realised' }) pdnSharePct: number;
  @ApiProperty({ example: 40, description: 'Micro and small businesses’ share of committed + realised' }) umkSharePct: number;
}

export class KlFiguresDto extends PublicFiguresDto {
  @ApiProperty({ example: '024' }) klCode: string;
  @ApiProperty({ example: 'Kementerian Kesehatan' }) klName: string;
  @ApiProperty({ example: 12, description: 'Satkers with budget lines this year' }) satkers: number;
}

export class SatkerFiguresDto extends PublicFiguresDto {
  @ApiProperty({ example: '415423' }) satkerCode: string;
  @ApiProperty({ type: String, nullable: true, example: 'Rumah Sakit Umum Pusat Fatmawati' }) satkerName: string | null;
  @ApiProperty({ example: '024' }) klCode: string;
  @ApiProperty({ example: 'Kementerian Kesehatan' }) klName: string;
  @ApiProperty({ example: 1, description: 'By absorption within the K/L; equal absorption shares a rank' }) rankInKl: number;
}

export class TransparencySummaryDto {
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'The figures are as of this instant' }) asOf: string;
  @ApiProperty({ example: 95, description: 'The fiscal year’s PDN commitment' }) pdnTargetPct: number;
  @ApiProperty({ example: 40, description: 'The fiscal year’s UMK floor' }) umkTargetPct: number;
  @ApiProperty({ type: [KlFiguresDto], description: 'In K/L code order' }) kls: KlFiguresDto[];
  @ApiProperty({ type: [SatkerFiguresDto], description: 'In K/L and satker code order' }) satkers: SatkerFiguresDto[];
}

/** A published report card with the names of its satker and K/L. */
export class NamedReportCardDto extends ReportCardDto {
  @ApiProperty({ type: String, nullable: true }) satkerName: string | null;
  @ApiProperty({ example: 'Kementerian Kesehatan' }) klName: string;
}

export class PublishedReportCardsDto {
  @ApiProperty({ type: String, nullable: true, example: '2026-11-27', description: 'Null when the year has no published week' }) weekEnding: string | null;
  @ApiProperty({ type: [String], example: ['2026-11-27', '2026-11-20'], description: 'Every published week of the year, newest first' }) weeks: string[];
  @ApiProperty({ type: [NamedReportCardDto], description: 'Every satker’s card of the week, as published' }) cards: NamedReportCardDto[];
}

export class ReportCardHistoryDto {
  @ApiProperty({ example: '415423' }) satkerCode: string;
  @ApiProperty({ type: String, nullable: true }) satkerName: string | null;
  @ApiProperty({ type: [ReportCardDto], description: 'The satker’s published cards of the year, newest first' }) cards: ReportCardDto[];
}

/** One week of the series: cumulative figures as of the week's cut. */
export class WeekFiguresDto {
  @ApiProperty({ example: '2026-11-27', description: 'The Friday the week ends on' }) weekEnding: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'The cut: Saturday 00:00 in Jakarta after the Friday, or now for the unfinished current week',
  })
  asOf: string;
  @ApiProperty({ example: '300000000', description: 'Held committed at the cut' }) committedIdr: string;
  @ApiProperty({ example: '450000000', description: 'Paid by the cut, cumulative' }) realisedIdr: string;
  @ApiProperty({ example: 30, description: 'realised ÷ (pagu − blokir) at the cut: the report card’s absorptionPct' }) realisedPct: number;
  @ApiProperty({ example: 50, description: '(committed + realised) ÷ (pagu − blokir) at the cut' }) committedPct: number;
  @ApiProperty({ example: 28.5, description: 'The quarterly target curve at the cut, weighted as the report card weighs it' }) targetPct: number;
  @ApiProperty({ type: Number, nullable: true, example: 62.5, description: 'Of what was committed or paid by the cut; null when nothing was' })
  pdnSharePct: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 40, description: 'Of what was committed or paid by the cut; null when nothing was' })
  umkSharePct: number | null;
}

export class WeeklySeriesDto {
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ type: String, nullable: true, example: '024', description: 'The K/L of the series (the satker’s when one is asked for); null for all' })
  klCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'The satker of the series; null for a K/L or all' }) satkerCode: string | null;
  @ApiProperty({ example: '1500000000', description: 'pagu − blokir at the last week’s cut ("0" when the year has no week yet)' }) availableIdr: string;
  @ApiProperty({ example: 95 }) pdnTargetPct: number;
  @ApiProperty({ example: 40 }) umkTargetPct: number;
  @ApiProperty({ type: [WeekFiguresDto], description: 'Every week from the year’s first Friday to the current one, oldest first' }) weeks: WeekFiguresDto[];
}
