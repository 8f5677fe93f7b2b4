import { desc, inArray } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { byKey, type AreaKey } from '../../../platform/colocated';
import type { DbOrTx } from '../../../platform/db';
import { AREA_KEY_PLACEHOLDERS as KEY, preparedOn, UNNAMED } from '../../../platform/prepared-queries';
import { users } from '../../users';
import { cases } from '../cases/cases.tables';
import { referrals } from '../referrals/referrals.tables';
import { assessments, tierChanges } from '../tiers/tiers.tables';
import { visits } from '../visits/visits.tables';
import { clientEvents } from './clients.tables';

// The client detail page's history: each read from its own object's table, by client (and its community, which
// keeps each read on one shard on Citus), newest first. Each is built once per database handle (prepared-queries.ts):
// the detail page runs all six on every view.

/** A table of the client's history: rows by client and community. */
type HistoryTable = PgTable & { clientId: AnyPgColumn; areaCode: AnyPgColumn };

/** The client's rows of `table`, newest first by `newest`, through the query built once for `key` on this handle. */
function newestFirst<T extends HistoryTable>(
  db: DbOrTx,
  key: string,
  table: T,
  newest: AnyPgColumn,
  client: AreaKey,
): Promise<T['$inferSelect'][]> {
  const query = preparedOn(db, key, (d) =>
    d
      .select()
      .from(table as PgTable)
      .where(byKey(table.clientId, table.areaCode, KEY))
      .orderBy(desc(newest))
      .prepare(UNNAMED),
  );
  return query.execute({ id: client.id, areaCode: client.areaCode }) as Promise<T['$inferSelect'][]>;
}

export const clientAssessments = (db: DbOrTx, client: AreaKey) =>
  newestFirst(db, 'care.clientAssessments', assessments, assessments.assessedAt, client);

export const clientTierChanges = (db: DbOrTx, client: AreaKey) =>
  newestFirst(db, 'care.clientTierChanges', tierChanges, tierChanges.createdAt, client);

export const clientEventsOf = (db: DbOrTx, client: AreaKey) =>
  newestFirst(db, 'care.clientEventsOf', clientEvents, clientEvents.at, client);

export const clientCases = (db: DbOrTx, client: AreaKey) =>
  newestFirst(db, 'care.clientCases', cases, cases.openedAt, client);

export const clientReferrals = (db: DbOrTx, client: AreaKey) =>
  newestFirst(db, 'care.clientReferrals', referrals, referrals.sentAt, client);

export const clientVisits = (db: DbOrTx, client: AreaKey) =>
  newestFirst(db, 'care.clientVisits', visits, visits.dueDate, client);

/** The display names of the staff who did what on a timeline page, by user id. */
export async function staffNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
