import type { ErrorBody } from '@linli/contracts';

/** An API failure: `code` is an ErrorCode from contracts (or 'network' when the server was unreachable). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ErrorBody['fields'];
  readonly requestId: string | undefined;

  constructor(status: number, body: ErrorBody) {
    super(body.message || body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields;
    this.requestId = body.requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Codes that mean "no valid session": the app drops its cached session and shows the login page. */
export const SESSION_LOST_CODES: readonly string[] = ['auth.unauthenticated', 'auth.session_expired'];

// Held in memory only (never in web storage): the CSRF token of the current session.
let csrfToken: string | null = null;
let acceptLanguage = 'zh-CN';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

/** For raw-body uploads and file downloads that cannot go through `api` (same token, same language). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

export function getApiLanguage(): string {
  return acceptLanguage;
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** Login endpoints run before a session exists, so they carry no CSRF token. */
  skipCsrf?: boolean;
  /** TanStack Query's signal: a cancelled query (logout cancels them all) aborts its fetch instead of ending in 401. */
  signal?: AbortSignal;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** How long a repeat of the same request reuses the first one's Idempotency-Key (a double click, a quick retry). */
const REPEAT_WINDOW_MS = 10_000;
const recentRequests = new Map<string, { key: string; at: number }>();

/**
 * The Idempotency-Key for an unsafe request: a fresh one, unless the very same request (method, path, body) went out
 * less than REPEAT_WINDOW_MS ago — then the same key, so the server runs it once and answers the repeat with the
 * first answer. Kept in memory only, for seconds.
 */
export function idempotencyKeyFor(fingerprint: string): string {
  const now = Date.now();
  for (const [known, entry] of recentRequests) if (now - entry.at > REPEAT_WINDOW_MS) recentRequests.delete(known);
  const hit = recentRequests.get(fingerprint);
  if (hit) {
    hit.at = now;
    return hit.key;
  }
  // Not crypto.randomUUID(): it exists only in secure contexts, and Linli is also served over plain http on a LAN.
  const key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  recentRequests.set(fingerprint, { key, at: now });
  return key;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && !options.skipCsrf && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (UNSAFE.has(method) && !options.skipCsrf) {
    headers['Idempotency-Key'] = idempotencyKeyFor(`${method} ${path}\n${JSON.stringify(options.body ?? null)}`);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(`/api${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, { code: 'network', message: 'network error' });
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const body: ErrorBody = isErrorBody(data) ? data : { code: 'common.internal', message: response.statusText };
    throw new ApiError(response.status, body);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts?: { skipCsrf?: boolean }) =>
    request<T>('POST', path, { body: body ?? {}, skipCsrf: opts?.skipCsrf }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
