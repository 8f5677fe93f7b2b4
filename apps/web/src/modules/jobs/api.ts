import { useQuery } from '@tanstack/react-query';
import type { JobsOverview } from '@linli/contracts/modules/jobs';
import { api } from '../../lib/api-client';

/** The page refreshes itself this often (the jobs run every few seconds). */
export const REFRESH_MS = 5000;

export function useJobsOverview() {
  return useQuery({
    queryKey: ['jobs', 'overview'],
    queryFn: () => api.get<JobsOverview>('/jobs'),
    refetchInterval: REFRESH_MS,
  });
}
