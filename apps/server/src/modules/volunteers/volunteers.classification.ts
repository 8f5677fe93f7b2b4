import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const none = (...cols: string[]): Record<string, PiClass> => Object.fromEntries(cols.map((c) => [c, 'none']));
const classification: Record<string, Record<string, PiClass>> = {
  volunteers: {
    ...none('id', 'area_code', 'user_id', 'status', 'id_type', 'consent_version', 'consented_at', 'decided_by'),
    ...none('decided_at', 'created_at', 'updated_at'),
    name: 'general',
    name_masked: 'general',
    // The ID number is sensitive (PIPL art. 28 lists identity documents): encrypted, with a blind index for look-ups.
    id_number_enc: 'sensitive',
    id_number_bidx: 'sensitive',
    id_number_masked: 'general',
    gender: 'general',
    birth_date: 'general',
    phone_masked: 'general',
    skills: 'general',
    availability: 'general',
    emergency_name_enc: 'general',
    emergency_name_masked: 'general',
    emergency_phone_enc: 'general',
    emergency_phone_masked: 'general',
    status_reason: 'general',
  },
  volunteer_teams: {
    ...none('id', 'area_code', 'name', 'colour', 'description', 'organisation_id', 'status', 'created_by'),
    ...none('created_at'),
  },
  volunteer_team_members: {
    ...none('id', 'area_code', 'team_id', 'volunteer_id', 'role', 'status', 'requested_at', 'decided_by'),
    ...none('decided_at'),
    joined_on: 'general',
    left_on: 'general',
  },
  volunteer_record_entries: {
    ...none('id', 'area_code', 'volunteer_id', 'kind', 'created_by', 'created_at'),
    on_date: 'general',
    title: 'general',
    by_whom: 'general',
    minutes: 'general',
    rating: 'general',
    detail: 'general',
    outcome: 'general',
  },
  volunteer_corrections: {
    ...none('id', 'area_code', 'volunteer_id', 'part', 'entry_id', 'status', 'answered_by', 'answered_at'),
    ...none('created_at'),
    request_text: 'general',
    answer_text: 'general',
  },
};
export default classification;
