import type { Principal } from '#serapan/auth';
import { ScopeError } from './domain-errors.js';

/**
 * Which satkers a caller sees: officers and satker finance their own satker,
 * K/L finance every satker of its K/L, auditors everything.
 */
export interface SatkerScope {
  satkerCode?: string;
  klCode?: string;
}

/** The caller's satker scope; a caller with neither a satker nor a K/L (except an auditor) has none. */
export function satkerScopeOf(principal: Principal): SatkerScope {
  if (principal.role === 'auditor') return {};
  if (principal.satkerCode) return { satkerCode: principal.satkerCode, klCode: principal.klCode };
  if (principal.role === 'finance' && principal.klCode) return { klCode: principal.klCode };
  throw new ScopeError(`${principal.username} has no satker or K/L scope`);
}

/** Throws unless a satker (of that K/L) is inside the caller's scope. */
export function assertInSatkerScope(principal: Principal, satkerCode: string, klCode: string): void {
  const scope = satkerScopeOf(principal);
  if (scope.satkerCode && scope.satkerCode !== satkerCode) throw new ScopeError(`satker ${satkerCode} is outside your satker ${scope.satkerCode}`);
  if (scope.klCode && scope.klCode !== klCode) throw new ScopeError(`satker ${satkerCode} belongs to K/L ${klCode}, outside your K/L ${scope.klCode}`);
}
