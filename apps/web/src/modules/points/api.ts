import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  MyPoints,
  PointAccountList,
  PointAdjustInput,
  PointCommunitySummary,
  PointRuleInput,
  PointRules,
  PointStatement,
  PointTeamStatement,
} from '@linli/contracts/modules/points';
import { api } from '../../lib/api-client';
import { downloadFile } from '../../lib/files';
import { defineMutation } from '../../lib/use-api-mutation';

const ALL = ['points'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function usePointAccounts(filter: { areaCode?: string | undefined; kind?: string | undefined; page: number }) {
  return useQuery({
    queryKey: [...ALL, 'accounts', filter],
    queryFn: () =>
      api.get<PointAccountList>('/points/accounts', {
        page: filter.page,
        pageSize: 20,
        ...(filter.areaCode ? { areaCode: filter.areaCode } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePointStatement(accountId: string | null, page: number) {
  return useQuery({
    queryKey: [...ALL, 'statement', accountId, page],
    queryFn: () => api.get<PointStatement>('/points/statement', { accountId: accountId!, page, pageSize: 20 }),
    enabled: !!accountId,
    placeholderData: keepPreviousData,
  });
}

/** A team's members with balance, earned and spent in the period (per-team statement). */
export function usePointTeam(teamId: string | undefined, period: Record<string, string>) {
  return useQuery({
    queryKey: [...ALL, 'team', teamId, period],
    queryFn: () => api.get<PointTeamStatement>(`/points/teams/${encodeURIComponent(teamId!)}`, period),
    enabled: !!teamId,
    placeholderData: keepPreviousData,
  });
}

export function downloadPointsTeam(teamId: string, period: Record<string, string>): Promise<void> {
  return downloadFile(`/points/teams/${encodeURIComponent(teamId)}/export`, XLSX, 'points-team.xlsx', period);
}

export function useCommunityPoints(areaCode: string | undefined) {
  return useQuery({
    queryKey: [...ALL, 'community', areaCode],
    queryFn: () => api.get<PointCommunitySummary>(`/points/community/${areaCode}`),
    enabled: !!areaCode,
  });
}

export function usePointRules(areaCode: string | undefined) {
  return useQuery({
    queryKey: [...ALL, 'rules', areaCode],
    queryFn: () => api.get<PointRules>(`/points/rules/${areaCode}`),
    enabled: !!areaCode,
  });
}

export function useMyPoints(page: number) {
  return useQuery({
    queryKey: [...ALL, 'mine', page],
    queryFn: () => api.get<MyPoints>('/m/points', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export const useAdjustPoints = defineMutation({
  mutationFn: (input: PointAdjustInput) =>
    api.post<{ transferId: string; balance: number }>('/points/adjustments', input),
  invalidates: [ALL],
});

export const useSetPointRule = defineMutation({
  mutationFn: (input: PointRuleInput) => api.post<PointRules>('/points/rules', input),
  invalidates: [ALL],
});

export function downloadPointsLedger(areaCode?: string): Promise<void> {
  return downloadFile('/points/export', XLSX, 'points-ledger.xlsx', areaCode ? { areaCode } : undefined);
}
