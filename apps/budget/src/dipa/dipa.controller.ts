import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '#serapan/auth';
import { Audited, InvalidRequestError } from '#serapan/service';
import { dipaAsItWas } from '../lines/pagu-audit.js';
import { DipaService } from './dipa.service.js';
import { DipaImportReportDto } from './dto/dipa-import-report.dto.js';

@ApiTags('budget lines')
@ApiBearerAuth()
@Controller('api/budget/dipa')
export class DipaController {
  constructor(private readonly dipa: DipaService) {}

  @Post()
  @Roles('finance')
  @Audited('pagu.import', { target: () => undefined, before: dipaAsItWas })
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'fiscal_year,satker_code,kl_code,account_code,pagu_idr,blokir_idr,dipa_number\r\n2026,415423,024,521211,1500000000,0,DIPA-024.01.1.415423/2026\r\n',
    },
  })
  @ApiOkResponse({ type: DipaImportReportDto, description: 'K/L finance only: each line’s outcome; rejected lines changed nothing' })
  import(@CurrentPrincipal() principal: Principal, @Body() csv: unknown): Promise<DipaImportReportDto> {
    if (typeof csv !== 'string') throw new InvalidRequestError('send the DIPA as a text/csv body');
    return this.dipa.import(principal, csv);
  }
}
