import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { IsRupiah } from '#serapan/contracts';
import { Audited } from '#serapan/service';
import { OrderViewDto } from '../dto/order-view.dto.js';
import { ReasonDto } from '../lifecycle/dto/order-actions.dto.js';
import { orderIdPipe } from '../order-id.pipe.js';
import { NegotiationService } from './negotiation.service.js';
import { ORDER_ACTION } from '../order-audit.js';

export class OfferLineDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) lineNo: number;
  @ApiProperty({ example: '11900000', description: 'Unit price offered, at most the listed one' }) @IsRupiah() unitPriceIdr: string;
  @ApiProperty({ example: '50000', description: 'Shipping offered for the line' }) @IsRupiah() shippingIdr: string;
}

export class OfferDto {
  @ApiProperty({ type: [OfferLineDto], description: 'A price and shipping for every line of the order' })
  @IsArray()
  @ArrayNotEmpty({ message: 'lines must price every line of the order' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OfferLineDto)
  lines: OfferLineDto[];
  @ApiPropertyOptional({ example: 'Harga grosir untuk 20 unit' }) @IsOptional() @IsString() @Length(1, 500) note?: string;
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders/:id')
export class NegotiationController {
  constructor(private readonly negotiation: NegotiationService) {}

  @Post('offers')
  @Audited('order.offer', ORDER_ACTION)
  @Roles('officer', 'vendor')
  @HttpCode(201)
  @ApiOkResponse({ type: OrderViewDto, description: 'NEGOTIATING, with the offer on its thread' })
  offer(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: OfferDto) {
    return this.negotiation.offer(principal, id, body.lines, body.note);
  }

  @Post('agree')
  @Audited('order.agree', ORDER_ACTION)
  @Roles('officer', 'vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'AWAITING_APPROVAL at the agreed figures (PENDING_BUDGET when a PPK placed it)' })
  agree(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string) {
    return this.negotiation.agree(principal, id);
  }

  @Post('withdraw')
  @Audited('order.withdraw', ORDER_ACTION)
  @Roles('officer', 'vendor')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewDto, description: 'CANCELLED: the negotiation ended without agreement' })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', orderIdPipe) id: string, @Body() body: ReasonDto) {
    return this.negotiation.withdraw(principal, id, body.reason);
  }
}
