import type { PiClass } from '../../db/classification';

/** The personal-information class of each column of this module's tables (R-01; checked against the live schema). */
const none = (...cols: string[]): Record<string, PiClass> => Object.fromEntries(cols.map((c) => [c, 'none']));
const classification: Record<string, Record<string, PiClass>> = {
  activities: {
    ...none('id', 'area_code', 'series_id', 'team_id', 'organiser_kind', 'organiser_id', 'type', 'place_id'),
    ...none('starts_at', 'ends_at', 'recurrence', 'signup_opens_at', 'signup_closes_at', 'serves_kind', 'serves_id'),
    ...none('status', 'created_by', 'created_at', 'updated_at'),
    // Words staff or a team leader wrote for volunteers to read.
    organiser_name: 'general',
    title: 'general',
    description: 'general',
    address: 'general',
    requirements: 'general',
    serves_ref: 'general',
    cancel_reason: 'general',
    team_name: 'general',
    place_name: 'general',
  },
  activity_roles: {
    ...none('id', 'activity_id', 'area_code', 'position', 'capacity', 'registered_count'),
    name: 'general',
    description: 'general',
  },
  // Who took part when: a volunteer's service record (67号令 art. 4), personal but not sensitive.
  activity_participations: {
    ...none('id', 'activity_id', 'role_id', 'area_code', 'state', 'starts_at', 'ends_at', 'check_in_window'),
    ...none('check_out_window', 'attendance_by', 'confirmed_by', 'hours_entry_id', 'updated_at'),
    volunteer_id: 'general',
    user_id: 'general',
    registered_at: 'general',
    waitlisted_at: 'general',
    promoted_at: 'general',
    cancelled_at: 'general',
    checked_in_at: 'general',
    checked_out_at: 'general',
    minutes: 'general',
    confirmed_at: 'general',
  },
};
export default classification;
