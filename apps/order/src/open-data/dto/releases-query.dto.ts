import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_RELEASES_PAGE = 1000;
/** An ocid, then the release's place in the feed: a timeline entry's id, kept within what a bigint holds. */
const RELEASE_ID = /^ocds-[A-Za-z0-9-]+-[0-9]{1,18}$/;

export class ReleasesQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Releases dated at or after this instant (ISO 8601); by default from the first' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z' })
  since?: string;

  @ApiPropertyOptional({
    example: 'ocds-serapan-0b5c1d7e-0000-4000-8000-000000000001-1234',
    description: 'With `since`: the id of the newest release already held (dated `since`); the feed goes on after it. links.next sets it',
  })
  @IsOptional()
  @Matches(RELEASE_ID, { message: 'after must be the id of a release of this feed' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RELEASES_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_RELEASES_PAGE}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_RELEASES_PAGE}` })
  @Max(MAX_RELEASES_PAGE, { message: `limit must be a whole number from 1 to ${MAX_RELEASES_PAGE}` })
  limit: number = 100;
}
