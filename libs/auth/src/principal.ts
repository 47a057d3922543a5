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
  /** When that token was issued (ms since the epoch). */
  issuedAt?: number;
  /** The sign-in session the token belongs to (the gateway can revoke it); absent on tokens minted outside a sign-in. */
  sessionId?: string;
  /** What the token is for: `access` (a bearer token on any route) or `stream` (a ticket that only opens a live stream). */
  use?: TokenUse;
}

/** The `typ` claims a token may carry; none means `access`. */
export const TOKEN_USES = ['access', 'stream'] as const;
export type TokenUse = (typeof TOKEN_USES)[number];
