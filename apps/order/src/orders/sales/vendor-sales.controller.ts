import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { VendorSalesDto, VendorSalesQueryDto } from './dto/vendor-sales.dto.js';
import { VendorSalesService } from './vendor-sales.service.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders/vendor-sales')
export class VendorSalesController {
  constructor(private readonly sales: VendorSalesService) {}

  @Get('weekly')
  @Roles('vendor', 'auditor')
  @ApiOkResponse({ type: VendorSalesDto, description: 'A vendor its own; an auditor the vendor it names' })
  weekly(@CurrentPrincipal() principal: Principal, @Query() query: VendorSalesQueryDto): Promise<VendorSalesDto> {
    return this.sales.weekly(principal, query);
  }
}
