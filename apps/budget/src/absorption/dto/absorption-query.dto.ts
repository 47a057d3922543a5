import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Grouping, GROUPINGS } from '../absorption.service.js';

export class AbsorptionQueryDto {
  @ApiPropertyOptional({ description: 'The current year when omitted' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;
  @ApiPropertyOptional({ enum: GROUPINGS }) @IsOptional() @IsIn(GROUPINGS) groupBy: Grouping = 'satker';
}
