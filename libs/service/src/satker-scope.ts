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

/**
 * Throws unless a satker (of that K/L) is inside the caller's scope. The
 * refusal names only the caller's own satker or K/L: the one asked about may
 * come from a record the caller only knew by its id.
 */
export function assertInSatkerScope(principal: Principal, satkerCode: string, klCode: string): void {
  const scope = satkerScopeOf(principal);
  if (scope.satkerCode && scope.satkerCode !== satkerCode) throw new ScopeError(`this belongs to another satker, outside your satker ${scope.satkerCode}`);
  if (scope.klCode && scope.klCode !== klCode) throw new ScopeError(`this belongs to another K/L, outside your K/L ${scope.klCode}`);
}
