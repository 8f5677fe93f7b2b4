import { useQuery } from '@tanstack/react-query';
import type { CareHome } from '@linli/contracts';
import { api } from '../../lib/api-client';

export type { CareHome };
export type MyDay = NonNullable<CareHome['mine']>;
export type Approvals = NonNullable<CareHome['approvals']>;
export type AreaFigures = NonNullable<CareHome['area']>;

/** The 工作台's figures (GET /api/care/home); under the care key, so every care write refreshes them. */
export function useCareHome(enabled: boolean) {
  return useQuery({
    queryKey: ['care', 'home'],
    queryFn: () => api.get<CareHome>('/care/home'),
    enabled,
  });
}
