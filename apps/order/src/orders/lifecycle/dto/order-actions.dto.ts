import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export class TermStepDto {
  @ApiPropertyOptional({ example: 1, description: 'The payment term; by default the first that can take this step' })
  @IsOptional()
  @IsInt({ message: 'termNo must be a term number' })
  @Min(1)
  termNo?: number;
}

export class ReceiveOrderDto extends TermStepDto {
  @ApiProperty({ example: 'BAST-023/2026/0012' }) @IsString() @Length(3, 60) bastNumber: string;
  @ApiProperty({ example: '2026-11-27' }) @Matches(DATE, { message: 'receivedOn must be a date YYYY-MM-DD' }) @IsDateString() receivedOn: string;
}

export class PayOrderDto extends TermStepDto {
  @ApiProperty({ example: '260231301000123' }) @IsString() @Length(3, 60) sp2dNumber: string;
  @ApiProperty({ example: '2026-11-28' }) @Matches(DATE, { message: 'paidOn must be a date YYYY-MM-DD' }) @IsDateString() paidOn: string;
}

export class ReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) reason?: string;
}
