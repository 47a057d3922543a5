import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

export const MAX_RELEASES_PAGE = 1000;

export class ReleasesQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Releases dated at or after this instant (ISO 8601); by default from the first' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z' })
  since?: string;

  @ApiPropertyOptional({ description: "With `since`: skip the releases at `since` up to this one's place; links.next sets it" })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'after must be a whole number (the place links.next gives)' })
  @Min(0, { message: 'after must be a whole number (the place links.next gives)' })
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RELEASES_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_RELEASES_PAGE}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_RELEASES_PAGE}` })
  @Max(MAX_RELEASES_PAGE, { message: `limit must be a whole number from 1 to ${MAX_RELEASES_PAGE}` })
  limit: number = 100;
}
