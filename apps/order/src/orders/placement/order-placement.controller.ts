import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited, HttpReply, InvalidRequestError } from '#serapan/service';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { PlaceOrderDto } from './dto/place-order.dto.js';
import { OrderPlacementService } from './order-placement.service.js';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,100}$/;

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders')
export class OrderPlacementController {
  constructor(private readonly placement: OrderPlacementService) {}

  @Post()
  @Roles('officer')
  @Audited('order.place')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key with the same body returns the same order' })
  @ApiAcceptedResponse({ type: OrderViewDto, description: 'Placed (PENDING_BUDGET); the header Idempotent-Replayed: true marks a repeat' })
  async place(
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: PlaceOrderDto,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    if (!key || !IDEMPOTENCY_KEY.test(key)) throw new InvalidRequestError('Idempotency-Key header is required: 8–100 letters, digits, "-", "_", "." or ":"');
    const { order, replayed } = await this.placement.place(principal, key, body);
    if (replayed) res.header('Idempotent-Replayed', 'true');
    return order;
  }
}
