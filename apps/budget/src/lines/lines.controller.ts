import { Body, Controller, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import type { HttpReply } from '#serapan/service';
import { budgetLineView } from './budget-line.view.js';
import { AllocatePaguDto } from './dto/allocate-pagu.dto.js';
import { LinesQueryDto } from './dto/lines-query.dto.js';
import { LineKey } from './line-key.js';
import { LinesService } from './lines.service.js';

@ApiTags('budget lines')
@ApiBearerAuth()
@Controller('api/budget/lines')
export class LinesController {
  constructor(private readonly lines: LinesService) {}

  @Put(':fiscalYear/:satkerCode/:accountCode')
  @Roles('finance')
  @HttpCode(200)
  async allocate(@CurrentPrincipal() principal: Principal, @Param() key: LineKey, @Body() body: AllocatePaguDto, @Res({ passthrough: true }) res: HttpReply) {
    const { line, created } = await this.lines.allocate(principal, key, body.paguIdr);
    if (created) res.status(201);
    return budgetLineView(line);
  }

  @Get()
  @Roles('finance', 'auditor', 'officer')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: LinesQueryDto) {
    return (await this.lines.list(principal, query)).map(budgetLineView);
  }

  @Get(':fiscalYear/:satkerCode/:accountCode/revisions')
  @Roles('finance', 'auditor')
  history(@CurrentPrincipal() principal: Principal, @Param() key: LineKey) {
    return this.lines.history(principal, key);
  }
}
