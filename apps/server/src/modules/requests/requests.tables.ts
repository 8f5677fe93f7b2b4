import {
  bigint,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** One request (民生诉求) from any channel; migration 0022 is the DDL. */
export const requests = pgTable('requests', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  number: text('number').notNull(),
  channel: text('channel', {
    enum: ['resident_app', 'walk_in', 'phone', 'visit', 'hotline_12345', 'open311'],
  }).notNull(),
  categoryId: uuid('category_id').notNull(),
  categoryVersion: integer('category_version').notNull(),
  attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull(),
  description: text('description').notNull(),
  publicText: text('public_text'),
  urgency: text('urgency', { enum: ['urgent', 'normal'] }).notNull(),
  status: text('status', {
    enum: ['submitted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'merged'],
  }).notNull(),
  requesterUserId: uuid('requester_user_id'),
  requesterNameEnc: text('requester_name_enc'),
  requesterNameMasked: text('requester_name_masked'),
  requesterPhoneEnc: text('requester_phone_enc'),
  requesterPhoneMasked: text('requester_phone_masked'),
  clientId: uuid('client_id'),
  placeId: uuid('place_id'),
  addressString: text('address_string'),
  lat: doublePrecision('lat'),
  long: doublePrecision('long'),
  unitKind: text('unit_kind', { enum: ['community', 'grid', 'street_department', 'organisation'] }),
  unitAreaCode: text('unit_area_code'),
  unitOrganisationId: uuid('unit_organisation_id'),
  unitDepartment: text('unit_department'),
  unitLabel: text('unit_label'),
  routedAt: ts('routed_at'),
  signDueAt: ts('sign_due_at'),
  signedAt: ts('signed_at'),
  dueAt: ts('due_at'),
  resolvedAt: ts('resolved_at'),
  reply: text('reply'),
  rating: text('rating', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied', 'unrated'] }),
  ratingComment: text('rating_comment'),
  ratedAt: ts('rated_at'),
  reopenCount: integer('reopen_count').notNull().default(0),
  escalatedAt: ts('escalated_at'),
  signRemindedAt: ts('sign_reminded_at'),
  dueRemindedAt: ts('due_reminded_at'),
  mergedIntoId: uuid('merged_into_id'),
  rejectReason: text('reject_reason'),
  externalRef: text('external_ref'),
  open311Token: text('open311_token'),
  apiKeyId: uuid('api_key_id'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  rowVersion: integer('row_version').notNull().default(1),
});

export const requestNumberCounters = pgTable('request_number_counters', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

/** The states of a request in its unit's queue (assigned or in progress): open. */
export const OPEN: (typeof requests.$inferSelect)['status'][] = ['assigned', 'in_progress'];

/** An open request whose unit (a community or grid team) is in another community: migration 0043. */
export const requestUnitLinks = pgTable(
  'request_unit_links',
  {
    /** The unit's community (the shard group of that team's queue). */
    areaCode: text('area_code').notNull(),
    requestId: uuid('request_id').notNull(),
    /** The request's own community, where its row lives. */
    requestAreaCode: text('request_area_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaCode, t.requestId] })],
);

export const requestEvents = pgTable('request_events', {
  id: uuid('id').primaryKey(),
  requestId: uuid('request_id').notNull(),
  areaCode: text('area_code').notNull(),
  kind: text('kind').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
});

export const requestPhotos = pgTable('request_photos', {
  id: uuid('id').primaryKey(),
  requestId: uuid('request_id').notNull(),
  areaCode: text('area_code').notNull(),
  eventId: uuid('event_id'),
  stage: text('stage', { enum: ['intake', 'handling', 'resolution'] }).notNull(),
  storageKey: text('storage_key').notNull(),
  contentType: text('content_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});
