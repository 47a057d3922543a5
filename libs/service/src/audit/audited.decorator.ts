import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { AuditInterceptor } from './audit.interceptor.js';
import { AUDITED, type AuditSpec } from './audit-spec.js';

/**
 * Records every successful call of the route in the service's `audit_log`:
 * who (user id, name, role), when, from which address, the action, the id of
 * what it changed, and the thing before and after.
 */
export const Audited = (action: string, spec: Omit<AuditSpec, 'action'> = {}) =>
  applyDecorators(SetMetadata(AUDITED, { ...spec, action }), UseInterceptors(AuditInterceptor));
