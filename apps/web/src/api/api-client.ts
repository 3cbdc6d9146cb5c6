import { ApiError, fallbackProblem, type ProblemBody } from './api-error';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
  /** A 401 is expected (e.g. `/api/me` for a visitor): do not treat it as an expired session. */
  anonymousOk?: boolean;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** Prefix of every path; '' keeps the calls same-origin (the gateway serves the app and /api). */
  baseUrl?: string;
  /** Called when a call answers 401: the session expired. */
  onUnauthorized?: (error: ApiError) => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * `key=value` pairs in order; lists become `a,b` (the search's format);
 * empty values are left out.
 */
export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readProblem(response: Response): Promise<ProblemBody> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<ProblemBody> | null;
      if (body && typeof body.title === 'string') {
        return {
          ...body,
          title: body.title,
          status: typeof body.status === 'number' ? body.status : response.status,
          code: body.code ?? `http_${response.status}`,
        };
      }
    } catch {
      // An unreadable body: fall back to a title for the status below.
    }
  }
  return fallbackProblem(response.status);
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T = void>(path: string, options?: RequestOptions): Promise<T>;
  /** Raw response of a GET for files (CSV, PDF): the problem is thrown like any other call. */
  download(path: string, options?: RequestOptions): Promise<Blob>;
  /** A POST whose body is a file's bytes as they are (the service recognises the type), answered with JSON. */
  upload<T>(path: string, file: Blob, options?: RequestOptions): Promise<T>;
}

/**
 * The one way the app calls the gateway: same-origin with the session
 * cookie, JSON in and out, `X-Requested-With: fetch` on every
 * state-changing call (the gateway's CSRF check), errors as ApiError built
 * from problem+json. A 401 outside `anonymousOk` calls `onUnauthorized`.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';

  async function send(
    method: string,
    path: string,
    body: unknown,
    requestOptions: RequestOptions = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (!SAFE_METHODS.has(method)) headers['X-Requested-With'] = 'fetch';
    const isFile = body instanceof Blob;
    if (body !== undefined) headers['Content-Type'] = isFile ? 'application/octet-stream' : 'application/json';
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}${buildQuery(requestOptions.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined || isFile ? (body as Blob | undefined) : JSON.stringify(body),
        signal: requestOptions.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw ApiError.network();
    }
    if (response.ok) return response;
    const apiError = new ApiError(await readProblem(response));
    if (response.status === 401 && !requestOptions.anonymousOk) options.onUnauthorized?.(apiError);
    throw apiError;
  }

  async function json<T>(method: string, path: string, body: unknown, requestOptions?: RequestOptions): Promise<T> {
    const response = await send(method, path, body, requestOptions);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    get: (path, requestOptions) => json('GET', path, undefined, requestOptions),
    post: (path, body, requestOptions) => json('POST', path, body ?? {}, requestOptions),
    put: (path, body, requestOptions) => json('PUT', path, body ?? {}, requestOptions),
    patch: (path, body, requestOptions) => json('PATCH', path, body ?? {}, requestOptions),
    delete: (path, requestOptions) => json('DELETE', path, undefined, requestOptions),
    download: async (path, requestOptions) => (await send('GET', path, undefined, requestOptions)).blob(),
    upload: (path, file, requestOptions) => json('POST', path, file, requestOptions),
  };
}
