import { ApiProperty } from '@nestjs/swagger';
import { PdnTiersDto } from '../../absorption/dto/absorption.dto.js';

/** One satker's weekly report card (rapor mingguan), as of the week's cut. */
export class ReportCardDto {
  @ApiProperty({ example: '2026-11-27', description: 'The Friday the week ends on' }) weekEnding: string;
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ example: '024' }) klCode: string;
  @ApiProperty({ example: '415423' }) satkerCode: string;
  @ApiProperty({ example: '1500000000', description: 'Whole rupiah as a decimal string' }) paguIdr: string;
  @ApiProperty({ example: '300000000' }) committedIdr: string;
  @ApiProperty({ example: '450000000' }) realisedIdr: string;
  @ApiProperty({ example: 30, description: 'realised ÷ (pagu − blokir), in %' }) absorptionPct: number;
  @ApiProperty({ example: 2.5, description: 'Percentage points gained over the week' }) absorptionChangePct: number;
  @ApiProperty({ example: 62.5, description: 'Domestic products’ (every PDN tier but import) share of what was committed or paid' }) pdnSharePct: number;
  @ApiProperty({ type: PdnTiersDto, description: 'Spending per PDN tier and its share (cards cut before the tiers have none)', required: false })
  pdnTiers?: PdnTiersDto;
  @ApiProperty({ example: 40 }) umkSharePct: number;
  @ApiProperty({ example: 3, description: 'Placed during the week' }) ordersPlaced: number;
  @ApiProperty({
    example: 1,
    description: 'Placed during the week with a preference justification (ordered below a better PDN tier listed in the same category)',
  })
  ordersJustified: number;
  @ApiProperty({ example: 2, description: 'Paid in full during the week (an order paid by terms: in the week of its last payment)' }) ordersCompleted: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 6,
    description: 'BAST to SP2D, of the payments made during the week (each term its own); null when none was',
  })
  medianDaysToPayment: number | null;
  @ApiProperty({ example: 1, description: 'By absorption within the K/L; equal absorption shares a rank' }) rankInKl: number;
  @ApiProperty({ example: 12 }) satkersInKl: number;
  @ApiProperty({ example: '0', description: 'Blocked funds (blokir) at the cut' }) blokirIdr: string;
  @ApiProperty({
    example: 12,
    description: 'Cumulative absorption expected at the cut: the quarterly series of the satker’s account groups (52, 53), weighted by pagu − blokir',
  })
  absorptionTargetPct: number;
  @ApiProperty() absorptionOnTrack: boolean;
  @ApiProperty({ example: 40, description: 'The fiscal year’s UMK floor' }) umkTargetPct: number;
  @ApiProperty({ description: 'umkSharePct ≥ umkTargetPct, or nothing spent yet' }) umkOnTrack: boolean;
  @ApiProperty({ example: 95, description: 'The fiscal year’s PDN commitment' }) pdnTargetPct: number;
  @ApiProperty({ description: 'pdnSharePct ≥ pdnTargetPct, or nothing spent yet' }) pdnOnTrack: boolean;
}

export class WeeklyReportDto {
  @ApiProperty({ example: '2026-11-27' }) weekEnding: string;
  @ApiProperty({ type: [ReportCardDto], description: 'Within the caller’s satker or K/L' }) cards: ReportCardDto[];
}
