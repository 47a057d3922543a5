import { randomUUID } from 'node:crypto';
import { Equals, IsDefined, IsISO8601, IsNotEmpty, IsObject, IsString } from 'class-validator';

/** A CloudEvents 1.0 structured-mode JSON envelope. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
}

/** The envelope's shape, checked on every consumed message before its data. */
export class CloudEventEnvelope {
  @Equals('1.0') specversion: string;
  @IsString() @IsNotEmpty() id: string;
  @IsString() @IsNotEmpty() source: string;
  @IsString() @IsNotEmpty() type: string;
  @IsString() @IsNotEmpty() subject: string;
  @IsISO8601() time: string;
  @IsDefined() @IsObject() data: Record<string, unknown>;
}

/** Wraps event data in a new envelope with a fresh id. */
export function cloudEvent<T>(source: string, type: string, subject: string, data: T, time = new Date()): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}
