import { useQuery } from '@tanstack/react-query';
import { XLSX_MIME } from '@linli/contracts';
import { api } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/files';
import { defineMutation } from '../../../lib/use-api-mutation';
import { toExportFilter, type ListFilter } from '../ledger/api';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type { ExportRequest } from '../shared/types';

const enc = encodeURIComponent;

/** The requests to decide or of one's own (待审批), or those decided (已处理). */
export function useExportRequests(view: 'pending' | 'decided') {
  return useQuery({
    queryKey: [...CARE, 'exports', view],
    queryFn: () => api.get<{ items: ExportRequest[] }>('/care/exports', { view }),
  });
}

/** Asks for an unmasked export of the list's filters; someone else approves it. */
export const useRequestExport = defineMutation({
  mutationFn: (input: { filter: ListFilter; reason: string }) =>
    api.post<ExportRequest>('/care/exports', { filter: toExportFilter(input.filter), reason: input.reason }),
  invalidates: CARE_CHANGES,
});

export const useDecideExport = defineMutation({
  mutationFn: ({ id, ...input }: { id: string; approve: boolean; note?: string }) =>
    api.post<ExportRequest>(`/care/exports/${enc(id)}/decision`, input),
  invalidates: CARE_CHANGES,
});

export const downloadExport = (id: string) =>
  downloadFile(`/care/exports/${enc(id)}/download`, XLSX_MIME, 'ledger-unmasked.xlsx');
