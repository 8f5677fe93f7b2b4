import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  RequestContact,
  RequestDetail,
  RequestStepResult,
  RequestIntakeResult,
  RequestList,
  RequestListQuery,
  RequestRatingInput,
  RequestStaffIntakeInput,
  RequestSummary,
  RequestTriageInput,
  RequestUnitInput,
  ResidentRequest,
  ResidentRequestList,
  RequestFileInput,
} from '@linli/contracts/modules/requests';
import { api } from '../../lib/api-client';
import { uploadFile } from '../../lib/files';
import { defineMutation } from '../../lib/use-api-mutation';

/** The query keys of the requests workflow: every write invalidates ['requests'] (staff) or ['requests-m'] (/m). */
export const requestKeys = {
  all: ['requests'] as const,
  list: (query: Partial<RequestListQuery>) => ['requests', 'list', query] as const,
  detail: (id: string) => ['requests', 'detail', id] as const,
  duplicates: (id: string) => ['requests', 'duplicates', id] as const,
  mine: ['requests-m'] as const,
};

const defined = (query: object) =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string | number
  >;

export function useRequests(query: Partial<RequestListQuery>, enabled = true) {
  return useQuery({
    queryKey: requestKeys.list(query),
    queryFn: () => api.get<RequestList>('/requests', defined(query)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The unit's queue: what the signed-in account's units must sign for or finish, overdue first. */
export function useUnitQueue(query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['requests', 'queue', query] as const,
    queryFn: () => api.get<RequestList>('/requests/queue', defined(query)),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string) {
  return useQuery({ queryKey: requestKeys.detail(id), queryFn: () => api.get<RequestDetail>(`/requests/${id}`) });
}

export function useDuplicates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: requestKeys.duplicates(id),
    queryFn: () => api.get<{ items: RequestSummary[] }>(`/requests/${id}/duplicates`),
    enabled,
  });
}

/** The address of a photo's bytes (served through the request's scope-checked route). */
export const photoUrl = (photoId: string) => `/api/requests/photos/${photoId}`;
export const residentPhotoUrl = (photoId: string) => `/api/m/requests/photos/${photoId}`;

const invalidatesAll = [requestKeys.all];

export const useStaffIntake = defineMutation({
  mutationFn: (input: RequestStaffIntakeInput) => api.post<RequestIntakeResult>('/requests', input),
  invalidates: invalidatesAll,
});
export const useTriage = defineMutation({
  mutationFn: ({ id, input }: { id: string; input: RequestTriageInput }) =>
    api.post<RequestStepResult>(`/requests/${id}/triage`, input),
  invalidates: invalidatesAll,
});
export const useRoute = defineMutation({
  mutationFn: ({ id, unit }: { id: string; unit?: RequestUnitInput }) =>
    api.post<RequestStepResult>(`/requests/${id}/route`, unit ? { unit } : {}),
  invalidates: invalidatesAll,
});
export const useMerge = defineMutation({
  mutationFn: ({ id, intoId }: { id: string; intoId: string }) =>
    api.post<RequestStepResult>(`/requests/${id}/merge`, { intoId }),
  invalidates: invalidatesAll,
});
export const useReject = defineMutation({
  mutationFn: ({ id, reason }: { id: string; reason: string }) =>
    api.post<RequestStepResult>(`/requests/${id}/reject`, { reason }),
  invalidates: invalidatesAll,
});
export const useSign = defineMutation({
  mutationFn: (id: string) => api.post<RequestStepResult>(`/requests/${id}/sign`),
  invalidates: invalidatesAll,
});
export const useTransfer = defineMutation({
  mutationFn: ({ id, unit, reason }: { id: string; unit: RequestUnitInput; reason: string }) =>
    api.post<RequestStepResult>(`/requests/${id}/transfer`, { unit, reason }),
  invalidates: invalidatesAll,
});
export const useAddNote = defineMutation({
  mutationFn: ({ id, note, photoUploadIds }: { id: string; note: string; photoUploadIds?: string[] }) =>
    api.post<RequestStepResult>(`/requests/${id}/notes`, { note, photoUploadIds }),
  invalidates: invalidatesAll,
});
export const useResolve = defineMutation({
  mutationFn: ({ id, reply, photoUploadIds }: { id: string; reply: string; photoUploadIds?: string[] }) =>
    api.post<RequestStepResult>(`/requests/${id}/resolve`, { reply, photoUploadIds }),
  invalidates: invalidatesAll,
});
export const useRevealContact = defineMutation({
  mutationFn: (id: string) => api.post<RequestContact>(`/requests/${id}/contact/reveal`),
});

// The resident's pages on /m.
export function useMyRequests(page: number) {
  return useQuery({
    queryKey: [...requestKeys.mine, 'list', page] as const,
    queryFn: () => api.get<ResidentRequestList>('/m/requests', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}
export function useMyRequest(id: string) {
  return useQuery({
    queryKey: [...requestKeys.mine, 'detail', id] as const,
    queryFn: () => api.get<ResidentRequest>(`/m/requests/${id}`),
  });
}
export const useFileRequest = defineMutation({
  mutationFn: (input: RequestFileInput) => api.post<RequestIntakeResult>('/m/requests', input),
  invalidates: [requestKeys.mine],
});
export const useRateRequest = defineMutation({
  mutationFn: ({ id, input }: { id: string; input: RequestRatingInput }) =>
    api.post<ResidentRequest>(`/m/requests/${id}/rating`, input),
  invalidates: [requestKeys.mine],
});

/** A photo staged for a request (POST /api/media/photos): its id goes into the request's photoUploadIds. */
export interface UploadedPhoto {
  id: string;
  width: number;
  height: number;
}
export const uploadPhoto = (file: File) => uploadFile<UploadedPhoto>('/media/photos', file, file.type);
