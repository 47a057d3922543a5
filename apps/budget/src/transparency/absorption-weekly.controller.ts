import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { satkerScopeOf } from '#serapan/service';
import { FiscalYearQueryDto } from './dto/transparency-query.dto.js';
import { WeeklySeriesDto } from './dto/transparency.dto.js';
import { TransparencyService } from './transparency.service.js';

/** The weekly series for the finance dashboard, within the caller's satker or K/L (the public page's, scoped). */
@ApiTags('absorption')
@ApiBearerAuth()
@Controller('api/budget/absorption')
export class AbsorptionWeeklyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Get('weekly')
  @Roles('finance', 'auditor')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: WeeklySeriesDto, description: 'Of the caller’s satker, else its K/L; of all for an auditor' })
  weekly(@CurrentPrincipal() principal: Principal, @Query() query: FiscalYearQueryDto): Promise<WeeklySeriesDto> {
    return this.transparency.series(query.fiscalYear, satkerScopeOf(principal));
  }
}
