import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';

/** Most entries one page holds, and how deep paging goes. */
export const AUDIT_PAGE = { maxLimit: 200, maxOffset: 10_000 } as const;

/** Filters of an audit trail read; every one is optional and they combine with AND. */
export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'The user id (token subject) who acted' }) @IsOptional() @MaxLength(100) userId?: string;
  @ApiPropertyOptional({ example: 'ppk.415423' }) @IsOptional() @MaxLength(100) username?: string;
  @ApiPropertyOptional({ example: 'product.update', description: 'An action, or its entity with a trailing dot (`order.`)' })
  @IsOptional()
  @Matches(/^[a-z0-9.-]{1,64}$/, { message: 'action must be an action name like product.update, or an entity followed by a dot' })
  action?: string;
  @ApiPropertyOptional({ example: 'product' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'entity must be an entity name like product' })
  entity?: string;
  @ApiPropertyOptional() @IsOptional() @MaxLength(200) entityId?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'From this time on (inclusive)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: 'Before this time (exclusive)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ default: 50, maximum: AUDIT_PAGE.maxLimit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE.maxLimit)
  limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: AUDIT_PAGE.maxOffset })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(AUDIT_PAGE.maxOffset)
  offset?: number;
}

/** One entry of the audit trail. */
export class AuditEntryDto {
  @ApiProperty({ example: '1042', description: 'Ascending within one service' }) id: string;
  @ApiProperty({ example: '2026-03-02T04:05:06.789Z' }) at: string;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'vendor.medika' }) username: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'vendor' }) role: string | null;
  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' }) clientAddress: string | null;
  @ApiProperty({ example: 'product.update' }) action: string;
  @ApiProperty({ example: 'product' }) entity: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, description: 'The thing before the change (null for a creation or a sign-in)' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'The thing after the change' }) after: unknown;
}

/** A page of the audit trail, newest first. */
export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
