import { ApiProperty } from '@nestjs/swagger';
import { UserViewDto } from '../../users/dto/user-view.dto.js';

export class LoginResultDto {
  @ApiProperty({ description: 'An RS256 JWT every service accepts as `Authorization: Bearer …`' }) accessToken: string;
  @ApiProperty({ type: UserViewDto }) user: UserViewDto;
}
