import { bigserial, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** Micro-wishes (migration 0023): one row per wish, its claim and fulfilment on the row (one claimant at a time). */
export const wishes = pgTable('wishes', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  number: text('number').notNull(),
  title: text('title').notNull(),
  publicText: text('public_text').notNull(),
  estimatedValue: integer('estimated_value').notNull(),
  status: text('status').notNull(),
  beneficiaryKind: text('beneficiary_kind').notNull(),
  beneficiaryUserId: uuid('beneficiary_user_id'),
  beneficiaryNameEnc: text('beneficiary_name_enc'),
  beneficiaryNameMasked: text('beneficiary_name_masked'),
  beneficiaryPhoneEnc: text('beneficiary_phone_enc'),
  beneficiaryPhoneMasked: text('beneficiary_phone_masked'),
  consentBy: uuid('consent_by'),
  consentAt: ts('consent_at'),
  rejectReason: text('reject_reason'),
  publishedAt: ts('published_at'),
  claimantKind: text('claimant_kind'),
  claimantOrganisationId: uuid('claimant_organisation_id'),
  claimantUserId: uuid('claimant_user_id'),
  claimedAt: ts('claimed_at'),
  claimExpiresAt: ts('claim_expires_at'),
  fulfilmentNote: text('fulfilment_note'),
  fulfilledAt: ts('fulfilled_at'),
  confirmedAt: ts('confirmed_at'),
  confirmedBy: uuid('confirmed_by'),
  thanksText: text('thanks_text'),
  thanksStatus: text('thanks_status'),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const wishEvents = pgTable('wish_events', {
  id: uuid('id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  wishId: uuid('wish_id').notNull(),
  areaCode: text('area_code').notNull(),
  kind: text('kind').notNull(),
  note: text('note'),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
});

export const wishPhotos = pgTable('wish_photos', {
  id: uuid('id').primaryKey(),
  wishId: uuid('wish_id').notNull(),
  areaCode: text('area_code').notNull(),
  position: integer('position').notNull(),
  storageKey: text('storage_key').notNull(),
  contentType: text('content_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

/**
 * Read-only views of the partner register (the organisations module's tables, migration 0015): who a claimant
 * organisation is and which areas it serves, for the partner's wall. Nothing here writes them.
 */
export const registerOrganisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  name: text('name').notNull(),
  status: text('status').notNull(),
});
export const registerServiceAreas = pgTable('organisation_service_areas', {
  organisationId: uuid('organisation_id').notNull(),
  areaCode: text('area_code').notNull(),
});
