import { date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const consents = pgTable('consents', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  areaCode: text('area_code').notNull(),
  purpose: text('purpose').$type<'care_services' | 'referral' | 'sensitive_data' | 'disclosure'>().notNull(),
  basis: text('basis').$type<'consent' | 'statutory_duty' | 'emergency'>().notNull(),
  statute: text('statute'),
  grantedBy: text('granted_by').$type<'self' | 'guardian' | 'not_applicable'>().notNull(),
  guardianName: text('guardian_name'),
  noticeVersion: text('notice_version').notNull(),
  grantedAt: ts('granted_at').notNull(),
  revokedAt: ts('revoked_at'),
  recordedBy: uuid('recorded_by'),
});

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  areaCode: text('area_code').notNull(),
  status: text('status').$type<'draft' | 'plan_pending' | 'active' | 'closure_pending' | 'closed'>().notNull(),
  openedBy: uuid('opened_by'),
  openedAt: ts('opened_at').notNull(),
  planNote: text('plan_note'),
  planDecidedBy: uuid('plan_decided_by'),
  planDecidedAt: ts('plan_decided_at'),
  closingReason: text('closing_reason'),
  closedAt: ts('closed_at'),
  version: integer('version').notNull(),
});

export const caseGoals = pgTable('case_goals', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  domain: text('domain').notNull(),
  goal: text('goal').notNull(),
  position: integer('position').notNull(),
});

export const caseTasks = pgTable('case_tasks', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  goalId: uuid('goal_id'),
  title: text('title').notNull(),
  ownerId: uuid('owner_id'),
  dueDate: date('due_date', { mode: 'string' }),
  doneAt: ts('done_at'),
  doneBy: uuid('done_by'),
  doneVisitId: uuid('done_visit_id'),
});

export const caseEvents = pgTable('case_events', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull(),
  kind: text('kind').notNull(),
  note: text('note'),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
});

export const referrals = pgTable('referrals', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  caseId: uuid('case_id'),
  areaCode: text('area_code').notNull(),
  providerName: text('provider_name').notNull(),
  providerType: text('provider_type').$type<'social_org' | 'partner_unit' | 'expert' | 'government'>().notNull(),
  service: text('service').notNull(),
  status: text('status').$type<'sent' | 'accepted' | 'declined' | 'done' | 'withdrawn'>().notNull(),
  consentId: uuid('consent_id'),
  sentBy: uuid('sent_by'),
  sentAt: ts('sent_at').notNull(),
  respondedAt: ts('responded_at'),
  responseNote: text('response_note'),
  reportBack: text('report_back'),
  doneAt: ts('done_at'),
  followUpVisitId: uuid('follow_up_visit_id'),
  version: integer('version').notNull(),
});

export const exportRequests = pgTable('export_requests', {
  id: uuid('id').primaryKey(),
  requesterId: uuid('requester_id').notNull(),
  areaCode: text('area_code').notNull(),
  filter: jsonb('filter').$type<Record<string, string | undefined>>().notNull(),
  reason: text('reason').notNull(),
  status: text('status').$type<'pending' | 'approved' | 'rejected' | 'downloaded' | 'expired'>().notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note'),
  expiresAt: ts('expires_at'),
  downloadedAt: ts('downloaded_at'),
  rowCount: integer('row_count'),
  createdAt: ts('created_at').notNull(),
  /** The areas the export may contain: the requester's jurisdiction narrowed by the filter, as scope prefixes. */
  scopePrefixes: text('scope_prefixes').array().notNull(),
  /** The approver's jurisdiction when approving; the download is bounded by it too. */
  approverPrefixes: text('approver_prefixes').array(),
  estimatedRows: integer('estimated_rows'),
});
