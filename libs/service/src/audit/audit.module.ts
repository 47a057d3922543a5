import { Controller, DynamicModule, Get, Header, Module, Query, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '#serapan/auth';
import { AuditPageDto, AuditQueryDto } from './audit-query.dto.js';
import { readAuditLog } from './audit-reader.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditWriter } from './audit-writer.js';

/** The read endpoint of a service's audit trail at `path`, for auditors only. */
function auditController(path: string): Type<unknown> {
  @ApiTags('audit')
  @ApiBearerAuth()
  @Roles('auditor')
  @Controller(path)
  class AuditController {
    constructor(private readonly dataSource: DataSource) {}

    @Get()
    @Header('Cache-Control', 'no-store')
    @ApiOkResponse({ type: AuditPageDto, description: 'Auditors only: this service’s audit trail, newest first' })
    list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
      return readAuditLog(this.dataSource, query);
    }
  }
  return AuditController;
}

export interface AuditOptions {
  /** Where auditors read this service's trail, e.g. `api/catalog/audit`. */
  path: string;
}

/**
 * A service's audit trail: the writer every `@Audited` route (and anything
 * else that records a change) uses, and GET `<path>` for auditors. Its table
 * comes from `CreateAuditLog1765200100000` in the service's migrations.
 */
@Module({})
export class AuditModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      controllers: [auditController(options.path)],
      providers: [AuditWriter, AuditInterceptor],
      exports: [AuditWriter, AuditInterceptor],
    };
  }
}
