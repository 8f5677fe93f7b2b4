import { boolean, integer, numeric, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** A community's buildings, gates and squares (migration 0020); area_code is the community's code. */
export const communityPlaces = pgTable('community_places', {
  id: uuid('id').primaryKey(),
  areaCode: text('area_code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  address: text('address'),
  // numeric comes back as a string: converted at the edge (places.service.ts toDto, places.lookup.ts).
  lat: numeric('lat'),
  long: numeric('long'),
  positionX: smallint('position_x'),
  positionY: smallint('position_y'),
  active: boolean('active').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  rowVersion: integer('row_version').notNull(),
});
