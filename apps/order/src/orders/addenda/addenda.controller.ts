import { Body, Controller, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited, InvalidRequestError } from '#serapan/service';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { ReasonDto } from '../lifecycle/dto/order-actions.dto.js';
import { orderIdPipe } from '../order-id.pipe.js';
import { AddendaService } from './addenda.service.js';
import { ProposeAddendumDto } from './dto/propose-addendum.dto.js';
import { ORDER_ACTION } from '../order-audit.js';

/** The `:number` of an addendum route: a whole number from 1, or 400 naming the field. */
const numberPipe = new ParseIntPipe({ exceptionFactory: () => new InvalidRequestError('number must be an addendum number (1, 2, …)') });

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders/:id/addenda')
export class AddendaController {
  constructor(private readonly addenda: AddendaService) {}

  @Post()
  @Audited('order.addendum-propose', ORDER_ACTION)
  @Roles('officer')
  @HttpCode(201)
  @ApiCreatedResponse({ type: OrderViewDto, description: 'The order, with the addendum PROPOSED to its vendor' })
  propose(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: ProposeAddendumDto) {
    return this.addenda.propose(principal, id, body);
  }

  @Post(':number/agree')
  @Audited('order.addendum-agree', ORDER_ACTION)
  @Roles('vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'The addendum is PENDING_BUDGET: an increase must fit the budget line' })
  agree(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Param('number', numberPipe) number: number) {
    return this.addenda.agree(principal, id, number);
  }

  @Post(':number/refuse')
  @Audited('order.addendum-refuse', ORDER_ACTION)
  @Roles('vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'The addendum is REFUSED; the order stands as it was' })
  refuse(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Param('number', numberPipe) number: number, @Body() body: ReasonDto) {
    return this.addenda.refuse(principal, id, number, body.reason);
  }

  @Post(':number/withdraw')
  @Audited('order.addendum-withdraw', ORDER_ACTION)
  @Roles('officer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'The addendum is WITHDRAWN; the order stands as it was' })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('id', orderIdPipe) id: string,
    @Param('number', numberPipe) number: number,
    @Body() body: ReasonDto,
  ) {
    return this.addenda.withdraw(principal, id, number, body.reason);
  }
}
