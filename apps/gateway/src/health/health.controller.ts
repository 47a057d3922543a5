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
    // public: up or down, and no counts of anything
    await sqlOne(this.dataSource, 'SELECT 1');
    return { status: 'ok', service: 'gateway' };
  }
}
