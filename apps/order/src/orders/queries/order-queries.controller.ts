import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { OrderPageDto, OrderViewDto } from '../dto/order-view.dto.js';
import { orderIdPipe } from '../order-id.pipe.js';
import { OrdersQueryDto } from './dto/orders-query.dto.js';
import { OrderQueriesService } from './order-queries.service.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders')
export class OrderQueriesController {
  constructor(private readonly queries: OrderQueriesService) {}

  @Get()
  @Roles('vendor', 'officer', 'finance', 'auditor')
  @ApiOkResponse({ type: OrderPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: OrdersQueryDto) {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @Roles('vendor', 'officer', 'finance', 'auditor')
  @ApiOkResponse({ type: OrderViewDto, description: 'With its timeline' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string) {
    return this.queries.get(principal, id);
  }
}
