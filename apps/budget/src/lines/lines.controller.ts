import { Body, Controller, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited, type HttpReply } from '#serapan/service';
import { budgetLineView } from './budget-line.view.js';
import { AllocatePaguDto } from './dto/allocate-pagu.dto.js';
import { BudgetLineDto, PaguRevisionDto } from './dto/budget-line.dto.js';
import { LinesQueryDto } from './dto/lines-query.dto.js';
import { LineKey } from './line-key.js';
import { LinesService } from './lines.service.js';
import { lineTarget, paguAsItWas } from './pagu-audit.js';

@ApiTags('budget lines')
@ApiBearerAuth()
@Controller('api/budget/lines')
export class LinesController {
  constructor(private readonly lines: LinesService) {}

  @Put(':fiscalYear/:satkerCode/:accountCode')
  @Roles('finance')
  @Audited('pagu.revise', { target: lineTarget, before: paguAsItWas })
  @HttpCode(200)
  @ApiOkResponse({ type: BudgetLineDto, description: 'The line with its revised pagu and blokir (K/L finance only: a satker’s own finance gets 403)' })
  @ApiCreatedResponse({ type: BudgetLineDto, description: 'A new line' })
  async allocate(
    @CurrentPrincipal() principal: Principal,
    @Param() key: LineKey,
    @Body() body: AllocatePaguDto,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<BudgetLineDto> {
    const { line, outcome } = await this.lines.allocate(principal, key, body);
    if (outcome === 'created') res.status(201);
    return budgetLineView(line);
  }

  @Get()
  @Roles('finance', 'auditor', 'officer')
  @ApiOkResponse({ type: [BudgetLineDto], description: 'Within the caller’s satker or K/L, newest fiscal year first, at most 5000' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: LinesQueryDto): Promise<BudgetLineDto[]> {
    return (await this.lines.list(principal, query)).map(budgetLineView);
  }

  @Get(':fiscalYear/:satkerCode/:accountCode/revisions')
  @Roles('finance', 'auditor')
  @ApiOkResponse({ type: [PaguRevisionDto], description: 'Oldest first; empty when the line does not exist' })
  history(@CurrentPrincipal() principal: Principal, @Param() key: LineKey): Promise<PaguRevisionDto[]> {
    return this.lines.history(principal, key);
  }
}
