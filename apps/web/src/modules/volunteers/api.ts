import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CorrectionAnswerInput,
  CorrectionInput,
  CorrectionList,
  CounterCode,
  MyVolunteer,
  OpenTeamList,
  RecordEntryInput,
  TeamDetail,
  TeamInput,
  TeamList,
  VolunteerList,
  VolunteerRecord,
  VolunteerRegistrationInput,
  VolunteerSkill,
  VolunteerStatus,
} from '@linli/contracts/modules/volunteers';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

const enc = encodeURIComponent;
const ALL = ['volunteers'] as const;
const TEAMS = ['volunteer-teams'] as const;
const MINE = ['volunteers', 'mine'] as const;

export function useVolunteers(filter: {
  status?: VolunteerStatus | undefined;
  teamId?: string | undefined;
  skill?: VolunteerSkill | undefined;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...ALL, 'list', filter],
    queryFn: () => api.get<VolunteerList>('/volunteers', filter),
    placeholderData: keepPreviousData,
  });
}

export function useVolunteerRecord(id: string) {
  return useQuery({
    queryKey: [...ALL, 'detail', id],
    queryFn: () => api.get<VolunteerRecord>(`/volunteers/${enc(id)}`),
  });
}

export function useOpenCorrections() {
  return useQuery({
    queryKey: [...ALL, 'corrections'],
    queryFn: () => api.get<CorrectionList>('/volunteers/corrections'),
  });
}

export const useConfirmVolunteer = defineMutation({
  mutationFn: (id: string) => api.post<VolunteerRecord>(`/volunteers/${enc(id)}/confirm`),
  invalidates: [ALL],
});
export const useRejectVolunteer = defineMutation({
  mutationFn: ({ id, reason }: { id: string; reason: string }) =>
    api.post<VolunteerRecord>(`/volunteers/${enc(id)}/reject`, { reason }),
  invalidates: [ALL],
});
export const useVolunteerStatus = defineMutation({
  mutationFn: ({ id, ...body }: { id: string; status: 'suspended' | 'active' | 'left'; reason: string }) =>
    api.post<VolunteerRecord>(`/volunteers/${enc(id)}/status`, body),
  invalidates: [ALL, TEAMS],
});
export const useAddRecordEntry = defineMutation({
  mutationFn: ({ id, ...body }: RecordEntryInput & { id: string }) =>
    api.post<VolunteerRecord>(`/volunteers/${enc(id)}/records`, body),
  invalidates: [ALL],
});
export const useAnswerCorrection = defineMutation({
  mutationFn: ({ id, ...body }: CorrectionAnswerInput & { id: string }) =>
    api.post<VolunteerRecord>(`/volunteers/corrections/${enc(id)}/answer`, body),
  invalidates: [ALL],
});

// --- teams -----------------------------------------------------------------------------------------------------------

export function useTeams(filter: { colour?: string | undefined } = {}) {
  return useQuery({
    queryKey: [...TEAMS, 'list', filter],
    queryFn: () => api.get<TeamList>('/volunteer-teams', filter),
  });
}

export function useTeam(id: string) {
  return useQuery({
    queryKey: [...TEAMS, 'detail', id],
    queryFn: () => api.get<TeamDetail>(`/volunteer-teams/${enc(id)}`),
  });
}

export const useCreateTeam = defineMutation({
  mutationFn: (input: TeamInput) => api.post<TeamDetail>('/volunteer-teams', input),
  invalidates: [TEAMS],
});
export const useUpdateTeam = defineMutation({
  mutationFn: ({ id, ...body }: Omit<TeamInput, 'areaCode'> & { id: string; status?: 'active' | 'dissolved' }) =>
    api.put<TeamDetail>(`/volunteer-teams/${enc(id)}`, body),
  invalidates: [TEAMS],
});
export const useAddTeamMember = defineMutation({
  mutationFn: ({ id, ...body }: { id: string; volunteerId: string; role: 'member' | 'leader' }) =>
    api.post<TeamDetail>(`/volunteer-teams/${enc(id)}/members`, body),
  invalidates: [TEAMS, ALL],
});
export const useTeamMemberAction = defineMutation({
  mutationFn: ({ memberId, action, body }: { memberId: string; action: 'decide' | 'role' | 'end'; body?: object }) =>
    api.post<TeamDetail>(`/volunteer-teams/members/${enc(memberId)}/${action}`, body ?? {}),
  invalidates: [TEAMS, ALL],
});

// --- a partner member's 我们的志愿队伍 ----------------------------------------------------------------------------------

const PARTNER_TEAMS = ['partner', 'volunteer-teams'] as const;

export function usePartnerTeams() {
  return useQuery({
    queryKey: [...PARTNER_TEAMS, 'list'],
    queryFn: () => api.get<TeamList>('/partner/volunteer-teams'),
  });
}

export function usePartnerTeam(id: string) {
  return useQuery({
    queryKey: [...PARTNER_TEAMS, 'detail', id],
    queryFn: () => api.get<TeamDetail>(`/partner/volunteer-teams/${enc(id)}`),
  });
}

export const usePartnerDecide = defineMutation({
  mutationFn: ({ memberId, approve }: { memberId: string; approve: boolean }) =>
    api.post<TeamDetail>(`/partner/volunteer-teams/members/${enc(memberId)}/decide`, { approve }),
  invalidates: [PARTNER_TEAMS],
});

// --- /m --------------------------------------------------------------------------------------------------------------

export function useMyVolunteer() {
  return useQuery({ queryKey: MINE, queryFn: () => api.get<MyVolunteer>('/m/volunteer') });
}

export function useCounterCode(enabled: boolean) {
  return useQuery({
    queryKey: [...MINE, 'code'],
    queryFn: () => api.get<CounterCode>('/m/volunteer/counter-code'),
    enabled,
    refetchInterval: (query) => {
      const rotatesAt = query.state.data?.rotatesAt;
      return rotatesAt ? Math.max(1000, new Date(rotatesAt).getTime() - Date.now() + 200) : 30_000;
    },
  });
}

export function useOpenTeams(enabled: boolean) {
  return useQuery({
    queryKey: [...MINE, 'teams'],
    queryFn: () => api.get<OpenTeamList>('/m/volunteer/teams'),
    enabled,
  });
}

export function useLedTeam(id: string) {
  return useQuery({
    queryKey: [...MINE, 'led', id],
    queryFn: () => api.get<TeamDetail>(`/m/volunteer/led-teams/${enc(id)}`),
  });
}

export const useRegisterVolunteer = defineMutation({
  mutationFn: (input: VolunteerRegistrationInput) => api.post<MyVolunteer>('/m/volunteer', input),
  invalidates: [MINE],
});
export const useJoinTeam = defineMutation({
  mutationFn: (teamId: string) => api.post<MyVolunteer>(`/m/volunteer/teams/${enc(teamId)}/join`),
  invalidates: [MINE],
});
export const useLeaveTeam = defineMutation({
  mutationFn: (memberId: string) => api.post<MyVolunteer>(`/m/volunteer/memberships/${enc(memberId)}/leave`),
  invalidates: [MINE],
});
export const useRequestCorrection = defineMutation({
  mutationFn: (input: CorrectionInput) => api.post<MyVolunteer>('/m/volunteer/corrections', input),
  invalidates: [MINE],
});
export const useLeaderDecide = defineMutation({
  mutationFn: ({ memberId, approve }: { memberId: string; approve: boolean }) =>
    api.post<TeamDetail>(`/m/volunteer/memberships/${enc(memberId)}/decide`, { approve }),
  invalidates: [MINE],
});
