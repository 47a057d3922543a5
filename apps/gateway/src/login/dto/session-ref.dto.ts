import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class RefreshDto {
  @ApiProperty({ format: 'uuid', description: 'The session to renew (the `sid` claim of its access token); its refresh cookie is used' })
  @IsUUID()
  sessionId: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The session to end, when no valid bearer token names it' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}
