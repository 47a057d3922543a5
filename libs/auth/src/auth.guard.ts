import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, ROLES_KEY, STREAM } from './decorators.js';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier.js';
import type { Principal, Role } from './principal.js';
import { presentedToken } from './presented-token.js';

/**
 * Global HTTP guard: a missing or bad bearer token → 401; a role the route does
 * not admit → 403. A token in the URL is taken only on a `@LiveStream()` route,
 * and only if it is a stream ticket. Scope (which satker, which vendor) is
 * checked by the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; query?: Record<string, unknown>; principal?: Principal }>();
    const stream = this.reflector.getAllAndOverride<boolean>(STREAM, targets) === true;
    const ticket = request.query?.access_token;
    const presented = presentedToken(request.headers.authorization, ticket === undefined ? null : typeof ticket === 'string' ? ticket : '', stream);
    if ('refusal' in presented) throw new UnauthorizedException(`authorization: ${presented.refusal}`);
    try {
      request.principal = this.verifier.verify(presented.token, presented.use);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(`authorization: ${error.message}`);
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new ForbiddenException(`role ${request.principal.role} may not do this; allowed: ${roles.join(', ')}`);
    }
    return true;
  }
}
