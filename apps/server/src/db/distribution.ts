// Province scale (docs/adr/0009-province-scale-citus.md): every table is either distributed by its community code
// (`area_code`, all such tables co-located), a reference table (replicated to every node) or a table on the
// coordinator. A table with an `area_code` is distributed unless it is listed in GLOBAL; a table without one must be
// listed. test/schema-distribution.test.ts holds the migrated catalogue to these lists, and
// platform/distribution/citus.ts distributes by them on a Citus cluster (issue 14).

/**
 * 'coordinator': a Citus-managed table on the coordinator (joins with reference and distributed tables planned by
 * Citus; a write to it in a transaction that also writes a worker commits with two-phase commit, so the audit outbox
 * row commits with its change). 'plain': a table on the coordinator that Citus does not manage at all — read and
 * written by PostgreSQL's own plan with no Citus task — for a table used only by itself or with reference tables,
 * without foreign keys, and never written where its commit must be atomic with a worker's (Citus commits the worker
 * before a plain table; ADR 0009). On the test cluster a Citus-managed table's statements ran through a connection
 * from the coordinator to itself, its writes with two-phase commit (a job claim took 25–118 ms).
 */
export type Placement = 'reference' | 'coordinator' | 'plain';

/** Tables that are not distributed by area code, and why (ADR 0009, "Table classes"). */
export const GLOBAL: Record<string, [Placement, string]> = {
  // Without an area code.
  areas: ['reference', 'the area tree itself; every area-coded table references it'],
  users: ['reference', 'accounts, referenced by distributed rows (assignee, requester, uploader)'],
  user_roles: ['reference', 'part of the account, read with it'],
  care_rollup_state: ['reference', 'one row (overdue_as_of) read by the visits rollup trigger on every shard'],
  audit_log: ['coordinator', 'the one HMAC chain (ADR 0004–0006) stays one table on one node'],
  audit_chain_head: ['coordinator', 'the chain head row the sealer locks'],
  audit_pending: [
    'coordinator',
    'the audit outbox, written in the same transaction as the change (2PC with the worker)',
  ],
  schema_migrations: ['coordinator', 'migration ledger'],
  job_schedules: ['plain', 'job runner leases (ADR 0007), claimed by every process every few seconds'],
  job_runs: ['plain', 'job runner history'],
  key_fingerprint: ['coordinator', 'one row checked at start'],
  sessions: ['coordinator', 'looked up by every request before any area is known'],
  auth_challenges: ['coordinator', 'login second step, per account'],
  password_history: ['coordinator', 'per account'],
  login_throttle: ['coordinator', 'keyed by the typed username, whether or not it exists'],
  otp_codes: ['coordinator', 'rate limits by phone and IP across the province'],
  idempotency_keys: ['coordinator', 'per account and key, answered before the request runs'],
  request_number_counters: ['coordinator', 'one province-wide counter per day (request numbers are unique)'],
  notification_preferences: ['coordinator', 'per account'],
  // With an area code that is not the owning community of the row.
  user_areas: ['reference', "an account's jurisdiction, read with the account"],
  area_changes: ['coordinator', 'history of the area tree'],
  tier_policies: ['reference', 'few rows; referenced by assessments and visits in every community'],
  request_categories: ['reference', "a district's catalogue, read by requests of all its communities"],
  request_category_versions: ['reference', 'catalogue versions, read with every request'],
  request_routing_rules: ['reference', 'routing by district, street or community; references organisations'],
  point_rules: ['reference', 'earning rules per district'],
  hour_star_rules: ['reference', 'star thresholds per district'],
  organisations: ['reference', 'partner register: referenced by users, routing rules and referrals of any area'],
  organisation_service_areas: ['reference', 'partner register'],
  organisation_contacts: ['reference', 'partner register'],
  organisation_events: ['reference', 'partner register'],
  alliances: ['reference', 'partner register: alliances span communities'],
  alliance_members: ['reference', 'partner register'],
  alliance_chairs: ['reference', 'partner register'],
  alliance_commitments: ['reference', 'partner register'],
  resident_profiles: ['coordinator', 'resident accounts, one per phone province-wide (unique blind index)'],
  open311_api_keys: ['coordinator', 'looked up by key hash on every Open311 call'],
  open311_rate_windows: ['coordinator', 'per-key minute counters'],
  notifications: ['coordinator', "an account's inbox, written after commit; area code may be null"],
  notification_deliveries: ['coordinator', 'delivery outbox claimed with leases; area code may be null'],
  event_outbox: ['coordinator', 'event outbox written with the change (like audit_pending); area code may be null'],
  care_ontime_summary: [
    'plain',
    'the folded on-time rollup copied in one place: a street or wider dashboard reads it as one local query (0041)',
  ],
  care_overdue_summary: ['plain', 'the folded overdue rollup, copied likewise (migration 0041)'],
  care_overdue_by_group: [
    'plain',
    'the folded overdue rollup per worker, grid and community in each wider area (0042)',
  ],
};

/**
 * Foreign keys between distributed tables without the area code, as `child.columns -> parent`. Citus keeps a
 * foreign key between distributed tables only when both include the distribution column at the same position.
 */
// Same community on both sides: becomes (area_code, x_id) -> (area_code, id) (ADR 0009, change 3).
export const SAME_AREA_FKS = [
  'activity_participations.activity_id -> activities',
  'activity_participations.role_id -> activity_roles',
  'activity_roles.activity_id -> activities',
  'assessments.client_id -> clients',
  'case_events.case_id -> cases',
  'case_goals.case_id -> cases',
  'case_tasks.case_id -> cases',
  'case_tasks.goal_id -> case_goals',
  'cases.client_id -> clients',
  'client_events.client_id -> clients',
  'clients.household_id -> households',
  'consents.client_id -> clients',
  'hour_claims.entry_id -> hour_entries',
  'hour_entries.reverses_entry_id -> hour_entries',
  'point_earnings.transfer_id -> point_transfers',
  'point_transfers.reverses_transfer_id -> point_transfers',
  'referrals.case_id -> cases',
  'referrals.client_id -> clients',
  'referrals.consent_id -> consents',
  'referrals.follow_up_visit_id -> visits',
  'request_events.request_id -> requests',
  'request_photos.event_id -> request_events',
  'request_photos.request_id -> requests',
  'requests.merged_into_id -> requests',
  'supermarket_items.supermarket_id -> supermarkets',
  'supermarket_redemption_lines.item_id -> supermarket_items',
  'supermarket_redemption_lines.redemption_id -> supermarket_redemptions',
  'supermarket_redemptions.supermarket_id -> supermarkets',
  'supermarket_returns.redemption_id -> supermarket_redemptions',
  'supermarket_stock_movements.item_id -> supermarket_items',
  'supermarket_stock_movements.redemption_id -> supermarket_redemptions',
  'supermarket_stock_movements.return_id -> supermarket_returns',
  'supermarket_stock_movements.supermarket_id -> supermarkets',
  'tier_changes.assessment_id -> assessments',
  'tier_changes.client_id -> clients',
  'visit_events.visit_id -> visits',
  'visits.client_id -> clients',
  'volunteer_corrections.volunteer_id -> volunteers',
  'volunteer_record_entries.volunteer_id -> volunteers',
  'volunteer_team_members.team_id -> volunteer_teams',
  'wish_events.wish_id -> wishes',
  'wish_photos.wish_id -> wishes',
];
// The two rows may lie in different communities: no distributed engine keeps these (ADR 0009, change 7).
export const CROSS_AREA_FKS: Record<string, string> = {
  'clients.merged_into -> clients': 'a street officer may merge duplicates of two communities',
  'client_merges.source_id -> clients': 'same merge',
  'client_merges.target_id -> clients': 'same merge',
  'volunteer_team_members.volunteer_id -> volunteers': 'a team may take a volunteer of another community',
  'hour_star_events.entry_id -> hour_entries': "the star is the home community's, the entry the organiser's",
  'point_transfers.from_account -> point_accounts':
    "the issuer is the organising community's, the volunteer's account home",
  'point_transfers.to_account -> point_accounts': 'same',
};

/** Unique indexes on distributed tables without the area code (Citus refuses them; ADR 0009, changes 3 and 5). */
export const UNIQUE_TO_CHANGE: Record<string, string> = {
  activity_participations_live_idx: 'same activity, same community: add area_code',
  hour_entries_reverses_uq: 'same community: add area_code',
  hour_entries_claim_uq: 'same community: add area_code',
  hour_entries_participation_uq: 'same community: add area_code',
  point_earnings_one_reversal: 'same community: add area_code',
  point_transfers_kind_ref_type_ref_id_key: 'idempotency of a transfer, same community: add area_code',
  volunteer_team_members_open_idx: "the team's community: add area_code",
  media_uploads_storage_key_key: 'random storage keys: add area_code',
  point_accounts_kind_owner_id_key: "one account per owner, province-wide: the owner's community and a service check",
  volunteers_user_id_key: 'one volunteer record per account, province-wide: service check or registry',
  resident_link_requests_pending_idx: 'one pending link per account, province-wide: service check or registry',
  requests_number_key: 'public number looked up province-wide (12345): registry on the coordinator',
  requests_open311_token_key: 'Open311 token looked up province-wide: registry on the coordinator',
  wishes_number_key: 'public number: registry on the coordinator',
  hour_certificates_number_key: 'certificate number: registry on the coordinator',
  hour_certificates_verify_code_key: 'public verification page: registry on the coordinator',
};

/** Distributed by area code: every table that is not global. */
export function isDistributed(table: string): boolean {
  return !(table in GLOBAL);
}
