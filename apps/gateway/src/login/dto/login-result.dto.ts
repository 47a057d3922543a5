import { ApiProperty } from '@nestjs/swagger';
import { UserViewDto } from '../../users/dto/user-view.dto.js';

export class LoginResultDto {
  @ApiProperty({ description: 'A short-lived RS256 JWT every service accepts as `Authorization: Bearer …`; renew it with POST /api/auth/refresh' })
  accessToken: string;
  @ApiProperty({ type: UserViewDto }) user: UserViewDto;
}
