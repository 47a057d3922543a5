import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Public } from '#serapan/auth';
import { OrderConfig } from '../order.config.js';
import { BulkParamsDto } from './dto/bulk-params.dto.js';
import { ReleasesQueryDto } from './dto/releases-query.dto.js';
import { OpenDataService } from './open-data.service.js';
import { publicBaseUrl } from './public-base-url.js';

/** The official schemas of what the export answers. */
const OCDS_SCHEMA = 'https://standard.open-contracting.org/schema/1__1__5';
const releasePackage = { $ref: `${OCDS_SCHEMA}/release-package-schema.json` };
const recordPackage = { $ref: `${OCDS_SCHEMA}/record-package-schema.json` };

/** The orders as open contracting data: no login, no personal data (docs/open-data.md). */
@ApiTags('open data')
@Public()
@Controller('api/open-data')
export class OpenDataController {
  constructor(
    private readonly openData: OpenDataService,
    private readonly config: OrderConfig,
  ) {}

  @Get('releases')
  @ApiOkResponse({ schema: releasePackage, description: 'An OCDS 1.1 release package, oldest release first; links.next while more remain' })
  releases(@Query() query: ReleasesQueryDto, @Headers() headers: Record<string, string | undefined>) {
    return this.openData.releases(query, this.baseUrl(headers));
  }

  @Get('records/:ocid')
  @ApiOkResponse({ schema: recordPackage, description: 'An OCDS 1.1 record package: the releases of one ocid and their compiled release' })
  record(@Param('ocid') ocid: string, @Headers() headers: Record<string, string | undefined>) {
    return this.openData.record(ocid, this.baseUrl(headers));
  }

  @Get('bulk/:fiscalYear')
  @ApiProduces('application/json')
  @ApiOkResponse({ schema: releasePackage, description: "One release package of every release of the fiscal year's orders, as a file" })
  bulk(@Param() { fiscalYear }: BulkParamsDto, @Headers() headers: Record<string, string | undefined>) {
    return new StreamableFile(Readable.from(this.openData.bulk(fiscalYear, this.baseUrl(headers))), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="serapan-ocds-${fiscalYear}.json"`,
    });
  }

  @Get('publication-policy')
  @ApiOkResponse({ schema: { type: 'object' }, description: 'What the export publishes, under which licence, and what it leaves out' })
  publicationPolicy(@Headers() headers: Record<string, string | undefined>) {
    return this.openData.publicationPolicy(this.baseUrl(headers));
  }

  private baseUrl(headers: Record<string, string | undefined>): string {
    return publicBaseUrl(this.config.OCDS_PUBLIC_BASE_URL, headers);
  }
}
