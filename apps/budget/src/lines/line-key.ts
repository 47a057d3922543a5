import { Matches, IsInt, Min, Max } from 'class-validator';
import { Type } from 'class-transformer';
import { ACCOUNT_CODE, SATKER_CODE } from '#serapan/contracts';

/** A budget line's identity: (fiscal year, satker, account). */
export class LineKey {
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @Matches(SATKER_CODE, { message: 'satkerCode must be a 6-digit satker code' }) satkerCode: string;
  @Matches(ACCOUNT_CODE, { message: 'accountCode must be a 6-digit goods (52…) or capital (53…) account' }) accountCode: string;
}
