import { ApiProperty } from '@nestjs/swagger';

/** What `GET /health` answers while a service is up and reaches its database. */
export class HealthDto {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ example: 'budget' }) service: string;
  @ApiProperty({ example: 0, description: 'Events written to the outbox and not yet published' }) outboxPending: number;
  @ApiProperty({ example: 1200, description: 'Events this instance has published since it started' }) published: number;
}
