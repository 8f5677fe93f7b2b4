import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { XLSX_MIME } from '@linli/contracts';
import type {
  AllianceChairInput,
  AllianceDetail,
  AllianceInput,
  AllianceList,
  AllianceMemberInput,
  CommitmentInput,
  CommitmentStatus,
  OrganisationContacts,
  OrganisationCreateInput,
  OrganisationDetail,
  OrganisationImportReport,
  OrganisationList,
  OrganisationUpdateInput,
} from '@linli/contracts/modules/organisations';
import type { z } from 'zod';
import { api } from '../../lib/api-client';
import { downloadFile, uploadFile, uploadForDownload } from '../../lib/files';
import { defineMutation } from '../../lib/use-api-mutation';

export const orgKeys = {
  all: ['organisations'] as const,
  list: (filters: OrganisationFilters, page: number, pageSize: number) =>
    ['organisations', 'list', filters, page, pageSize] as const,
  detail: (id: string) => ['organisations', 'detail', id] as const,
  alliances: ['organisations', 'alliances'] as const,
  alliance: (id: string) => ['organisations', 'alliances', id] as const,
};

export interface OrganisationFilters {
  q?: string | undefined;
  kind?: string | undefined;
  areaCode?: string | undefined;
  serviceField?: string | undefined;
  rating?: string | undefined;
  status?: string | undefined;
}

const defined = (filters: OrganisationFilters) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

export function useOrganisations(filters: OrganisationFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: orgKeys.list(filters, page, pageSize),
    queryFn: () => api.get<OrganisationList>('/organisations', { ...defined(filters), page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useOrganisation(id: string) {
  return useQuery({ queryKey: orgKeys.detail(id), queryFn: () => api.get<OrganisationDetail>(`/organisations/${id}`) });
}

export const useCreateOrganisation = defineMutation({
  mutationFn: (input: OrganisationCreateInput) => api.post<OrganisationDetail>('/organisations', input),
  invalidates: [orgKeys.all],
});
export const useUpdateOrganisation = defineMutation({
  mutationFn: ({ id, input }: { id: string; input: OrganisationUpdateInput }) =>
    api.put<OrganisationDetail>(`/organisations/${id}`, input),
  invalidates: [orgKeys.all],
});
export const useSetOrganisationStatus = defineMutation({
  mutationFn: ({ id, status, version }: { id: string; status: 'active' | 'disabled'; version: number }) =>
    api.post<OrganisationDetail>(`/organisations/${id}/status`, { status, version }),
  invalidates: [orgKeys.all],
});
export const useRevealContacts = defineMutation({
  mutationFn: (id: string) => api.post<z.infer<typeof OrganisationContacts>>(`/organisations/${id}/contacts/reveal`),
});

export const exportOrganisations = (filters: OrganisationFilters) =>
  downloadFile('/organisations/export', XLSX_MIME, 'organisations.xlsx', defined(filters));
export const downloadImportErrors = (file: File) =>
  uploadForDownload('/organisations/import/errors', file, XLSX_MIME, XLSX_MIME, 'organisations-errors.xlsx');
export const useImportOrganisations = defineMutation({
  mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
    uploadFile<OrganisationImportReport>('/organisations/import', file, XLSX_MIME, { dryRun: String(dryRun) }),
  invalidates: [orgKeys.all],
});

export function useAlliances() {
  return useQuery({ queryKey: orgKeys.alliances, queryFn: () => api.get<AllianceList>('/organisations/alliances') });
}
export function useAlliance(id: string) {
  return useQuery({
    queryKey: orgKeys.alliance(id),
    queryFn: () => api.get<AllianceDetail>(`/organisations/alliances/${id}`),
  });
}
export const useCreateAlliance = defineMutation({
  mutationFn: (input: AllianceInput) => api.post<AllianceDetail>('/organisations/alliances', input),
  invalidates: [orgKeys.all],
});
export const useAddMember = defineMutation({
  mutationFn: ({ id, input }: { id: string; input: AllianceMemberInput }) =>
    api.post<AllianceDetail>(`/organisations/alliances/${id}/members`, input),
  invalidates: [orgKeys.all],
});
export const useAddChair = defineMutation({
  mutationFn: ({ id, input }: { id: string; input: AllianceChairInput }) =>
    api.post<AllianceDetail>(`/organisations/alliances/${id}/chairs`, input),
  invalidates: [orgKeys.all],
});
export const useAddCommitment = defineMutation({
  mutationFn: ({ id, input }: { id: string; input: CommitmentInput }) =>
    api.post<AllianceDetail>(`/organisations/alliances/${id}/commitments`, input),
  invalidates: [orgKeys.all],
});
export const useSetCommitmentStatus = defineMutation({
  mutationFn: ({ id, status }: { id: string; status: CommitmentStatus }) =>
    api.post<AllianceDetail>(`/organisations/alliance-commitments/${id}/status`, { status }),
  invalidates: [orgKeys.all],
});
export const useUploadPact = defineMutation({
  mutationFn: ({ memberId, file, signedOn }: { memberId: string; file: File; signedOn?: string }) =>
    uploadFile<AllianceDetail>(
      `/organisations/alliance-members/${memberId}/pact`,
      file,
      file.type || 'application/pdf',
      {
        ...(signedOn ? { signedOn } : {}),
      },
    ),
  invalidates: [orgKeys.all],
});
export const downloadPact = (memberId: string, type: string) =>
  downloadFile(`/organisations/alliance-members/${memberId}/pact`, type, 'pact');
