import { useQuery } from '@tanstack/react-query';
import type { PhotoUpload, Place, PlaceInput, PlaceList, PlaceUpdate } from '@linli/contracts/modules/places';
import { api } from '../../lib/api-client';
import { uploadFile } from '../../lib/files';
import { defineMutation } from '../../lib/use-api-mutation';

const keys = {
  all: ['places'] as const,
  list: (communityCode: string, includeInactive: boolean) =>
    ['places', 'list', communityCode, includeInactive] as const,
};

/** A community's places (the active ones; staff may ask for the deactivated ones too). */
export function usePlaces(communityCode: string | undefined, includeInactive = false) {
  return useQuery({
    queryKey: keys.list(communityCode ?? '', includeInactive),
    queryFn: () =>
      api.get<PlaceList>('/places', { communityCode: communityCode!, includeInactive: String(includeInactive) }),
    enabled: Boolean(communityCode),
  });
}

export const useCreatePlace = defineMutation({
  mutationFn: (input: PlaceInput) => api.post<Place>('/places', input),
  invalidates: [keys.all],
});

export const useUpdatePlace = defineMutation({
  mutationFn: ({ id, ...change }: PlaceUpdate & { id: string }) => api.patch<Place>(`/places/${id}`, change),
  invalidates: [keys.all],
});

/**
 * Uploads one photo (JPEG, PNG or WebP, at most 10 MB) for any form that attaches photos: the server strips its
 * metadata and resizes it, and answers the upload's id, which the form sends along (`photoUploadIds`).
 */
export function uploadPhoto(file: File): Promise<PhotoUpload> {
  return uploadFile<PhotoUpload>('/media/photos', file, file.type || 'application/octet-stream');
}
