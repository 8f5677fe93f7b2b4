import { inSameArea } from '../../../platform/colocated';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { inScope } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { type ClientVisibility, visibleClients } from '../clients/clients.repository';
import { clients } from '../clients/clients.tables';
import { caseEvents, caseGoals, caseTasks, cases } from './cases.tables';

export type CaseRow = typeof cases.$inferSelect;
export type CaseStatus = CaseRow['status'];
export type NewCase = typeof cases.$inferInsert;
export type NewCaseGoal = typeof caseGoals.$inferInsert;
export type NewCaseTask = typeof caseTasks.$inferInsert;
export type NewCaseEvent = typeof caseEvents.$inferInsert;

export async function findCase(db: DbOrTx, id: string): Promise<CaseRow | null> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row ?? null;
}

/** Cases in the jurisdiction whose client the actor may see, oldest first, with the client's name. */
export function listCases(db: DbOrTx, prefixes: readonly string[], visibility: ClientVisibility, status?: string) {
  return db
    .select({ c: cases, name: clients.name })
    .from(cases)
    .innerJoin(clients, inSameArea(eq(clients.id, cases.clientId), clients, cases))
    .where(
      and(
        inScope(cases.areaCode, prefixes),
        visibleClients(visibility),
        status ? eq(cases.status, status as 'active') : undefined,
      ),
    )
    .orderBy(asc(cases.openedAt))
    .limit(500);
}

/** The events that ask for a decision, and those that give one. */
export const REQUEST_KINDS = ['opened', 'plan_revised', 'close_requested'];
export const DECISION_KINDS = ['plan_approved', 'plan_rejected', 'closed', 'closure_rejected'];

/** Cases whose plan or closure waits for the supervisor, in the jurisdiction, oldest first. */
export function pendingCaseApprovals(db: DbOrTx, prefixes: readonly string[], visibility: ClientVisibility) {
  return db
    .select({ c: cases, name: clients.name })
    .from(cases)
    .innerJoin(clients, inSameArea(eq(clients.id, cases.clientId), clients, cases))
    .where(
      and(
        inArray(cases.status, ['plan_pending', 'closure_pending']),
        inScope(cases.areaCode, prefixes),
        visibleClients(visibility),
      ),
    )
    .orderBy(asc(cases.openedAt))
    .limit(200);
}

/** Decisions on plans and closures in the jurisdiction (已处理), newest first, with their case and client's name. */
export function decidedCaseApprovals(db: DbOrTx, prefixes: readonly string[], visibility: ClientVisibility) {
  return db
    .select({ e: caseEvents, c: cases, name: clients.name })
    .from(caseEvents)
    .innerJoin(cases, inSameArea(eq(cases.id, caseEvents.caseId), cases, caseEvents))
    .innerJoin(clients, inSameArea(eq(clients.id, cases.clientId), clients, cases))
    .where(and(inArray(caseEvents.kind, DECISION_KINDS), inScope(cases.areaCode, prefixes), visibleClients(visibility)))
    .orderBy(desc(caseEvents.at))
    .limit(200);
}

/** The request events (opened, plan revised, closing asked for) of these cases, oldest first. */
export function requestEventsOf(db: DbOrTx, caseIds: string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(caseEvents)
    .where(and(inArray(caseEvents.caseId, caseIds), inArray(caseEvents.kind, REQUEST_KINDS)))
    .orderBy(asc(caseEvents.at));
}

/** How many goals each case's plan has. */
export async function goalCountsOf(db: DbOrTx, caseIds: string[]): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select({ caseId: caseGoals.caseId, n: count() })
    .from(caseGoals)
    .where(inArray(caseGoals.caseId, caseIds))
    .groupBy(caseGoals.caseId);
  return new Map(rows.map((r) => [r.caseId, Number(r.n)]));
}

export function caseGoalsOf(db: DbOrTx, caseId: string) {
  return db.select().from(caseGoals).where(eq(caseGoals.caseId, caseId)).orderBy(asc(caseGoals.position));
}

export function caseTasksOf(db: DbOrTx, caseId: string) {
  return db.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.dueDate));
}

export function caseEventsOf(db: DbOrTx, caseId: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at));
}

export function insertCase(db: DbOrTx, row: NewCase) {
  return db.insert(cases).values(row);
}

/** Moves a case on only if it still has `version` (two supervisors cannot both decide); false when it had moved. */
export async function updateCaseIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<CaseRow>,
): Promise<boolean> {
  const updated = await db
    .update(cases)
    .set(patch)
    .where(and(eq(cases.id, id), eq(cases.version, version)))
    .returning({ id: cases.id });
  return updated.length > 0;
}

export function insertCaseEvent(db: DbOrTx, row: NewCaseEvent) {
  return db.insert(caseEvents).values(row);
}

/** Deletes the case's tasks not yet done (a new plan replaces them). */
export async function deleteOpenTasks(db: DbOrTx, caseId: string): Promise<void> {
  const open = await db
    .select({ id: caseTasks.id })
    .from(caseTasks)
    .where(and(eq(caseTasks.caseId, caseId), sql`${caseTasks.doneAt} IS NULL`));
  if (open.length)
    await db.delete(caseTasks).where(
      inArray(
        caseTasks.id,
        open.map((t) => t.id),
      ),
    );
}

/** The goals that tasks (after deleteOpenTasks: done tasks) still point at. */
export async function goalIdsWithTasks(db: DbOrTx, caseId: string): Promise<Set<string | null>> {
  const kept = await db.select({ goalId: caseTasks.goalId }).from(caseTasks).where(eq(caseTasks.caseId, caseId));
  return new Set(kept.map((k) => k.goalId));
}

export function allCaseGoals(db: DbOrTx, caseId: string) {
  return db.select().from(caseGoals).where(eq(caseGoals.caseId, caseId));
}

export async function deleteGoals(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length) await db.delete(caseGoals).where(inArray(caseGoals.id, ids));
}

export function insertGoals(db: DbOrTx, rows: NewCaseGoal[]) {
  return db.insert(caseGoals).values(rows);
}

export async function insertTasks(db: DbOrTx, rows: NewCaseTask[]): Promise<void> {
  if (rows.length) await db.insert(caseTasks).values(rows);
}

/** Ticks off open tasks of the client's active cases; returns how many (tasks of other clients or cases are ignored). */
export async function completeTasks(
  db: DbOrTx,
  clientId: string,
  taskIds: string[],
  visitId: string,
  actorId: string,
  at: Date,
): Promise<number> {
  const done = await db
    .update(caseTasks)
    .set({ doneAt: at, doneBy: actorId, doneVisitId: visitId })
    .where(
      and(
        inArray(caseTasks.id, taskIds),
        sql`${caseTasks.doneAt} IS NULL`,
        sql`${caseTasks.caseId} IN (SELECT id FROM cases WHERE client_id = ${clientId} AND status = 'active')`,
      ),
    )
    .returning({ id: caseTasks.id });
  return done.length;
}
