/** A DTO as it travels in JSON: its dates become ISO strings. */
export type Json<T> = T extends Date ? string : T extends (infer Item)[] ? Json<Item>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/** What the services answer with an error status (Nest's shape); `message` is a list when validation failed. */
export interface ErrorBody<Message extends string | string[] = string> {
  statusCode: number;
  error: string;
  message: Message;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A small JSON client for a service under test. A call names the type of the
 * answer it expects: a response DTO (`Json<Dto>` when it holds dates),
 * ErrorBody, or string for text; unnamed, the body is unknown.
 */
export class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string | undefined): Api {
    return new Api(this.baseUrl, token);
  }

  get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request('POST', path, body, headers);
  }
  put<T = unknown>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request('PUT', path, body, headers);
  }
  patch<T = unknown>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request('PATCH', path, body, headers);
  }
  delete<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request('DELETE', path, undefined, headers);
  }

  /** Posts a CSV file as its text (`text/csv`). */
  postCsv<T = unknown>(path: string, csv: string): Promise<ApiResponse<T>> {
    return this.request('POST', path, csv, { 'content-type': 'text/csv' });
  }

  /** Sends `body` as JSON, or as it is when it is a string and `headers` name another content type. */
  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const raw = typeof body === 'string' && headers['content-type'] !== undefined && !headers['content-type'].includes('json');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const parsed: unknown = type.includes('json') && text ? JSON.parse(text) : text;
    // the caller names the answer's type; the test's assertions are what check it
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}
