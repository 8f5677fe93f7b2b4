import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

/**
 * Read-only view of the partner register's organisations (the organisations module's table, migration 0015): which
 * organisation a partner account belongs to, and the community that holds the partnership. Nothing here writes it.
 * The partners module has no table of its own: a partner member is a users row (role 'partner_member', the column
 * users.organisation_id that migration 0016 adds), administered through the users module's account functions.
 */
export const partnerOrganisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  status: text('status').notNull(),
});
