import type { Request, Response } from 'express';

/**
 * A session's refresh token lives in an HttpOnly cookie of its own that only
 * /api/auth ever sees: script on the page (an XSS) cannot read it, SameSite=Strict
 * keeps other sites from making the browser send it, and it is Secure when
 * served over TLS. One cookie per session (named by its id), so tabs of one
 * browser signed in as different users each keep their own session.
 */
const PREFIX = 'serapan_refresh_';
const PATH = '/api/auth';

export const refreshCookieName = (sessionId: string) => `${PREFIX}${sessionId}`;

export function readRefreshCookie(request: Request, sessionId: string): string | undefined {
  const name = refreshCookieName(sessionId);
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export function setRefreshCookie(request: Request, response: Response, sessionId: string, token: string, expiresAt: number): void {
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  response.append('Set-Cookie', cookie(request, `${refreshCookieName(sessionId)}=${encodeURIComponent(token)}`, maxAge));
}

export function clearRefreshCookie(request: Request, response: Response, sessionId: string): void {
  response.append('Set-Cookie', cookie(request, `${refreshCookieName(sessionId)}=`, 0));
}

const cookie = (request: Request, pair: string, maxAge: number) =>
  `${pair}; Path=${PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${request.secure ? '; Secure' : ''}`;
