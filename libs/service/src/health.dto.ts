import { ApiProperty } from '@nestjs/swagger';

/** What `GET /health` answers while a service is up and reaches its database; no counts, it is public. */
export class HealthDto {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ example: 'budget' }) service: string;
}
