import type { ErrorBody } from '@linli/contracts';
import { ApiError, getApiLanguage, getCsrfToken, idempotencyKeyFor } from './api-client';

/** Uploads and downloads that cannot go through `api` (raw bodies, blobs), with the same token, language and errors. */

async function failure(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const ok = typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
  return new ApiError(
    response.status,
    ok ? (body as ErrorBody) : { code: 'common.internal', message: response.statusText },
  );
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch {
    throw new ApiError(0, { code: 'network', message: 'network error' });
  }
  if (!response.ok) throw await failure(response);
  return response;
}

/** POSTs a file itself as the request body (the server takes no multipart) and reads the JSON answer. */
export async function uploadFile<T>(
  path: string,
  file: File,
  contentType: string,
  query?: Record<string, string>,
): Promise<T> {
  const qs = query ? new URLSearchParams(query).toString() : '';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getApiLanguage(),
    'Content-Type': contentType,
  };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  // The same upload sent twice within seconds (a double click) is one import on the server.
  headers['Idempotency-Key'] = idempotencyKeyFor(`POST ${path}?${qs}\n${file.size}:${file.name}:${file.lastModified}`);
  const response = await send(`/api${path}${qs ? `?${qs}` : ''}`, { method: 'POST', headers, body: file });
  return (await response.json()) as T;
}

function fileNameOf(response: Response, fallback: string): string {
  const cd = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(cd)?.[1] ?? fallback;
}

/** GETs a file and hands it to the browser as a download (blob → object URL → <a download>), then frees the URL. */
export async function downloadFile(
  path: string,
  accept: string,
  fallbackName: string,
  query?: Record<string, string>,
): Promise<void> {
  const qs = query ? new URLSearchParams(query).toString() : '';
  const response = await send(`/api${path}${qs ? `?${qs}` : ''}`, {
    method: 'GET',
    headers: { Accept: `${accept}, application/json`, 'Accept-Language': getApiLanguage() },
  });
  await save(response, fallbackName);
}

/** Hands a file answer to the browser as a download (blob → object URL → <a download>), then frees the URL. */
async function save(response: Response, fallbackName: string): Promise<void> {
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response, fallbackName);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** POSTs a file as the request body (as uploadFile) and hands the file the server answers to the browser. */
export async function uploadForDownload(
  path: string,
  file: File,
  contentType: string,
  accept: string,
  fallbackName: string,
): Promise<void> {
  const headers: Record<string, string> = {
    Accept: `${accept}, application/json`,
    'Accept-Language': getApiLanguage(),
    'Content-Type': contentType,
  };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  // No Idempotency-Key: the answer is a binary file (the server keeps text answers only) and writes nothing.
  await save(await send(`/api${path}`, { method: 'POST', headers, body: file }), fallbackName);
}
