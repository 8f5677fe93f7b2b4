import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { defineMutation } from '../../../lib/use-api-mutation';
import { CARE, CARE_CHANGES } from '../shared/keys';
import type { RecordVisitInput, RecordVisitResult, Worklist } from '../shared/types';

export type WorklistScope = 'mine' | 'area';

export function useWorklist(scope: WorklistScope) {
  return useQuery({
    queryKey: [...CARE, 'worklist', scope],
    queryFn: () => api.get<Worklist>('/care/worklist', { scope }),
  });
}

export const useRecordVisit = defineMutation({
  mutationFn: ({ id, ...input }: RecordVisitInput & { id: string }) =>
    api.post<RecordVisitResult>(`/care/visits/${encodeURIComponent(id)}/record`, input),
  invalidates: CARE_CHANGES,
});
