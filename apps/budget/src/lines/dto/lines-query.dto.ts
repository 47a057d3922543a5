import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { KL_CODE, SATKER_CODE } from '#serapan/contracts';

export class LinesQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' }) satkerCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(KL_CODE, { message: 'klCode must be a 3-digit K/L code' }) klCode?: string;
}
