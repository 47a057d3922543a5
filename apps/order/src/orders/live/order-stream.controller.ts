import { Controller, MessageEvent, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { CurrentPrincipal, LiveStream, Principal, Roles } from '#serapan/auth';
import { OpenStreams } from '#serapan/service';
import { OrderChangeDto } from './dto/order-change.dto.js';
import { OrderStreamService } from './order-stream.service.js';

/** Order streams one user may hold open on one instance (docs/architecture.md, Live streams). */
export const STREAMS_PER_USER = 5;

@ApiTags('orders')
@ApiBearerAuth()
@ApiExtraModels(OrderChangeDto)
@Controller('api/orders')
export class OrderStreamController {
  private readonly openStreams = new OpenStreams(STREAMS_PER_USER);

  constructor(private readonly stream: OrderStreamService) {}

  /**
   * Server-Sent Events: one `order` event per change of an order the caller may list. Opened with a bearer
   * access token or a stream ticket (`?access_token=`), it ends when that token expires.
   */
  @Sse('stream')
  @LiveStream()
  @Roles('vendor', 'officer', 'finance', 'auditor')
  @ApiOkResponse({
    description:
      'Server-Sent Events: `order` (data: OrderChangeDto as JSON) per change of an order in the caller’s scope (a vendor its own orders, others their satker or K/L), `ping` every 15 s; ends when the token that opened it expires; ' +
      `429 when the caller holds ${STREAMS_PER_USER} open already`,
    content: { 'text/event-stream': { schema: { $ref: getSchemaPath(OrderChangeDto) } } },
  })
  open(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    return this.openStreams.serve(principal, this.stream.changes(principal).pipe(map(({ eventId, change }) => ({ type: 'order', id: eventId, data: change }))));
  }
}
