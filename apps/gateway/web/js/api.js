// JSON over the one origin; the access token rides along on every call, renewed
// before it expires, and once more when an answer says 401.
import { freshSession, refreshSession, storedSession } from './session.js';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => undefined;
export const whenUnauthorized = (handler) => (onUnauthorized = handler);

function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '' && value !== false) params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request(method, path, options = {}) {
  const signedIn = storedSession() !== null;
  const token = signedIn ? (await freshSession())?.accessToken : undefined;
  try {
    return await send(method, path, options, token);
  } catch (error) {
    // revoked or expired in between: one refresh, one retry; a session that has ended signs out
    if (!(error instanceof ApiError) || error.status !== 401 || !token) throw error;
    const renewed = await refreshSession();
    if (!renewed) {
      onUnauthorized();
      throw error;
    }
    return send(method, path, options, renewed.accessToken);
  }
}

async function send(method, path, { query, body, headers = {}, raw = false }, token) {
  const response = await fetch(withQuery(path, query), {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' && headers['content-type'] ? body : JSON.stringify(body),
  });
  if (raw && response.ok) return response;
  const text = await response.text();
  const data = (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  if (!response.ok) {
    const message = Array.isArray(data?.message) ? data.message.join('; ') : (data?.message ?? `${response.status} ${response.statusText}`);
    throw new ApiError(response.status, message, data);
  }
  return data;
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body = {}, headers) => request('POST', path, { body, headers }),
  put: (path, body) => request('PUT', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  delete: (path) => request('DELETE', path),
  /** Uploads a CSV file's text. */
  postCsv: (path, csv) => request('POST', path, { body: csv, headers: { 'content-type': 'text/csv' } }),
  download: (path, query) => request('GET', path, { query, raw: true, headers: { accept: 'text/csv' } }),
  login: (username, password) => send('POST', '/api/auth/login', { body: { username, password } }),
  /** A short-lived ticket that opens a live stream as `?access_token=`; the stream ends when it expires. */
  streamTicket: () => request('POST', '/api/auth/stream-ticket', { body: {} }),
};
