import { desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { users } from '../../users';
import { cases } from '../cases/cases.tables';
import { referrals } from '../referrals/referrals.tables';
import { assessments, tierChanges } from '../tiers/tiers.tables';
import { visits } from '../visits/visits.tables';
import { clientEvents } from './clients.tables';

// The client detail page's history: each read from its own object's table, by client, newest first.

export function clientAssessments(db: DbOrTx, clientId: string) {
  return db.select().from(assessments).where(eq(assessments.clientId, clientId)).orderBy(desc(assessments.assessedAt));
}

export function clientTierChanges(db: DbOrTx, clientId: string) {
  return db.select().from(tierChanges).where(eq(tierChanges.clientId, clientId)).orderBy(desc(tierChanges.createdAt));
}

export function clientEventsOf(db: DbOrTx, clientId: string) {
  return db.select().from(clientEvents).where(eq(clientEvents.clientId, clientId)).orderBy(desc(clientEvents.at));
}

export function clientCases(db: DbOrTx, clientId: string) {
  return db.select().from(cases).where(eq(cases.clientId, clientId)).orderBy(desc(cases.openedAt));
}

export function clientReferrals(db: DbOrTx, clientId: string) {
  return db.select().from(referrals).where(eq(referrals.clientId, clientId)).orderBy(desc(referrals.sentAt));
}

export function clientVisits(db: DbOrTx, clientId: string) {
  return db.select().from(visits).where(eq(visits.clientId, clientId)).orderBy(desc(visits.dueDate));
}

/** The display names of the staff who did what on a timeline page, by user id. */
export async function staffNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
