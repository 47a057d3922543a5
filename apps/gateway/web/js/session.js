// The signed-in user and their short-lived access token, kept for this browser tab only.
// The session's refresh token is an HttpOnly cookie (one per session) the page never sees:
// POST /api/auth/refresh with the session's id trades it for a new access token (and a new
// refresh token) before the old one expires.
const STORAGE_KEY = 'serapan.session';

function claimsOf(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

const expiresAt = (token) => (claimsOf(token).exp ?? 0) * 1000;

/** The user's id as the services know it (the token's subject): what an order's `placedBy` holds. */
export const subjectOf = (token) => claimsOf(token).sub;

/** The session of this tab, its access token perhaps expired (refresh it); null when signed out. */
export function storedSession() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return null;
  }
}

/** The session while its access token is valid. */
export function currentSession() {
  const session = storedSession();
  return session && expiresAt(session.accessToken) > Date.now() ? session : null;
}

export function saveSession(session) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(STORAGE_KEY);
}

export const msUntilExpiry = (session) => expiresAt(session.accessToken) - Date.now();

let refreshing;

/**
 * A fresh access token from the refresh cookie, saved as the session; null when the
 * session has ended. Calls made at once share one refresh: a refresh token works once.
 */
export function refreshSession() {
  const sessionId = claimsOf(storedSession()?.accessToken ?? '').sid;
  if (!sessionId) return Promise.resolve(null);
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId }),
    credentials: 'same-origin',
  })
    .then(async (response) => {
      if (!response.ok) return null;
      const session = await response.json();
      saveSession(session);
      return session;
    })
    .catch(() => null)
    .finally(() => (refreshing = undefined));
  return refreshing;
}

/** The session with an access token good for at least `marginMs` more, refreshed if need be; null when signed out. */
export async function freshSession(marginMs = 15_000) {
  const session = storedSession();
  if (session && msUntilExpiry(session) > marginMs) return session;
  return refreshSession();
}

/** Ends the session at the gateway (its access token stops working at once) and here. */
export async function endSession() {
  const token = storedSession()?.accessToken;
  clearSession();
  await fetch('/api/auth/logout', { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' }).catch(
    () => undefined,
  );
}
