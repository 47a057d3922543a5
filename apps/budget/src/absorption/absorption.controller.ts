import { Controller, Get, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { CurrentPrincipal, LiveStream, Principal, Roles } from '#serapan/auth';
import { OpenStreams } from '#serapan/service';
import { AbsorptionService } from './absorption.service.js';
import { AbsorptionQueryDto } from './dto/absorption-query.dto.js';
import { AbsorptionChangeDto, AbsorptionGroupDto } from './dto/absorption.dto.js';

/** Absorption streams one user may hold open on one instance (docs/architecture.md, Security). */
export const STREAMS_PER_USER = 5;

@ApiTags('absorption')
@ApiBearerAuth()
@ApiExtraModels(AbsorptionChangeDto)
@Controller('api/budget/absorption')
export class AbsorptionController {
  private readonly openStreams = new OpenStreams(STREAMS_PER_USER);

  constructor(private readonly absorption: AbsorptionService) {}

  @Get()
  @Roles('finance', 'auditor')
  @ApiOkResponse({ type: [AbsorptionGroupDto], description: 'Within the caller’s satker or K/L, in key order' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: AbsorptionQueryDto): Promise<AbsorptionGroupDto[]> {
    return this.absorption.summarise(principal, query.fiscalYear, query.groupBy);
  }

  /**
   * Server-Sent Events: one `absorption` event per line change in the caller's scope. Opened with a bearer
   * access token or a stream ticket (`?access_token=`), it ends when that token expires.
   */
  @Sse('stream')
  @LiveStream()
  @Roles('finance', 'auditor')
  @ApiOkResponse({
    description:
      'Server-Sent Events: `absorption` (data: AbsorptionChangeDto as JSON) per line change in the caller’s scope, `ping` every 15 s; ends when the token that opened it expires; ' +
      `429 when the caller holds ${STREAMS_PER_USER} open already`,
    content: { 'text/event-stream': { schema: { $ref: getSchemaPath(AbsorptionChangeDto) } } },
  })
  stream(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    return this.openStreams.serve(
      principal,
      this.absorption.changes(principal).pipe(map(({ eventId, change }) => ({ type: 'absorption', id: eventId, data: change }))),
    );
  }
}
