import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  Activity,
  ActivityCreated,
  ActivityInput,
  ActivityList,
  ActivityStatus,
  AttendanceInput,
  CheckinCode,
  CheckinResult,
  ConfirmResult,
  LeadOverview,
  OpenActivity,
  OpenActivityList,
  Roster,
} from '@linli/contracts/modules/activities';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const enc = encodeURIComponent;
const ALL = ['activities'] as const;

/** Where an organiser's use cases live: staff under /activities, a team leader under /m/activities/lead. */
export type OrganiserBase = '/activities' | '/m/activities/lead';

export function useActivities(filter: {
  status?: ActivityStatus | undefined;
  when: 'upcoming' | 'past' | 'all';
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...ALL, 'list', filter],
    queryFn: () => api.get<ActivityList>('/activities', filter),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string) {
  return useQuery({ queryKey: [...ALL, 'detail', id], queryFn: () => api.get<Activity>(`/activities/${enc(id)}`) });
}

export function useRoster(base: OrganiserBase, id: string) {
  return useQuery({
    queryKey: [...ALL, 'roster', base, id],
    queryFn: () =>
      api.get<Roster>(base === '/activities' ? `/activities/${enc(id)}/roster` : `${base}/${enc(id)}/roster`),
  });
}

/** The rotating check-in code, fetched again when it rotates (and every 30 s at the latest). */
export function useCheckinCode(base: OrganiserBase, id: string) {
  return useQuery({
    queryKey: [...ALL, 'code', base, id],
    queryFn: () => api.get<CheckinCode>(`${base}/${enc(id)}/checkin-code`),
    refetchInterval: (q) => {
      const at = q.state.data ? new Date(q.state.data.rotatesAt).getTime() - Date.now() : 30_000;
      return Math.min(30_000, Math.max(1_000, at + 200));
    },
    refetchIntervalInBackground: true,
  });
}

export function useLeadOverview() {
  return useQuery({ queryKey: [...ALL, 'lead'], queryFn: () => api.get<LeadOverview>('/m/activities/lead') });
}

export function useOpenActivities(page: number) {
  return useQuery({
    queryKey: [...ALL, 'open', page],
    queryFn: () => api.get<OpenActivityList>('/m/activities', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useMyActivities(when: 'upcoming' | 'past', page: number) {
  return useQuery({
    queryKey: [...ALL, 'mine', when, page],
    queryFn: () => api.get<OpenActivityList>('/m/activities/mine', { when, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useOpenActivity(id: string) {
  return useQuery({
    queryKey: [...ALL, 'open-detail', id],
    queryFn: () => api.get<OpenActivity>(`/m/activities/${enc(id)}`),
  });
}

export const useCreateActivity = defineMutation({
  mutationFn: ({ base, input }: { base: OrganiserBase; input: ActivityInput }) =>
    api.post<ActivityCreated>(base, input),
  invalidates: [ALL],
});

export type OrganiserStep =
  | { step: 'publish' }
  | { step: 'cancel'; body: { reason: string } }
  | { step: 'confirm'; body: { participationIds?: string[] } };

export const useOrganiserStep = defineMutation({
  mutationFn: (s: OrganiserStep & { base: OrganiserBase; id: string }) =>
    api.post<Activity | ConfirmResult>(`${s.base}/${enc(s.id)}/${s.step}`, 'body' in s ? s.body : {}),
  invalidates: [ALL],
});

export const useAttendance = defineMutation({
  mutationFn: (a: { base: OrganiserBase; pid: string; body: AttendanceInput }) =>
    api.post<Roster>(`${a.base}/participations/${enc(a.pid)}/attendance`, a.body),
  invalidates: [ALL],
});

export const useSignup = defineMutation({
  mutationFn: ({ id, roleId }: { id: string; roleId: string }) =>
    api.post<OpenActivity>(`/m/activities/${enc(id)}/signup`, { roleId }),
  invalidates: [ALL],
});

export const useCancelSignup = defineMutation({
  mutationFn: (id: string) => api.post<OpenActivity>(`/m/activities/${enc(id)}/cancel`, {}),
  invalidates: [ALL],
});

export const useCheckin = defineMutation({
  mutationFn: (code: string) => api.post<CheckinResult>('/m/activities/check-in', { code }),
  invalidates: [ALL],
});
