import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'ppk.415423', minLength: 1, maxLength: 64, description: 'Case does not matter' }) @IsString() @Length(1, 64) username: string;
  @ApiProperty({ minLength: 1, maxLength: 256, format: 'password' }) @IsString() @Length(1, 256) password: string;
}
