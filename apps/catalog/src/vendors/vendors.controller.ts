import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited } from '#serapan/service';
import { UpdateVendorDto } from './dto/update-vendor.dto.js';
import { VendorDto } from './dto/vendor.dto.js';
import { vendorAsItWas } from './vendor-audit.js';
import { VendorsService } from './vendors.service.js';

@ApiTags('vendors')
@ApiBearerAuth()
@Roles('vendor')
@Controller('api/catalog/vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Get('me')
  @ApiOkResponse({ type: VendorDto, description: 'The caller’s profile, created on first use' })
  async me(@CurrentPrincipal() principal: Principal): Promise<VendorDto> {
    return VendorDto.from(await this.vendors.profileOf(principal));
  }

  @Put('me')
  @Audited('vendor.update', { before: vendorAsItWas, target: (call) => call.principal?.vendorId })
  @ApiOkResponse({ type: VendorDto })
  async update(@CurrentPrincipal() principal: Principal, @Body() profile: UpdateVendorDto): Promise<VendorDto> {
    return VendorDto.from(await this.vendors.update(principal, profile));
  }
}
