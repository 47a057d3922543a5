import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Spending on one PDN tier: its amount and its share of committed + realised. */
export class PdnTierShareDto {
  @ApiProperty({ example: '120000000', description: 'Whole rupiah, committed + realised' }) idr: string;
  @ApiProperty({ example: 16, description: 'Of committed + realised, in %' }) sharePct: number;
}

/** Spending per PDN tier, highest preference first (docs/domain.md "PDN tiers"); the shipping fee is in none. */
export class PdnTiersDto {
  @ApiProperty({ description: 'TKDN ≥ 25 % and TKDN + BMP ≥ 40 %' }) top: PdnTierShareDto;
  @ApiProperty({ description: 'TKDN ≥ 25 %' }) pdn: PdnTierShareDto;
  @ApiProperty({ description: 'Certified TKDN below 25 %' }) low: PdnTierShareDto;
  @ApiProperty({ description: 'Domestic without a valid TKDN certificate' }) uncertified: PdnTierShareDto;
  @ApiProperty({ description: 'Made abroad; not PDN' }) import: PdnTierShareDto;
}

/** Absorption figures of a set of lines: money as decimal strings, shares and targets in % with two decimals. */
export class AbsorptionFiguresDto {
  @ApiProperty({ example: '1500000000' }) paguIdr: string;
  @ApiProperty({ example: '0', description: 'Blocked funds (blokir)' }) blokirIdr: string;
  @ApiProperty({ example: '1500000000', description: 'pagu − blokir: what absorption is measured against' }) availablePaguIdr: string;
  @ApiProperty({ example: '300000000' }) committedIdr: string;
  @ApiProperty({ example: '450000000' }) realisedIdr: string;
  @ApiProperty({ example: 30, description: 'realised ÷ (pagu − blokir)' }) absorptionPct: number;
  @ApiProperty({ example: 50, description: '(committed + realised) ÷ (pagu − blokir)' }) uptakePct: number;
  @ApiProperty({ example: 62.5, description: 'Domestic products’ (every PDN tier but import) share of committed + realised' }) pdnSharePct: number;
  @ApiProperty({ example: 60 }) pdnShareCommittedPct: number;
  @ApiProperty({ example: 63.89 }) pdnShareRealisedPct: number;
  @ApiProperty({ type: PdnTiersDto, description: 'Committed + realised per PDN tier and its share' }) pdnTiers: PdnTiersDto;
  @ApiProperty({ example: 40, description: 'Micro and small businesses’ share of committed + realised' }) umkSharePct: number;
  @ApiProperty({ example: 40 }) umkShareCommittedPct: number;
  @ApiProperty({ example: 40 }) umkShareRealisedPct: number;
  @ApiProperty({
    example: 28.5,
    description:
      'The cumulative absorption expected today (Jakarta time), interpolated between the quarter targets of the lines’ account groups (52, 53), weighted by pagu − blokir',
  })
  absorptionTargetPct: number;
  @ApiProperty({ description: 'absorptionPct ≥ absorptionTargetPct' }) absorptionOnTrack: boolean;
  @ApiProperty({ example: 40, description: 'The fiscal year’s UMK floor' }) umkTargetPct: number;
  @ApiProperty({ description: 'umkSharePct ≥ umkTargetPct, or nothing spent yet' }) umkOnTrack: boolean;
  @ApiProperty({ example: 95, description: 'The fiscal year’s PDN commitment' }) pdnTargetPct: number;
  @ApiProperty({ description: 'pdnSharePct ≥ pdnTargetPct, or nothing spent yet' }) pdnOnTrack: boolean;
}

/** One group of lines; which keys it has depends on `groupBy`. */
export class AbsorptionGroupDto extends AbsorptionFiguresDto {
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ example: '024' }) klCode: string;
  @ApiPropertyOptional({ example: '415423', description: 'groupBy line or satker' }) satkerCode?: string;
  @ApiPropertyOptional({ example: '521211', description: 'groupBy line' }) accountCode?: string;
  @ApiPropertyOptional({ example: '52', description: 'groupBy account-group: 52 goods, 53 capital' }) accountGroup?: string;
}

/** The data of an `absorption` Server-Sent Event: one line as it is after a change. */
export class AbsorptionChangeDto extends AbsorptionFiguresDto {
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ example: '024' }) klCode: string;
  @ApiProperty({ example: '415423' }) satkerCode: string;
  @ApiProperty({ example: '521211' }) accountCode: string;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt: string;
}
