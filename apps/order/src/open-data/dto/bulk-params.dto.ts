import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const FISCAL_YEAR = 'fiscalYear must be a year from 2000 to 2100, e.g. 2026';

export class BulkParamsDto {
  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt({ message: FISCAL_YEAR })
  @Min(2000, { message: FISCAL_YEAR })
  @Max(2100, { message: FISCAL_YEAR })
  fiscalYear!: number;
}
