import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '#serapan/auth';

/** What `GET /health/live` answers while the process serves HTTP. */
export class LivenessDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
}

/**
 * `GET /health/live`: the process is up and its event loop answers. Unlike
 * `/health` (readiness, which queries the database) it asks nothing of the
 * database: a service rides out a database outage by retrying, and restarting
 * it then would only add a cold start to the outage.
 */
@ApiTags('health')
@Controller('health')
export class LivenessController {
  @Public()
  @Get('live')
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }
}
