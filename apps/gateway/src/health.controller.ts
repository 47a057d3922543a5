import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '#serapan/auth';

@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  async check(): Promise<{ status: string; service: string; users: number }> {
    const [{ users }] = await this.dataSource.query('SELECT count(*)::int AS users FROM users');
    return { status: 'ok', service: 'gateway', users };
  }
}
