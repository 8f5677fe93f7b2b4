import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  MyWish,
  MyWishList,
  Wish,
  WishCard,
  WishCardList,
  WishConfirmInput,
  WishList,
  WishOnBehalfInput,
  WishPartnerCounts,
  WishPostInput,
  WishStatus,
} from '@linli/contracts/modules/wishes';
import type { PhotoUpload } from '@linli/contracts/modules/places';
import { api } from '../../lib/api-client';
import { uploadFile } from '../../lib/files';
import { defineMutation } from '../../lib/use-api-mutation';

const enc = encodeURIComponent;
const ALL = ['wishes'] as const;

export function useWishes(filter: { status?: WishStatus | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ALL, 'list', filter],
    queryFn: () => api.get<WishList>('/wishes', filter),
    placeholderData: keepPreviousData,
  });
}

export function useWish(id: string) {
  return useQuery({ queryKey: [...ALL, 'detail', id], queryFn: () => api.get<Wish>(`/wishes/${enc(id)}`) });
}

export function useWishWall(filter: { view: 'open' | 'done'; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ALL, 'wall', filter],
    queryFn: () => api.get<WishCardList>('/wishes/wall', filter),
    placeholderData: keepPreviousData,
  });
}

export function useWishClaims(page: number) {
  return useQuery({
    queryKey: [...ALL, 'claims', page],
    queryFn: () => api.get<WishCardList>('/wishes/claims', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useMyWishes(page: number) {
  return useQuery({
    queryKey: [...ALL, 'mine', page],
    queryFn: () => api.get<MyWishList>('/m/wishes', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

/** 微心愿 counts of a partner organisation (its detail page). */
export function useWishPartnerCounts(organisationId: string) {
  return useQuery({
    queryKey: [...ALL, 'partner-counts', organisationId],
    queryFn: () => api.get<WishPartnerCounts>(`/wishes/partners/${enc(organisationId)}/counts`),
  });
}

export const usePostOnBehalf = defineMutation({
  mutationFn: (input: WishOnBehalfInput) => api.post<Wish>('/wishes', input),
  invalidates: [ALL],
});

export type StaffStep =
  | { step: 'publish'; body: Record<string, never> }
  | { step: 'reject'; body: { reason: string } }
  | { step: 'confirm'; body: WishConfirmInput }
  | { step: 'thanks'; body: { approve: boolean } };

export const useStaffStep = defineMutation({
  mutationFn: ({ id, step, body }: StaffStep & { id: string }) => api.post<Wish>(`/wishes/${enc(id)}/${step}`, body),
  invalidates: [ALL],
});

export const useClaimWish = defineMutation({
  mutationFn: (id: string) => api.post<WishCard>(`/wishes/${enc(id)}/claim`, {}),
  invalidates: [ALL],
});

export const useReleaseWish = defineMutation({
  mutationFn: (id: string) => api.post<WishCard>(`/wishes/${enc(id)}/release`, {}),
  invalidates: [ALL],
});

/** Fulfil: the photos go up first (staged on the wish), then the note with their ids. */
export const useFulfilWish = defineMutation({
  mutationFn: async ({ id, note, files }: { id: string; note: string; files: File[] }) => {
    const uploads: PhotoUpload[] = [];
    for (const file of files)
      uploads.push(await uploadFile<PhotoUpload>(`/wishes/${enc(id)}/photos`, file, file.type || 'image/jpeg'));
    return api.post<WishCard>(`/wishes/${enc(id)}/fulfil`, { note, photoUploadIds: uploads.map((u) => u.id) });
  },
  invalidates: [ALL],
});

export const usePostMyWish = defineMutation({
  mutationFn: (input: WishPostInput) => api.post<MyWish>('/m/wishes', input),
  invalidates: [ALL],
});

export const useMyWishStep = defineMutation({
  mutationFn: ({ id, step, body }: { id: string; step: 'withdraw' | 'confirm'; body?: WishConfirmInput }) =>
    api.post<MyWish>(`/m/wishes/${enc(id)}/${step}`, body ?? {}),
  invalidates: [ALL],
});
