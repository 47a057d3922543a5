import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, ROLES_KEY } from './decorators.js';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier.js';
import type { Principal, Role } from './principal.js';

/**
 * Global HTTP guard: a missing or bad bearer token → 401; a role the route does
 * not admit → 403. Scope (which satker, which vendor) is checked by the services.
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
    const token = bearerToken(request.headers.authorization) ?? queryToken(request.query);
    if (!token) throw new UnauthorizedException('authorization: a bearer access token is required');
    try {
      request.principal = this.verifier.verify(token);
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

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** EventSource cannot send headers, so the live stream accepts `?access_token=`. */
function queryToken(query: Record<string, unknown> | undefined): string | undefined {
  const value = query?.access_token;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
