import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WorklistBucket } from '@linli/contracts';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type { RecordVisitInput, RecordVisitResult, Worklist } from '../shared/types';

export type WorklistScope = 'mine' | 'area';

/** The worklist: the first page of each list, or (with `bucket`) one page of that list alone. */
export function useWorklist(scope: WorklistScope, pageSize: number, bucket?: WorklistBucket, page = 1) {
  return useQuery({
    queryKey: [...CARE, 'worklist', scope, pageSize, bucket ?? 'all', page],
    queryFn: () => api.get<Worklist>('/care/worklist', { scope, pageSize, ...(bucket ? { bucket, page } : {}) }),
    placeholderData: keepPreviousData,
  });
}

export const useRecordVisit = defineMutation({
  mutationFn: ({ id, ...input }: RecordVisitInput & { id: string }) =>
    api.post<RecordVisitResult>(`/care/visits/${encodeURIComponent(id)}/record`, input),
  invalidates: CARE_CHANGES,
});
