import { ApiProperty } from '@nestjs/swagger';

/** What the gateway's `GET /health` answers while it is up and reaches its database. */
export class GatewayHealthDto {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ example: 'gateway' }) service: string;
}
