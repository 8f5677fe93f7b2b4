/**
 * Personal-information classification of every column. A test compares this with the live
 * schema and fails when a column has no class, so a new field cannot ship unclassified.
 *  - none: not about a person (codes, timestamps, technical ids)
 *  - general: personal information (name, username, IP, phone)
 *  - sensitive: sensitive personal information (PIPL Art. 28) or a credential
 *  - minor: information about a child (always also sensitive)
 */
export type PiClass = 'none' | 'general' | 'sensitive' | 'minor';

export const COLUMN_CLASSIFICATION: Record<string, Record<string, PiClass>> = {
  schema_migrations: { name: 'none', applied_at: 'none' },
  areas: {
    code: 'none', parent_code: 'none', level: 'none', name: 'none', status: 'none', merged_into: 'none', version: 'none',
    created_at: 'none', updated_at: 'none',
  },
  area_changes: {
    id: 'none', area_code: 'none', version: 'none', kind: 'none', before: 'none', after: 'none', actor_id: 'general',
    actor_name: 'general', at: 'none',
  },
  users: {
    id: 'none', username: 'general', display_name: 'general', phone_enc: 'general', phone_bidx: 'general',
    password_hash: 'sensitive', password_changed_at: 'none', must_change_password: 'none', status: 'none',
    totp_secret_enc: 'sensitive', totp_pending_enc: 'sensitive', totp_last_step: 'none', expires_at: 'none',
    last_login_at: 'general', created_at: 'none', updated_at: 'none', totp_reset_requested_by: 'none', totp_reset_requested_at: 'none',
  },
  user_roles: { user_id: 'none', role: 'none' },
  user_areas: { user_id: 'none', area_code: 'none' },
  password_history: { user_id: 'none', password_hash: 'sensitive', created_at: 'none' },
  sessions: {
    id: 'sensitive', user_id: 'none', csrf_token: 'sensitive', created_at: 'none', last_seen_at: 'general', expires_at: 'none',
    idle_seconds: 'none', ip: 'general', user_agent: 'general', current_area_code: 'none',
  },
  auth_challenges: { id: 'sensitive', user_id: 'none', kind: 'none', data: 'sensitive', expires_at: 'none', created_at: 'none' },
  login_throttle: { username_key: 'general', failures: 'none', locked_until: 'none', updated_at: 'none' },
  audit_log: {
    seq: 'none', at: 'none', actor_id: 'general', actor_name: 'general', role: 'none', area_codes: 'none', action: 'none',
    object_type: 'none', object_ids: 'general', fields: 'none', result: 'none', ip: 'general', request_id: 'none',
    detail: 'general', prev_hash: 'none', hash: 'none', received_at: 'none', db_role: 'none',
  },
  audit_pending: {
    id: 'none', at: 'none', actor_id: 'general', actor_name: 'general', role: 'none', area_codes: 'none', action: 'none',
    object_type: 'none', object_ids: 'general', fields: 'none', result: 'none', ip: 'general', request_id: 'none', detail: 'general',
    received_at: 'none', db_role: 'none',
  },
  event_outbox: {
    id: 'none', type: 'none', area_code: 'none', payload: 'general', actor_id: 'general', created_at: 'none', processed_at: 'none',
    attempts: 'none', next_attempt_at: 'none', last_error: 'none',
  },
  audit_chain_head: { id: 'none', last_seq: 'none', last_hash: 'none' },
  households: { id: 'none', area_code: 'none', grid_code: 'none', address: 'general', created_at: 'none', updated_at: 'none' },
  clients: {
    id: 'none', household_id: 'none', area_code: 'none', grid_code: 'none', name: 'general', name_pinyin: 'general',
    name_initials: 'general', id_number_enc: 'sensitive', id_number_bidx: 'sensitive', id_number_masked: 'general',
    sex: 'general', birth_date: 'general', phone_enc: 'general', phone_bidx: 'general', phone_masked: 'general',
    address: 'general', categories: 'sensitive', disability_card_enc: 'sensitive', disability_card_masked: 'sensitive',
    disability_category: 'sensitive', disability_grade: 'sensitive', emergency_contact_name: 'general',
    emergency_phone_enc: 'general', emergency_phone_masked: 'general', tier: 'sensitive', tier_since: 'none',
    status: 'sensitive', assignee_id: 'none', notes: 'sensitive', resume_on: 'sensitive', merged_into: 'none', version: 'none', created_by: 'none', created_at: 'none',
    updated_at: 'none',
  },
  tier_policies: { id: 'none', area_code: 'none', version: 'none', rules: 'none', created_by: 'none', created_at: 'none' },
  assessments: {
    id: 'none', client_id: 'none', area_code: 'none', scores: 'sensitive', suggested_tier: 'sensitive', confirmed_tier: 'sensitive',
    override_reason: 'sensitive', policy_id: 'none', assessed_by: 'none', assessed_at: 'none',
  },
  tier_changes: {
    id: 'none', client_id: 'none', area_code: 'none', from_tier: 'sensitive', to_tier: 'sensitive', assessment_id: 'none',
    reason: 'sensitive', status: 'none', requested_by: 'none', decided_by: 'none', decided_at: 'none', decision_note: 'sensitive',
    created_at: 'none',
  },
  visits: {
    id: 'none', client_id: 'none', area_code: 'none', grid_code: 'none', assignee_id: 'none', window_start: 'none',
    due_date: 'none', window_end: 'none', mode: 'none', status: 'none', tier: 'sensitive', policy_id: 'none',
    visited_on: 'none', done_at: 'none', outcome_notes: 'sensitive', services: 'sensitive', missed_reason: 'sensitive',
    recorded_by: 'none', created_at: 'none', updated_at: 'none',
  },
  consents: {
    id: 'none', client_id: 'none', area_code: 'none', purpose: 'none', basis: 'none', statute: 'none', granted_by: 'general',
    guardian_name: 'general', notice_version: 'none', granted_at: 'none', revoked_at: 'none', recorded_by: 'none',
  },
  cases: {
    id: 'none', client_id: 'none', area_code: 'none', status: 'sensitive', opened_by: 'none', opened_at: 'none', plan_note: 'sensitive',
    plan_decided_by: 'none', plan_decided_at: 'none', closing_reason: 'sensitive', closed_at: 'none', version: 'none',
  },
  case_goals: { id: 'none', case_id: 'none', domain: 'sensitive', goal: 'sensitive', position: 'none' },
  case_tasks: {
    id: 'none', case_id: 'none', goal_id: 'none', title: 'sensitive', owner_id: 'none', due_date: 'none', done_at: 'none',
    done_by: 'none', done_visit_id: 'none',
  },
  case_events: { id: 'none', case_id: 'none', kind: 'none', note: 'sensitive', actor_id: 'none', at: 'none' },
  referrals: {
    id: 'none', client_id: 'none', case_id: 'none', area_code: 'none', provider_name: 'none', provider_type: 'none',
    service: 'sensitive', status: 'sensitive', consent_id: 'none', sent_by: 'none', sent_at: 'none', responded_at: 'none',
    response_note: 'sensitive', report_back: 'sensitive', done_at: 'none', follow_up_visit_id: 'none', version: 'none',
  },
  export_requests: {
    id: 'none', requester_id: 'none', area_code: 'none', filter: 'general', reason: 'general', status: 'none', decided_by: 'none',
    decided_at: 'none', decision_note: 'general', expires_at: 'none', downloaded_at: 'none', row_count: 'none', created_at: 'none',
    scope_prefixes: 'none', approver_prefixes: 'none', estimated_rows: 'none',
  },
  client_merges: {
    id: 'none', source_id: 'none', target_id: 'none', source_status: 'none', moved: 'none', reason: 'general', merged_by: 'none',
    merged_at: 'none', undone_by: 'none', undone_at: 'none',
  },
  client_events: { id: 'none', client_id: 'none', kind: 'none', detail: 'sensitive', actor_id: 'none', at: 'none' },
  visit_events: { id: 'none', visit_id: 'none', status: 'none', note: 'sensitive', actor_id: 'none', at: 'none' },
  // Dashboard rollups: counts per area, grid, worker and tier; no person is identified (read only in scope).
  care_ontime_rollup: { area_code: 'none', grid_code: 'none', tier: 'none', month: 'none', done: 'none', on_time: 'none' },
  care_overdue_rollup: { area_code: 'none', grid_code: 'none', assignee_id: 'none', d1to7: 'none', d8to30: 'none', over30: 'none' },
  care_ontime_delta: { area_code: 'none', grid_code: 'none', tier: 'none', month: 'none', done: 'none', on_time: 'none' },
  care_overdue_delta: { area_code: 'none', grid_code: 'none', assignee_id: 'none', d1to7: 'none', d8to30: 'none', over30: 'none' },
  care_rollup_state: { id: 'none', overdue_as_of: 'none' },
};

/**
 * Principle 1 of the project: no column may record or infer religion, belief, ethnicity or political views.
 * The schema test refuses column names that would.
 */
export const FORBIDDEN_COLUMN_PATTERN = /(religio|belief|faith|ethnic|nation_?ality_group|minzu|political|party_member|zongjiao|zhengzhi)/i;
