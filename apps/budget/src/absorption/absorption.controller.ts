import { Controller, Get, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { filter, interval, map, merge, Observable } from 'rxjs';
import { satkerScopeOf } from '#serapan/service';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { AbsorptionFeed } from './absorption-feed.js';
import { AbsorptionService, Grouping, GROUPINGS } from './absorption.service.js';

class AbsorptionQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number = new Date().getFullYear();
  @ApiPropertyOptional({ enum: GROUPINGS }) @IsOptional() @IsIn(GROUPINGS) groupBy: Grouping = 'satker';
}

@ApiTags('absorption')
@ApiBearerAuth()
@Controller('api/budget/absorption')
export class AbsorptionController {
  constructor(
    private readonly absorption: AbsorptionService,
    private readonly feed: AbsorptionFeed,
  ) {}

  @Get()
  @Roles('finance', 'auditor')
  list(@CurrentPrincipal() principal: Principal, @Query() query: AbsorptionQueryDto) {
    return this.absorption.absorption(principal, query.fiscalYear, query.groupBy);
  }

  /** Server-Sent Events: one `absorption` event per line change in the caller's scope. */
  @Sse('stream')
  @Roles('finance', 'auditor')
  stream(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    const scope = satkerScopeOf(principal);
    const changes = this.feed.changes.pipe(
      filter((c) => (!scope.satkerCode || c.satkerCode === scope.satkerCode) && (!scope.klCode || c.klCode === scope.klCode)),
      map((c) => ({
        type: 'absorption',
        id: c.eventId,
        data: {
          fiscalYear: c.fiscalYear,
          klCode: c.klCode,
          satkerCode: c.satkerCode,
          accountCode: c.accountCode,
          changedAt: c.time,
          ...this.absorption.figures(
            {
              pagu_idr: c.paguIdr,
              committed_idr: c.committedIdr,
              realised_idr: c.realisedIdr,
              committed_pdn_idr: c.committedPdnIdr,
              realised_pdn_idr: c.realisedPdnIdr,
              committed_umk_idr: c.committedUmkIdr,
              realised_umk_idr: c.realisedUmkIdr,
            },
            c.fiscalYear,
          ),
        },
      })),
    );
    return merge(changes, interval(15_000).pipe(map(() => ({ type: 'ping', data: '' }))));
  }
}
