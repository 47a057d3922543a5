import { Controller, Get, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { interval, map, merge, Observable } from 'rxjs';
import { CurrentPrincipal, LiveStream, Principal, Roles, untilTokenExpires } from '#serapan/auth';
import { AbsorptionService } from './absorption.service.js';
import { AbsorptionQueryDto } from './dto/absorption-query.dto.js';
import { AbsorptionChangeDto, AbsorptionGroupDto } from './dto/absorption.dto.js';

@ApiTags('absorption')
@ApiBearerAuth()
@ApiExtraModels(AbsorptionChangeDto)
@Controller('api/budget/absorption')
export class AbsorptionController {
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
      'Server-Sent Events: `absorption` (data: AbsorptionChangeDto as JSON) per line change in the caller’s scope, `ping` every 15 s; ends when the token that opened it expires',
    content: { 'text/event-stream': { schema: { $ref: getSchemaPath(AbsorptionChangeDto) } } },
  })
  stream(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    const changes = this.absorption.changes(principal).pipe(map(({ eventId, change }) => ({ type: 'absorption', id: eventId, data: change })));
    return merge(changes, interval(15_000).pipe(map(() => ({ type: 'ping', data: '' })))).pipe(untilTokenExpires(principal));
  }
}
