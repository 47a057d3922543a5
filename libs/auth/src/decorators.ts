import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './principal.js';

export const IS_PUBLIC = 'serapan:public';
export const ROLES_KEY = 'serapan:roles';
export const STREAM = 'serapan:stream';

/** The route needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * A live stream (Server-Sent Events): EventSource cannot send headers, so besides a bearer
 * access token the route takes a short-lived stream ticket as `?access_token=`, and no other route does.
 */
export const LiveStream = () => SetMetadata(STREAM, true);

/** Only these roles may call the route (403 for the others). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
