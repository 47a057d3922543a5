import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited } from '#serapan/service';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { orderIdPipe } from '../order-id.pipe.js';
import { ApprovalService } from './approval.service.js';
import { ORDER_ACTION } from '../order-audit.js';

export class RefusalDto {
  @ApiProperty({ example: 'Spesifikasi belum sesuai KAK' }) @IsString({ message: 'reason is required' }) @Length(3, 500) reason: string;
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders/:id')
export class ApprovalController {
  constructor(private readonly approval: ApprovalService) {}

  @Post('approve')
  @Audited('order.approve', ORDER_ACTION)
  @Roles('officer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'PENDING_BUDGET, with its purchase-order number; only a PPK of the satker' })
  approve(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string) {
    return this.approval.approve(principal, id);
  }

  @Post('refuse')
  @Audited('order.refuse', ORDER_ACTION)
  @Roles('officer')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'REJECTED with the reason; only a PPK of the satker' })
  refuse(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: RefusalDto) {
    return this.approval.refuse(principal, id, body.reason);
  }
}
