import { ApiProperty } from '@nestjs/swagger';

export class StreamTicketDto {
  @ApiProperty({ description: 'A short-lived token that only opens a live stream, as `?access_token=`; the stream ends when it expires' })
  ticket: string;
  @ApiProperty({ description: 'When the ticket expires (ms since the epoch)' }) expiresAt: number;
}
