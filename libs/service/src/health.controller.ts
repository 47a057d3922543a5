import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '#serapan/auth';
import { OutboxRelay } from '#serapan/messaging';

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
  async check(): Promise<{ status: string; service: string; outboxPending: number; published: number }> {
    const [{ pending }] = await this.dataSource.query('SELECT count(*)::int AS pending FROM outbox');
    return { status: 'ok', service: this.service, outboxPending: pending, published: this.relay.publishedCount };
  }
}
