// The signed-in user and their access token, kept for this browser tab only.
const STORAGE_KEY = 'serapan.session';

function expiresAt(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload.exp * 1000;
  } catch {
    return 0;
  }
}

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
