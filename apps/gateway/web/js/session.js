// The signed-in user and their access token, kept for this browser tab only.
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

export function currentSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return session && expiresAt(session.accessToken) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(STORAGE_KEY);
}

export const msUntilExpiry = (session) => expiresAt(session.accessToken) - Date.now();
