import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ExportRequest as ExportRequestSchema, XLSX_MIME } from '@linli/contracts';
import type {
  Certificate,
  CertificateInput,
  CertificateList,
  CertificateVerification,
  ClaimInput,
  HourClaim,
  HourClaimList,
  HourEntryList,
  HourEntryListQuery,
  IdExportRequestInput,
  IssuerSettings,
  IssuerSettingsView,
  MyHours,
  ReverseInput,
  ReverseResult,
  StarRule,
  StarRuleInput,
} from '@linli/contracts/modules/hours';
import { api } from '../../lib/api-client';
import { downloadFile } from '../../lib/files';
import { defineMutation } from '../../lib/use-api-mutation';

const enc = encodeURIComponent;
const ALL = ['hours'] as const;

export function useHourEntries(filter: HourEntryListQuery) {
  return useQuery({
    queryKey: [...ALL, 'entries', filter],
    queryFn: () => api.get<HourEntryList>('/hours/entries', filter),
    placeholderData: keepPreviousData,
  });
}

export function useHourClaims(filter: { status?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ALL, 'claims', filter],
    queryFn: () => api.get<HourClaimList>('/hours/claims', filter),
    placeholderData: keepPreviousData,
  });
}

export function useCertificates(filter: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ALL, 'certificates', filter],
    queryFn: () => api.get<CertificateList>('/hours/certificates', filter),
    placeholderData: keepPreviousData,
  });
}

export function useStarRule(areaCode: string | undefined) {
  return useQuery({
    queryKey: [...ALL, 'star-rule', areaCode],
    queryFn: () => api.get<StarRule>('/hours/star-rule', areaCode ? { areaCode } : {}),
  });
}

export function useIssuer(areaCode: string | undefined) {
  return useQuery({
    queryKey: [...ALL, 'issuer', areaCode],
    queryFn: () => api.get<IssuerSettingsView>('/hours/issuer', { areaCode: areaCode! }),
    enabled: !!areaCode,
  });
}

export function useMyHours() {
  return useQuery({ queryKey: [...ALL, 'mine'], queryFn: () => api.get<MyHours>('/m/hours') });
}

export function useVerification(code: string) {
  return useQuery({
    queryKey: [...ALL, 'verify', code],
    queryFn: () => api.get<CertificateVerification>(`/public/certificates/${enc(code)}`),
    retry: false,
  });
}

export const useReverseEntry = defineMutation({
  mutationFn: ({ id, body }: { id: string; body: ReverseInput }) =>
    api.post<ReverseResult>(`/hours/entries/${enc(id)}/reverse`, body),
  invalidates: [ALL],
});

export const useDecideClaim = defineMutation({
  mutationFn: ({ id, approve, note }: { id: string; approve: boolean; note: string }) =>
    api.post<HourClaim>(`/hours/claims/${enc(id)}/${approve ? 'approve' : 'decline'}`, { note }),
  invalidates: [ALL],
});

export const useRevokeCertificate = defineMutation({
  mutationFn: ({ id, reason }: { id: string; reason: string }) =>
    api.post<Certificate>(`/hours/certificates/${enc(id)}/revoke`, { reason }),
  invalidates: [ALL],
});

export const useSetStarRule = defineMutation({
  mutationFn: (input: StarRuleInput) => api.put<StarRule>('/hours/star-rule', input),
  invalidates: [ALL],
});

export const useSetIssuer = defineMutation({
  mutationFn: (input: IssuerSettings) => api.put<IssuerSettingsView>('/hours/issuer', input),
  invalidates: [ALL],
});

export const useFileClaim = defineMutation({
  mutationFn: (input: ClaimInput) => api.post<HourClaim>('/m/hours/claims', input),
  invalidates: [ALL],
});

export const useIssueMyCertificate = defineMutation({
  mutationFn: (input: CertificateInput) => api.post<Certificate>('/m/hours/certificates', input),
  invalidates: [ALL],
});

export function downloadNationalCsv(query: Record<string, string>) {
  return downloadFile('/hours/export/national.csv', 'text/csv', 'hours-national.csv', query);
}

export function downloadStatement(query: Record<string, string>) {
  return downloadFile('/hours/export/statement.xlsx', XLSX_MIME, 'hours-statement.xlsx', query);
}

/** The PDF opens in the browser (a plain GET with the session cookie). */
export const staffPdfUrl = (id: string) => `/api/hours/certificates/${enc(id)}/pdf`;
export const myPdfUrl = (id: string) => `/api/m/hours/certificates/${enc(id)}/pdf`;

/** A request for the national CSV with full ID numbers (the contract care's approved exports answer with). */
export type IdExportRequest = (typeof ExportRequestSchema)['_zod']['output'];

/** One's own requests and those waiting for one's approval (待审批), or those decided (已处理). */
export function useIdExportRequests(view: 'pending' | 'decided') {
  return useQuery({
    queryKey: [...ALL, 'id-exports', view],
    queryFn: () => api.get<{ items: IdExportRequest[] }>('/hours/export/id-requests', { view }),
  });
}

/** Asks for the national CSV with full ID numbers of an area and period; someone else approves it. */
export const useRequestIdExport = defineMutation({
  mutationFn: (input: IdExportRequestInput) => api.post<IdExportRequest>('/hours/export/id-requests', input),
  invalidates: [ALL],
});

export const useDecideIdExport = defineMutation({
  mutationFn: ({ id, ...input }: { id: string; approve: boolean; note?: string }) =>
    api.post<IdExportRequest>(`/hours/export/id-requests/${enc(id)}/decision`, input),
  invalidates: [ALL],
});

/** The approved file, once (the server refuses a second download). */
export const downloadIdExport = (id: string) =>
  downloadFile(`/hours/export/id-requests/${enc(id)}/national.csv`, 'text/csv', 'hours-national-full.csv');
