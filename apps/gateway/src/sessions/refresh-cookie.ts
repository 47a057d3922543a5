import type { Request, Response } from 'express';

/**
 * The refresh token lives in an HttpOnly cookie that only /api/auth ever sees:
 * script on the page (an XSS) cannot read it, SameSite=Strict keeps other sites
 * from making the browser send it, and it is Secure when served over TLS.
 */
export const REFRESH_COOKIE = 'serapan_refresh';
const PATH = '/api/auth';

export function readRefreshCookie(request: Request): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export function setRefreshCookie(request: Request, response: Response, token: string, expiresAt: number): void {
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  response.append('Set-Cookie', cookie(request, `${REFRESH_COOKIE}=${encodeURIComponent(token)}`, maxAge));
}

export function clearRefreshCookie(request: Request, response: Response): void {
  response.append('Set-Cookie', cookie(request, `${REFRESH_COOKIE}=`, 0));
}

const cookie = (request: Request, pair: string, maxAge: number) =>
  `${pair}; Path=${PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${request.secure ? '; Secure' : ''}`;
