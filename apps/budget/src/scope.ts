import type { Principal } from '#serapan/auth';
import { ScopeError } from '#serapan/service';

/**
 * Which satkers a caller sees: satker finance and officers their own satker,
 * K/L finance its ministry, auditors everything.
 */
export interface BudgetScope {
  satkerCode?: string;
  klCode?: string;
}

export function scopeOf(principal: Principal): BudgetScope {
  if (principal.role === 'auditor') return {};
  if (principal.satkerCode) return { satkerCode: principal.satkerCode, klCode: principal.klCode };
  if (principal.role === 'finance' && principal.klCode) return { klCode: principal.klCode };
  throw new ScopeError(`${principal.username} has no satker or K/L scope`);
}

/** Throws unless the caller may act on (or read) a line of this satker and K/L. */
export function assertInScope(principal: Principal, satkerCode: string, klCode: string): void {
  const scope = scopeOf(principal);
  if (scope.satkerCode && scope.satkerCode !== satkerCode) throw new ScopeError(`satkerCode ${satkerCode} is outside your satker ${scope.satkerCode}`);
  if (scope.klCode && scope.klCode !== klCode) throw new ScopeError(`satker ${satkerCode} belongs to K/L ${klCode}, outside your K/L ${scope.klCode}`);
}
