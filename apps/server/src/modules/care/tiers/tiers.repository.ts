import { and, asc, eq } from 'drizzle-orm';
import { inScope } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { clients } from '../clients/clients.tables';
import { assessments, tierChanges } from './tiers.tables';

export type NewAssessment = typeof assessments.$inferInsert;
export type NewTierChange = typeof tierChanges.$inferInsert;

export function insertAssessment(db: DbOrTx, row: NewAssessment) {
  return db.insert(assessments).values(row);
}

export function insertTierChange(db: DbOrTx, row: NewTierChange) {
  return db.insert(tierChanges).values(row);
}

export async function findTierChange(db: DbOrTx, id: string) {
  const [row] = await db.select().from(tierChanges).where(eq(tierChanges.id, id));
  return row ?? null;
}

export function pendingTierChanges(db: DbOrTx, prefixes: readonly string[]) {
  return db
    .select({ change: tierChanges, clientName: clients.name })
    .from(tierChanges)
    .innerJoin(clients, eq(clients.id, tierChanges.clientId))
    .where(and(eq(tierChanges.status, 'pending_approval'), inScope(tierChanges.areaCode, prefixes)))
    .orderBy(asc(tierChanges.createdAt));
}

export function updateTierChange(db: DbOrTx, id: string, patch: Partial<NewTierChange>) {
  return db.update(tierChanges).set(patch).where(eq(tierChanges.id, id));
}
