import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mergeMap, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { actorOf, clientAddressOf } from './audit-entry.js';
import { AuditWriter } from './audit-writer.js';
import { AUDITED, type AuditCall, type AuditSpec } from './audit-spec.js';

interface AuditedRequest {
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
  params?: Record<string, string>;
  body?: unknown;
  principal?: Principal;
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string' ? value.id : undefined;

/** Writes the audit entry of an `@Audited` route once its handler has succeeded (see `Audited`). */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly writer: AuditWriter,
    private readonly dataSource: DataSource,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
    if (!spec) return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const call: AuditCall = { params: request.params ?? {}, body: request.body, principal: request.principal };
    const before = spec.before ? await spec.before(this.dataSource, call) : undefined;
    return next.handle().pipe(
      mergeMap(async (answer: unknown) => {
        const after = spec.after ? await spec.after(this.dataSource, call, answer) : answer;
        this.writer.record({
          ...actorOf(call.principal),
          clientAddress: clientAddressOf(request),
          action: spec.action,
          entity: spec.entity ?? spec.action.split('.')[0],
          entityId: spec.target ? spec.target(call, answer) : (call.params.id ?? idOf(answer)),
          before: before ?? null,
          after,
        });
        return answer;
      }),
    );
  }
}
