import { desc, inArray } from 'drizzle-orm';
import { byKey, type AreaKey } from '../../../platform/colocated';
import type { DbOrTx } from '../../../platform/db';
import { users } from '../../users';
import { cases } from '../cases/cases.tables';
import { referrals } from '../referrals/referrals.tables';
import { assessments, tierChanges } from '../tiers/tiers.tables';
import { visits } from '../visits/visits.tables';
import { clientEvents } from './clients.tables';

// The client detail page's history: each read from its own object's table, by client (and its community, which
// keeps each read on one shard on Citus), newest first.

export function clientAssessments(db: DbOrTx, client: AreaKey) {
  return db
    .select()
    .from(assessments)
    .where(byKey(assessments.clientId, assessments.areaCode, client))
    .orderBy(desc(assessments.assessedAt));
}

export function clientTierChanges(db: DbOrTx, client: AreaKey) {
  return db
    .select()
    .from(tierChanges)
    .where(byKey(tierChanges.clientId, tierChanges.areaCode, client))
    .orderBy(desc(tierChanges.createdAt));
}

export function clientEventsOf(db: DbOrTx, client: AreaKey) {
  return db
    .select()
    .from(clientEvents)
    .where(byKey(clientEvents.clientId, clientEvents.areaCode, client))
    .orderBy(desc(clientEvents.at));
}

export function clientCases(db: DbOrTx, client: AreaKey) {
  return db
    .select()
    .from(cases)
    .where(byKey(cases.clientId, cases.areaCode, client))
    .orderBy(desc(cases.openedAt));
}

export function clientReferrals(db: DbOrTx, client: AreaKey) {
  return db
    .select()
    .from(referrals)
    .where(byKey(referrals.clientId, referrals.areaCode, client))
    .orderBy(desc(referrals.sentAt));
}

export function clientVisits(db: DbOrTx, client: AreaKey) {
  return db
    .select()
    .from(visits)
    .where(byKey(visits.clientId, visits.areaCode, client))
    .orderBy(desc(visits.dueDate));
}

/** The display names of the staff who did what on a timeline page, by user id. */
export async function staffNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
