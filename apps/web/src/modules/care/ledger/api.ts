import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { XLSX_MIME, type ErrorBody } from '@linli/contracts';
import { api, ApiError, getApiLanguage, getCsrfToken } from '../../../lib/api-client';
import type { ExportFilter, ExportRequest, LedgerImportReport } from './types';

/** The filter shape of the client list (ClientFilters in ../api) as the export endpoints expect it. */
export interface ListFilter {
  q?: string;
  communityCode?: string;
  gridCode?: string;
  tier?: string;
  category?: string;
  status?: string;
  overdue?: boolean;
}

export const ledgerKeys = {
  /** Under ['care'] so the care module's "refresh everything" also refreshes these. */
  exports: ['care', 'exports'] as const,
};

export function toExportFilter(filter: ListFilter): ExportFilter {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    out[key] = String(value);
  }
  return out as ExportFilter;
}

async function failure(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const ok = typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
  return new ApiError(response.status, ok ? (body as ErrorBody) : { code: 'common.internal', message: response.statusText });
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

/** POSTs the .xlsx itself as the request body (the server takes no multipart). */
export async function importLedger(file: File, opts: { dryRun: boolean; allOrNothing: boolean }): Promise<LedgerImportReport> {
  const qs = new URLSearchParams({ dryRun: String(opts.dryRun), allOrNothing: String(opts.allOrNothing) });
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getApiLanguage(), 'Content-Type': XLSX_MIME };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const response = await send(`/api/care/ledger/import?${qs.toString()}`, { method: 'POST', headers, body: file });
  return (await response.json()) as LedgerImportReport;
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
export async function downloadFile(path: string, fallbackName: string, query?: Record<string, string>): Promise<void> {
  const qs = query ? new URLSearchParams(query).toString() : '';
  const response = await send(`/api${path}${qs ? `?${qs}` : ''}`, {
    method: 'GET',
    headers: { Accept: `${XLSX_MIME}, application/json`, 'Accept-Language': getApiLanguage() },
  });
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

export const exportLedger = (filter: ListFilter) => downloadFile('/care/ledger/export', 'ledger.xlsx', toExportFilter(filter));
export const downloadExport = (id: string) => downloadFile(`/care/exports/${encodeURIComponent(id)}/download`, 'ledger-unmasked.xlsx');

export function useExportRequests() {
  return useQuery({ queryKey: ledgerKeys.exports, queryFn: () => api.get<{ items: ExportRequest[] }>('/care/exports') });
}

function useInvalidating<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['care'] }) });
}

export const useImportLedger = () =>
  useInvalidating(({ file, ...opts }: { file: File; dryRun: boolean; allOrNothing: boolean }) => importLedger(file, opts));
export const useRequestExport = () =>
  useInvalidating((input: { filter: ListFilter; reason: string }) =>
    api.post<ExportRequest>('/care/exports', { filter: toExportFilter(input.filter), reason: input.reason }),
  );
export const useDecideExport = () =>
  useInvalidating(({ id, ...input }: { id: string; approve: boolean; note?: string }) =>
    api.post<ExportRequest>(`/care/exports/${encodeURIComponent(id)}/decision`, input),
  );
