import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { AuditList, AuditVerifyResult } from '../../lib/types';

export interface AuditFilters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  result?: 'success' | 'failure' | 'denied';
  objectId?: string;
}

export function useAuditLog(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'list', filters, page, pageSize],
    queryFn: () => api.get<AuditList>('/audit', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** Verifying walks the whole chain, so it runs only when asked. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerifyResult>('/audit/verify') });
}
