import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '#serapan/auth';
import { sqlOne } from '#serapan/database';
import { OutboxRelay } from '#serapan/messaging';
import { HealthDto } from './health.dto.js';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  async check(): Promise<HealthDto> {
    const outbox = await sqlOne<{ pending: number }>(this.dataSource, 'SELECT count(*)::int AS pending FROM outbox');
    return { status: 'ok', service: this.service, outboxPending: outbox!.pending, published: this.relay.publishedCount };
  }
}
