/** One problem the API reported, e.g. `{path: 'body.auth.token', message: 'Required'}`. */
export interface ErrorDetail {
  path?: string;
  message: string;
}

/** A non-2xx answer in the SPEC §2 envelope (or a network failure, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** Seconds to wait before retrying (429 `Retry-After`). */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    retryAfter?: number,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export interface ApiResult<T> {
  data: T;
  meta?: { limit: number; offset: number; total: number };
}

export const TENANT_API = '/api/v1/tenant-api';

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The session's CSRF token, sent as X-CSRF-Token on every write (the cookie alone is not enough). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session expired or was signed out elsewhere. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Tells the app its session is gone when something other than a request finds out (the event stream). */
export function reportSessionEnded(): void {
  onUnauthorized?.();
}

const SAFE = new Set(['GET', 'HEAD']);

async function parseError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: ErrorDetail[] } };
    if (body.error) {
      const retry = res.headers.get('retry-after');
      const message = body.error.message ?? `HTTP ${res.status}`;
      return new ApiError(
        res.status,
        body.error.code ?? 'ERROR',
        res.status === 429 && retry && !message.includes('retry')
          ? `${message} Retry in ${retry} s.`
          : message,
        Array.isArray(body.error.details) ? body.error.details : [],
      );
    }
  } catch {
    // Not our envelope (a proxy's error page): fall through to a generic message.
  }
  return new ApiError(res.status, 'ERROR', `The server answered HTTP ${res.status}.`);
}

/**
 * Calls the API with the session cookie. Paths starting with `/api/` are used as they are; any
 * other path is relative to the Tenant API (`/connections` → `/api/v1/tenant-api/connections`).
 */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const url = path.startsWith('/api/') ? path : `${TENANT_API}${path}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check your connection and try again.');
  }
  if (!res.ok) {
    const error = await parseError(res);
    // The sign-in routes answer 401 as their normal "not signed in"; anything else means the session ended.
    if (res.status === 401 && !url.startsWith('/api/v1/auth/')) onUnauthorized?.();
    throw error;
  }
  // Any successful change may alter what cached lists show.
  if (!SAFE.has(method)) clearCache();
  if (res.status === 204) return { data: undefined as T };
  return (await res.json()) as ApiResult<T>;
}

const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; result: Promise<ApiResult<unknown>> }>();
const answerListeners = new Map<string, Set<(result: ApiResult<unknown>) => void>>();

export function clearCache(): void {
  cache.clear();
}

/**
 * GET through a short-lived cache shared by every page, for reference lists many pages show
 * (endpoints, widgets, operators). The Tenant API budget is per session and per minute, and a
 * click through the settings would otherwise fetch the same lists again and again. `maxAgeMs`:
 * how old a cached answer may be (a background refresh asks for a newer one than a page view).
 */
export function cachedGet<T>(path: string, maxAgeMs = CACHE_MS): Promise<ApiResult<T>> {
  const hit = cache.get(path);
  if (hit && Date.now() - hit.at < Math.min(maxAgeMs, CACHE_MS)) return hit.result as Promise<ApiResult<T>>;
  const result = api<T>('GET', path);
  cache.set(path, { at: Date.now(), result });
  const current = () => cache.get(path)?.result === result;
  result.then(
    (answer) => {
      if (current()) for (const listener of answerListeners.get(path) ?? []) listener(answer);
    },
    () => {
      if (current()) cache.delete(path);
    },
  );
  return result;
}

/** Calls `listener` with every new answer `cachedGet(path)` fetches, whoever asked for it. */
export function onCachedAnswer<T>(path: string, listener: (result: ApiResult<T>) => void): () => void {
  const listeners = answerListeners.get(path) ?? new Set();
  answerListeners.set(path, listeners);
  const added = listener as (result: ApiResult<unknown>) => void;
  listeners.add(added);
  return () => {
    listeners.delete(added);
    if (listeners.size === 0) answerListeners.delete(path);
  };
}

export const get = <T>(path: string) => api<T>('GET', path).then((r) => r.data);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {}).then((r) => r.data);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body).then((r) => r.data);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body).then((r) => r.data);
export const del = (path: string) => api<void>('DELETE', path).then(() => undefined);

/** Builds `?a=1&b=2`, leaving out empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
