import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited } from '#serapan/service';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { orderIdPipe } from '../order-id.pipe.js';
import { PayOrderDto, ReasonDto, ReceiveOrderDto, TermStepDto } from './dto/order-actions.dto.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import { ORDER_ACTION } from '../order-audit.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders/:id')
export class OrderLifecycleController {
  constructor(private readonly lifecycle: OrderLifecycleService) {}

  @Post('accept')
  @Audited('order.accept', ORDER_ACTION)
  @Roles('vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'IN_PROCESS' })
  accept(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string) {
    return this.lifecycle.accept(principal, id);
  }

  @Post('decline')
  @Audited('order.decline', ORDER_ACTION)
  @Roles('vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'CANCELLED; the commitment is released' })
  decline(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: ReasonDto) {
    return this.lifecycle.decline(principal, id, body.reason);
  }

  @Post('ship')
  @Audited('order.ship', ORDER_ACTION)
  @Roles('vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'The term SHIPPED; the order SHIPPED once every term is' })
  ship(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: TermStepDto) {
    return this.lifecycle.ship(principal, id, body.termNo);
  }

  @Post('receive')
  @Audited('order.receive', ORDER_ACTION)
  @Roles('officer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'The term RECEIVED with its BAST and any late penalty; the order RECEIVED once every term is' })
  receive(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: ReceiveOrderDto) {
    return this.lifecycle.receive(principal, id, body.bastNumber, body.receivedOn, body.termNo);
  }

  @Post('cancel')
  @Audited('order.cancel', ORDER_ACTION)
  @Roles('officer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'CANCELLED; the commitment is released' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: ReasonDto) {
    return this.lifecycle.cancel(principal, id, body.reason);
  }

  @Post('pay')
  @Audited('order.pay', ORDER_ACTION)
  @Roles('finance')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'The term PAID; the budget realises its value less the penalty; COMPLETED with the last term' })
  pay(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: PayOrderDto) {
    return this.lifecycle.pay(principal, id, body.sp2dNumber, body.paidOn, body.termNo);
  }
}
