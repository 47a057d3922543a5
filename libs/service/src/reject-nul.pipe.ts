import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const MAX_DEPTH = 64;

/**
 * Refuses a body, query or path value holding a NUL character with 400:
 * PostgreSQL text cannot store one, so it would otherwise fail as a 500 deep
 * in a query. Runs before validation on every route.
 */
@Injectable()
export class RejectNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const where = findNul(value, metadata.data ?? metadata.type, 0);
      if (where) throw new BadRequestException(`${where} must not contain a NUL character`);
    }
    return value;
  }
}

/** The path of the first string holding U+0000, if any (values nested deeper than 64 levels are left to validation). */
export function findNul(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}.${key.replace(/\u0000/g, '\\0')}`;
    const found = findNul(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
