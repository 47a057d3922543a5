import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { InvalidRequestError } from '#serapan/service';
import { OrdersQueryDto, PayOrderDto, ReasonDto, ReceiveOrderDto } from './dto/order-actions.dto.js';
import { PlaceOrderDto } from './dto/place-order.dto.js';
import { OrdersService } from './orders.service.js';

const uuid = new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new InvalidRequestError('id must be an order id (UUID)') });

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Roles('officer')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key with the same body returns the same order' })
  async place(@CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key: string | undefined, @Body() body: PlaceOrderDto, @Res({ passthrough: true }) res: Response) {
    if (!key || !/^[\w.:-]{8,100}$/.test(key)) throw new InvalidRequestError('Idempotency-Key header is required: 8–100 letters, digits, "-", "_", "." or ":"');
    const { order, replayed } = await this.orders.place(principal, key, body);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return order;
  }

  @Get()
  @Roles('vendor', 'officer', 'finance', 'auditor')
  list(@CurrentPrincipal() principal: Principal, @Query() query: OrdersQueryDto) {
    return this.orders.list(principal, query);
  }

  @Get(':id')
  @Roles('vendor', 'officer', 'finance', 'auditor')
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.orders.get(principal, id);
  }

  @Post(':id/accept')
  @Roles('vendor')
  @HttpCode(200)
  accept(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.orders.accept(principal, id);
  }

  @Post(':id/decline')
  @Roles('vendor')
  @HttpCode(200)
  decline(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: ReasonDto) {
    return this.orders.decline(principal, id, body.reason);
  }

  @Post(':id/ship')
  @Roles('vendor')
  @HttpCode(200)
  ship(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.orders.ship(principal, id);
  }

  @Post(':id/receive')
  @Roles('officer')
  @HttpCode(200)
  receive(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: ReceiveOrderDto) {
    return this.orders.receive(principal, id, body.bastNumber, body.receivedOn);
  }

  @Post(':id/cancel')
  @Roles('officer')
  @HttpCode(200)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: ReasonDto) {
    return this.orders.cancel(principal, id, body.reason);
  }

  @Post(':id/pay')
  @Roles('finance')
  @HttpCode(200)
  pay(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: PayOrderDto) {
    return this.orders.pay(principal, id, body.sp2dNumber, body.paidOn);
  }
}
