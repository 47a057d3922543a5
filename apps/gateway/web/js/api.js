// JSON over the one origin; the access token rides along on every call.
import { currentSession } from './session.js';

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

async function request(method, path, { query, body, headers = {}, raw = false } = {}) {
  const token = currentSession()?.accessToken;
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
    if (response.status === 401 && token) onUnauthorized();
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
  login: (username, password) => request('POST', '/api/auth/login', { body: { username, password } }),
};
