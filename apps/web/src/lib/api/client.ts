// The one way the dashboard calls apps/api: same-origin `/api/*` (proxied), cookies included, the CSRF
// header on writes, `{ error: { code, message } }` turned into an ApiError.

export const CSRF_COOKIE = 'sendops_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: string, message: string, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is with its own type (an uploaded file) instead of `body` as JSON. */
  rawBody?: Blob;
  /** Default true: a 401 sends the browser to sign-in and comes back here afterwards. */
  redirectOn401?: boolean;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function signInUrl(next?: string): string {
  const target =
    next ?? (typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search);
  return target && target !== '/' && !target.startsWith('/sign-')
    ? `/sign-in?next=${encodeURIComponent(target)}`
    : '/sign-in';
}

async function errorFrom(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retry = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (body?.error && typeof body.error.code === 'string') {
      return new ApiError(
        response.status,
        body.error.code,
        typeof body.error.message === 'string' ? body.error.message : body.error.code,
        retry,
      );
    }
  } catch {
    // Not JSON (a proxy error page, an API that is not running): fall through to a generic error.
  }
  if (response.status === 404) return new ApiError(404, 'not_found', 'Not found.');
  if (response.status >= 500)
    return new ApiError(
      response.status,
      'unavailable',
      'The SendOps API is not answering. Try again shortly.',
    );
  return new ApiError(response.status, 'error', `Request failed (${response.status}).`, retry);
}

export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  if (options.rawBody) headers['content-type'] = options.rawBody.type;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Cannot reach SendOps. Check your connection and try again.');
  }
  if (response.status === 401 && options.redirectOn401 !== false && typeof window !== 'undefined') {
    window.location.assign(signInUrl());
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiRequest<T>('PATCH', path, { ...options, body }),
  putRaw: <T>(path: string, rawBody: Blob, options?: RequestOptions) =>
    apiRequest<T>('PUT', path, { ...options, rawBody }),
  delete: <T = void>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('DELETE', path, { ...options, body }),
};

/** A message fit to show a person for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited' && error.retryAfterSeconds)
      return `${error.message} Try again in ${error.retryAfterSeconds} s.`;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
