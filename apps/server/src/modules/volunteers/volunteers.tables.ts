import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });
const day = (column: string) => date(column, { mode: 'string' });

/** Volunteers (migration 0025): one row per resident account that registered; area_code is the home community. */
export const volunteers = pgTable('volunteers', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  userId: uuid('user_id').notNull(),
  status: text('status').notNull(),
  name: text('name').notNull(),
  nameMasked: text('name_masked').notNull(),
  idType: text('id_type').notNull(),
  idNumberEnc: text('id_number_enc').notNull(),
  idNumberBidx: text('id_number_bidx').notNull(),
  idNumberMasked: text('id_number_masked').notNull(),
  gender: text('gender'),
  birthDate: day('birth_date'),
  phoneMasked: text('phone_masked'),
  skills: text('skills').array().notNull(),
  availability: text('availability').array().notNull(),
  emergencyNameEnc: text('emergency_name_enc').notNull(),
  emergencyNameMasked: text('emergency_name_masked').notNull(),
  emergencyPhoneEnc: text('emergency_phone_enc').notNull(),
  emergencyPhoneMasked: text('emergency_phone_masked').notNull(),
  consentVersion: text('consent_version').notNull(),
  consentedAt: ts('consented_at').notNull(),
  statusReason: text('status_reason'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const volunteerTeams = pgTable('volunteer_teams', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  name: text('name').notNull(),
  colour: text('colour').notNull(),
  description: text('description'),
  organisationId: uuid('organisation_id'),
  status: text('status').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const volunteerTeamMembers = pgTable('volunteer_team_members', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  teamId: uuid('team_id').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  role: text('role').notNull(),
  status: text('status').notNull(),
  joinedOn: day('joined_on'),
  leftOn: day('left_on'),
  requestedAt: ts('requested_at').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
});

export const volunteerRecordEntries = pgTable('volunteer_record_entries', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  kind: text('kind').notNull(),
  onDate: day('on_date').notNull(),
  title: text('title').notNull(),
  byWhom: text('by_whom'),
  minutes: integer('minutes'),
  rating: integer('rating'),
  detail: text('detail'),
  outcome: text('outcome'),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const volunteerCorrections = pgTable('volunteer_corrections', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  volunteerId: uuid('volunteer_id').notNull(),
  part: text('part').notNull(),
  entryId: uuid('entry_id'),
  requestText: text('request_text').notNull(),
  status: text('status').notNull(),
  answerText: text('answer_text'),
  answeredBy: uuid('answered_by'),
  answeredAt: ts('answered_at'),
  createdAt: ts('created_at').notNull(),
});

/**
 * Read-only view of the partner register's organisations (the organisations module's table): the name of a team's
 * organisation, and which teams a partner member's organisation has. Nothing here writes it.
 */
export const teamOrganisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  status: text('status').notNull(),
});
