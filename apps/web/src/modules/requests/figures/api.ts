import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { XLSX_MIME } from '@linli/contracts';
import type { HotlineImportReport, RequestFigures } from '@linli/contracts/modules/requests';
import { api } from '../../../lib/api-client';
import { downloadFile, uploadFile, uploadForDownload } from '../../../lib/files';
import { defineMutation } from '../../../lib/use-api-mutation';

export interface FiguresQuery {
  from: string;
  to: string;
  groupBy: 'unit' | 'category';
}

export function useRequestFigures(query: FiguresQuery) {
  return useQuery({
    queryKey: ['requests', 'figures', query],
    queryFn: () => api.get<RequestFigures>('/requests/figures', { ...query }),
    placeholderData: keepPreviousData,
  });
}

export const exportRequestLedger = (period: { from: string; to: string }) =>
  downloadFile('/requests/ledger/export', XLSX_MIME, 'requests-ledger.xlsx', period);
export const downloadHotlineTemplate = () =>
  downloadFile('/requests/import/template', XLSX_MIME, 'hotline-template.xlsx');
export const downloadHotlineErrors = (file: File) =>
  uploadForDownload('/requests/import/errors', file, XLSX_MIME, XLSX_MIME, 'hotline-errors.xlsx');
export const useImportHotline = defineMutation({
  mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
    uploadFile<HotlineImportReport>('/requests/import', file, XLSX_MIME, { dryRun: String(dryRun) }),
  invalidates: [['requests']],
});
