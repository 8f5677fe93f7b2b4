import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  AllianceType,
  CommitmentStatus,
  OrganisationKind,
  OrganisationRating,
} from '@linli/contracts/modules/organisations';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });
const day = (column: string) => date(column, { mode: 'string' });

/** The partner register (migration 0015): one row per partner organisation or expert held by a community/street. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  /** The community (or street) that holds the partnership. */
  areaCode: text('area_code').notNull(),
  kind: text('kind').$type<OrganisationKind>().notNull(),
  subtype: text('subtype'),
  name: text('name').notNull(),
  namePinyin: text('name_pinyin').notNull(),
  nameInitials: text('name_initials').notNull(),
  uscc: text('uscc'),
  registrationAuthority: text('registration_authority'),
  registeredOn: day('registered_on'),
  address: text('address'),
  serviceFields: text('service_fields').array().notNull(),
  rating: text('rating').$type<OrganisationRating>(),
  ratedOn: day('rated_on'),
  expertField: text('expert_field'),
  expertQualification: text('expert_qualification'),
  notes: text('notes'),
  status: text('status').$type<'active' | 'disabled'>().notNull(),
  version: integer('version').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const organisationServiceAreas = pgTable(
  'organisation_service_areas',
  { organisationId: uuid('organisation_id').notNull(), areaCode: text('area_code').notNull() },
  (t) => [primaryKey({ columns: [t.organisationId, t.areaCode] })],
);

export const organisationContacts = pgTable('organisation_contacts', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  areaCode: text('area_code').notNull(),
  position: integer('position').notNull(),
  nameEnc: text('name_enc').notNull(),
  nameMasked: text('name_masked').notNull(),
  role: text('role'),
  phoneEnc: text('phone_enc'),
  phoneMasked: text('phone_masked'),
});

export const organisationEvents = pgTable('organisation_events', {
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  areaCode: text('area_code').notNull(),
  kind: text('kind').$type<'created' | 'updated' | 'disabled' | 'enabled' | 'imported'>().notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  actorId: uuid('actor_id'),
  at: ts('at').notNull(),
});

export const alliances = pgTable('alliances', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  name: text('name').notNull(),
  type: text('type').$type<AllianceType>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

export const allianceMembers = pgTable(
  'alliance_members',
  {
    /** The membership's own id (its pact document's routes take it). */
    id: uuid('id').notNull().unique(),
    allianceId: uuid('alliance_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    areaCode: text('area_code').notNull(),
    joinedOn: day('joined_on').notNull(),
    pactSignedOn: day('pact_signed_on'),
    pactFileName: text('pact_file_name'),
    pactContentType: text('pact_content_type'),
    pactSize: integer('pact_size'),
    pactSha256: text('pact_sha256'),
  },
  (t) => [primaryKey({ columns: [t.allianceId, t.organisationId] })],
);

export const allianceChairs = pgTable('alliance_chairs', {
  id: uuid('id').primaryKey(),
  allianceId: uuid('alliance_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  areaCode: text('area_code').notNull(),
  fromOn: day('from_on').notNull(),
  toOn: day('to_on').notNull(),
});

export const allianceCommitments = pgTable('alliance_commitments', {
  id: uuid('id').primaryKey(),
  allianceId: uuid('alliance_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  areaCode: text('area_code').notNull(),
  text: text('text').notNull(),
  dueOn: day('due_on'),
  status: text('status').$type<CommitmentStatus>().notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
