import { inSameArea } from '../../../platform/colocated';
import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import { inCommunities, inScope, scopeCommunities } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { users } from '../../users';
import { clients } from '../clients/clients.tables';
import { assessments, tierChanges } from './tiers.tables';

export type NewAssessment = typeof assessments.$inferInsert;
export type AssessmentRow = typeof assessments.$inferSelect;
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

/**
 * Tier changes in the jurisdiction with their client's name and the assessment behind them: those waiting for a
 * decision (oldest first), or those an approver decided (newest first; a change applied at once by its requester
 * was never in the queue).
 */
export function tierChangesForApproval(db: DbOrTx, prefixes: readonly string[], view: 'pending' | 'decided') {
  const decided = or(
    eq(tierChanges.status, 'rejected'),
    and(eq(tierChanges.status, 'applied'), ne(tierChanges.decidedBy, tierChanges.requestedBy)),
  );
  return db
    .select({ change: tierChanges, clientName: clients.name, assessment: assessments })
    .from(tierChanges)
    .innerJoin(clients, inSameArea(eq(clients.id, tierChanges.clientId), clients, tierChanges))
    .leftJoin(assessments, inSameArea(eq(assessments.id, tierChanges.assessmentId), assessments, tierChanges))
    .where(
      and(
        view === 'pending' ? eq(tierChanges.status, 'pending_approval') : decided,
        inCommunities(tierChanges.areaCode, scopeCommunities(prefixes)),
        inScope(tierChanges.areaCode, prefixes),
      ),
    )
    .orderBy(view === 'pending' ? asc(tierChanges.createdAt) : desc(tierChanges.decidedAt))
    .limit(200);
}

/** The client's latest assessment, if any. */
export async function latestAssessmentOf(db: DbOrTx, clientId: string) {
  const [row] = await db
    .select()
    .from(assessments)
    .where(eq(assessments.clientId, clientId))
    .orderBy(desc(assessments.assessedAt))
    .limit(1);
  return row ?? null;
}

/** Display names of staff by id (a read-only lookup in the users module's table). */
export async function staffNames(db: DbOrTx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function updateTierChange(db: DbOrTx, id: string, patch: Partial<NewTierChange>) {
  return db.update(tierChanges).set(patch).where(eq(tierChanges.id, id));
}
