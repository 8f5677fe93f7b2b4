import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CategoryQuestion } from '@linli/contracts/modules/requests';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** A district's request category (its Open311 service); migration 0021 is the DDL. */
export const requestCategories = pgTable('request_categories', {
  id: uuid('id').primaryKey(),
  /** The district's code. */
  areaCode: text('area_code').notNull(),
  code: text('code').notNull(),
  groupName: text('group_name').notNull(),
  active: boolean('active').notNull(),
  currentVersion: integer('current_version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Each edit of a category is a new version; requests keep the one they were filed under. */
export const requestCategoryVersions = pgTable(
  'request_category_versions',
  {
    categoryId: uuid('category_id').notNull(),
    version: integer('version').notNull(),
    areaCode: text('area_code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    questions: jsonb('questions').$type<CategoryQuestion[]>().notNull(),
    defaultUrgency: text('default_urgency', { enum: ['urgent', 'normal'] }).notNull(),
    signWorkingDays: integer('sign_working_days').notNull(),
    resolveWorkingDays: integer('resolve_working_days').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.version] })],
);

/** Who handles a category (or every category) in a community, street or district. */
export const requestRoutingRules = pgTable('request_routing_rules', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  categoryId: uuid('category_id'),
  unitKind: text('unit_kind', { enum: ['community', 'grid', 'street_department', 'organisation'] }).notNull(),
  unitAreaCode: text('unit_area_code'),
  organisationId: uuid('organisation_id'),
  departmentName: text('department_name'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

export type CategoryRow = typeof requestCategories.$inferSelect;
export type CategoryVersionRow = typeof requestCategoryVersions.$inferSelect;
export type RoutingRuleRow = typeof requestRoutingRules.$inferSelect;
