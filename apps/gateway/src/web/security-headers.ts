import type { NextFunction, Request, Response } from 'express';
import { cameOverTls } from './forwarded.js';

/** The web app loads only its own scripts, styles and API; nothing may frame it. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** Browsers keep to HTTPS for a year once they saw this over TLS (RFC 6797 ignores it over plain HTTP anyway). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** The headers above on every answer; HSTS only on one that went out over TLS (directly or from a trusted proxy). */
export function securityHeaders(trustedHops: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
    if (cameOverTls(req, trustedHops)) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    next();
  };
}
