import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '#serapan/auth';
import { FiscalYearQueryDto, ReportCardHistoryQueryDto, ReportCardsQueryDto, WeeklySeriesQueryDto } from './dto/transparency-query.dto.js';
import { PublishedReportCardsDto, ReportCardHistoryDto, TransparencySummaryDto, WeeklySeriesDto } from './dto/transparency.dto.js';
import { BudgetConfig } from '../budget.config.js';
import { AnswerCache } from './answer-cache.js';
import { TransparencyService } from './transparency.service.js';

/** Aggregates change with every order: a short shared cache spares the database a crowd of readers. */
const PUBLIC_CACHE = 'public, max-age=30';

/** Open data for the public transparency page: no login, aggregates of organisations only. */
@ApiTags('transparency')
@Public()
@Controller('api/transparency')
export class TransparencyController {
  /** The same within this instance, for readers no shared cache stands in front of. */
  private readonly answers: AnswerCache;

  constructor(
    private readonly transparency: TransparencyService,
    config: BudgetConfig,
  ) {
    this.answers = new AnswerCache(config.PUBLIC_ANSWER_CACHE_SECONDS * 1000);
  }

  @Get('summary')
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOkResponse({ type: TransparencySummaryDto, description: 'Absorption, PDN and UMK shares of every K/L and satker now' })
  summary(@Query() query: FiscalYearQueryDto): Promise<TransparencySummaryDto> {
    return this.answers.get(`summary ${query.fiscalYear}`, () => this.transparency.summary(query.fiscalYear));
  }

  @Get('report-cards')
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOkResponse({ type: PublishedReportCardsDto, description: 'Every satker’s published report card of one week' })
  reportCards(@Query() query: ReportCardsQueryDto): Promise<PublishedReportCardsDto> {
    return this.answers.get(`cards ${query.fiscalYear} ${query.weekEnding}`, () => this.transparency.reportCards(query.fiscalYear, query.weekEnding));
  }

  @Get('report-cards/history')
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOkResponse({ type: ReportCardHistoryDto, description: 'One satker’s published report cards of the year; 404 for an unregistered satker' })
  history(@Query() query: ReportCardHistoryQueryDto): Promise<ReportCardHistoryDto> {
    return this.answers.get(`history ${query.fiscalYear} ${query.satkerCode}`, () => this.transparency.history(query.fiscalYear, query.satkerCode));
  }

  @Get('weekly')
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOkResponse({ type: WeeklySeriesDto, description: 'Cumulative absorption and shares week by week, of one satker, one K/L or all' })
  weekly(@Query() query: WeeklySeriesQueryDto): Promise<WeeklySeriesDto> {
    return this.answers.get(`weekly ${query.fiscalYear} ${query.klCode} ${query.satkerCode}`, () => this.transparency.publicSeries(query.fiscalYear, query));
  }
}
