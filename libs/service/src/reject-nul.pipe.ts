import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const MAX_DEPTH = 64;

/**
 * Refuses, with 400, a body, query or path value that holds a NUL character
 * (PostgreSQL text cannot store one, so it would otherwise fail as a 500 deep
 * in a query) or that is nested deeper than 64 levels (no API takes such a
 * thing, and validation would recurse into it). Runs before validation on
 * every route.
 */
@Injectable()
export class RejectNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const found = findNul(value, metadata.data ?? metadata.type, 0);
      if (found)
        throw new BadRequestException(
          found.tooDeep ? `${found.path} is nested deeper than ${MAX_DEPTH} levels` : `${found.path} must not contain a NUL character`,
        );
    }
    return value;
  }
}

/** The path of the first string holding U+0000, or of a value nested deeper than 64 levels, if any. */
export function findNul(value: unknown, path: string, depth: number): { path: string; tooDeep?: true } | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { path } : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { path, tooDeep: true };
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return { path: `${path}.${key.replaceAll('\u0000', '\\0')}` };
    const found = findNul(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
