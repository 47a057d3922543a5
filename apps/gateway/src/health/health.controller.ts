import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '#serapan/auth';
import { sqlOne } from '#serapan/database';
import { GatewayHealthDto } from './dto/gateway-health.dto.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: GatewayHealthDto })
  async check(): Promise<GatewayHealthDto> {
    const counted = await sqlOne<{ users: number }>(this.dataSource, 'SELECT count(*)::int AS users FROM users');
    return { status: 'ok', service: 'gateway', users: counted!.users };
  }
}
