import { MonoTypeOperatorFunction, takeUntil, timer } from 'rxjs';
import type { Principal } from './principal.js';

/**
 * Ends a live stream when the token that opened it expires; the client then
 * opens it again with a fresh ticket, so a revoked session or a disabled user
 * cannot keep a stream beyond its token's life.
 */
export function untilTokenExpires<T>(principal: Principal): MonoTypeOperatorFunction<T> {
  return takeUntil(timer(new Date(principal.expiresAt ?? Date.now())));
}
