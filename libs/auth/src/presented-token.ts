import type { TokenUse } from './principal.js';

/**
 * The token a request presents and what it must be, by one rule for the
 * services' guard and the gateway's proxy alike: `?access_token=` only on a live
 * stream, and there only a stream ticket; otherwise `Authorization: Bearer` with
 * an access token.
 */
export function presentedToken(
  authorization: string | undefined,
  urlToken: string | null,
  stream: boolean,
): { token: string; use: TokenUse } | { refusal: string } {
  if (urlToken !== null) {
    if (!stream) return { refusal: 'a token in the URL is accepted only by a live stream; send Authorization: Bearer' };
    return urlToken ? { token: urlToken, use: 'stream' } : { refusal: 'access_token is empty' };
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return bearer ? { token: bearer, use: 'access' } : { refusal: 'a bearer access token is required' };
}
