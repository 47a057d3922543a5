import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '#serapan/auth';
import { sqlOne } from '#serapan/database';
import { HealthDto } from './health.dto.js';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  async check(): Promise<HealthDto> {
    // public, so it says up or down and nothing more: the outbox backlog and publish counts are on /metrics
    await sqlOne(this.dataSource, 'SELECT 1');
    return { status: 'ok', service: this.service };
  }
}
