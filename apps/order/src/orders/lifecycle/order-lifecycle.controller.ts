import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { orderIdPipe } from '../order-id.pipe.js';
import { PayOrderDto, ReasonDto, ReceiveOrderDto } from './dto/order-actions.dto.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders/:id')
export class OrderLifecycleController {
  constructor(private readonly lifecycle: OrderLifecycleService) {}

  @Post('accept')
  @Roles('vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'IN_PROCESS' })
  accept(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string) {
    return this.lifecycle.accept(principal, id);
  }

  @Post('decline')
  @Roles('vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'CANCELLED; the commitment is released' })
  decline(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: ReasonDto) {
    return this.lifecycle.decline(principal, id, body.reason);
  }

  @Post('ship')
  @Roles('vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'SHIPPED' })
  ship(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string) {
    return this.lifecycle.ship(principal, id);
  }

  @Post('receive')
  @Roles('officer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'RECEIVED, with the BAST number' })
  receive(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: ReceiveOrderDto) {
    return this.lifecycle.receive(principal, id, body.bastNumber, body.receivedOn);
  }

  @Post('cancel')
  @Roles('officer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'CANCELLED; the commitment is released' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: ReasonDto) {
    return this.lifecycle.cancel(principal, id, body.reason);
  }

  @Post('pay')
  @Roles('finance')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'COMPLETED; the budget realises the total' })
  pay(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: PayOrderDto) {
    return this.lifecycle.pay(principal, id, body.sp2dNumber, body.paidOn);
  }
}
