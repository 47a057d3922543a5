export const ROLES = ['vendor', 'officer', 'finance', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as the login service vouched for it. Scope claims say what
 * the user may act on: a vendor its `vendorId`; an officer or satker finance
 * its `satkerCode`; K/L finance its `klCode`; `ppk` is the authority to sign
 * orders above Rp 200,000,000.
 */
export interface Principal {
  sub: string;
  username: string;
  role: Role;
  vendorId?: string;
  satkerCode?: string;
  klCode?: string;
  ppk?: boolean;
  /** When the token that vouched for it expires (ms since the epoch). */
  expiresAt?: number;
}
