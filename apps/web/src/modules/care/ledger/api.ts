import { XLSX_MIME } from '@linli/contracts';
import { downloadFile, uploadFile, uploadForDownload } from '../../../lib/files';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE_CHANGES } from '../shared/keys';
import type { ExportFilter, LedgerImportReport } from '../shared/types';

/** The client list's filters (ClientFilters in ../clients/api) as the export endpoints expect them. */
export type ListFilter = Record<string, string | undefined>;

export function toExportFilter(filter: ListFilter): ExportFilter {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    out[key] = value;
  }
  return out as ExportFilter;
}

/** The masked ledger of the list's current filters, as an .xlsx download. */
export const exportLedger = (filter: ListFilter) =>
  downloadFile('/care/ledger/export', XLSX_MIME, 'ledger.xlsx', toExportFilter(filter));

/** The blank import template (.xlsx: headings, one example row, a notes sheet). */
export const downloadLedgerTemplate = () => downloadFile('/care/ledger/template', XLSX_MIME, 'ledger-template.xlsx');

/** The error report of a file: its rejected rows as uploaded with a 错误原因 column (the server writes nothing). */
export const downloadLedgerErrors = (file: File) =>
  uploadForDownload('/care/ledger/import/errors', file, XLSX_MIME, XLSX_MIME, 'ledger-errors.xlsx');

export const useImportLedger = defineMutation({
  mutationFn: ({ file, dryRun, allOrNothing }: { file: File; dryRun: boolean; allOrNothing: boolean }) =>
    uploadFile<LedgerImportReport>('/care/ledger/import', file, XLSX_MIME, {
      dryRun: String(dryRun),
      allOrNothing: String(allOrNothing),
    }),
  invalidates: CARE_CHANGES,
});
