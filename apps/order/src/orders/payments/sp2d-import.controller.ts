import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited, InvalidRequestError } from '#serapan/service';
import { SP2D_CSV_HEADER } from './csv-treasury-payments.js';
import { Sp2dImportReportDto } from './dto/sp2d-import-report.dto.js';
import { Sp2dImportService } from './sp2d-import.service.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders/payments')
export class Sp2dImportController {
  constructor(private readonly imports: Sp2dImportService) {}

  @Post('sp2d-import')
  @Roles('finance')
  @Audited('payment.sp2d-import', { target: () => undefined })
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    description: `The treasury's SP2D list: the header ${SP2D_CSV_HEADER.join(',')}, then one SP2D a line`,
    schema: { type: 'string', example: `${SP2D_CSV_HEADER.join(',')}\n260231301000123,2026-11-28,28650000,SP-415423-2026-000042\n` },
  })
  @ApiOkResponse({ type: Sp2dImportReportDto, description: 'What became of each line; lines not paid changed nothing' })
  import(@CurrentPrincipal() principal: Principal, @Body() csv: unknown) {
    if (typeof csv !== 'string') throw new InvalidRequestError('send the SP2D list as a text/csv body');
    return this.imports.import(principal, csv);
  }
}
