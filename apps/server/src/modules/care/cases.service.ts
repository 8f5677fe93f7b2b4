import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { CaseDetail, NeedDomain } from '@linli/contracts';
import { type Actor, hasPermission, holdsEveryArea, inScope } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { caseEvents, caseGoals, caseTasks, cases } from './cases.tables';
import { clients } from './care.tables';
import { findClient, visibleClients } from './clients.repository';
import { clientPolicy, clientVisibility } from './clients.policy';
import type { ClientsService } from './clients.service';

type CaseRow = typeof cases.$inferSelect;
interface PlanInput {
  goals: { domain: NeedDomain; goal: string }[];
  tasks: { goalIndex: number; title: string; ownerId?: string | undefined; dueDate?: string | undefined }[];
}

/**
 * Case files (个案): open with a plan (goals per need domain, tasks), supervisor approves the plan and the
 * closure; reopening keeps the history. State: draft → plan_pending → active → closure_pending → closed.
 */
export class CasesService {
  constructor(private readonly ctx: AppContext, private readonly clients: ClientsService) {}

  private async load(actor: Actor, caseId: string): Promise<{ row: CaseRow; clientName: string; clientRow: NonNullable<Awaited<ReturnType<typeof findClient>>> }> {
    const [row] = await this.ctx.db.select().from(cases).where(eq(cases.id, caseId));
    const client = row ? await findClient(this.ctx.db, row.clientId) : null;
    if (!row || !client || !clientPolicy.canRead(actor, client, this.ctx.clock.now())) throw deniedNotFound(this.ctx, actor, 'case', [caseId]);
    return { row, clientName: client.name, clientRow: client };
  }

  private allowed(actor: Actor, row: CaseRow): string[] {
    const write = hasPermission(actor, 'care.case.write');
    // An approver holds the case's whole community, not only a grid of it (F3).
    const approve = hasPermission(actor, 'care.case.approve') && holdsEveryArea(actor, [row.areaCode]);
    const actions: string[] = [];
    if (write && (row.status === 'draft' || row.status === 'active')) actions.push('edit_plan');
    if (approve && row.status === 'plan_pending') actions.push('decide_plan');
    if (write && row.status === 'active') actions.push('request_close', 'complete_task');
    if (approve && row.status === 'closure_pending') actions.push('decide_closure');
    if (write && row.status === 'closed') actions.push('reopen');
    return actions;
  }

  /** Why an approval is refused: wrong state, or an approver who does not hold the case's community (F3). */
  private approvalRefusal(actor: Actor, row: CaseRow, waiting: CaseRow['status']): AppError {
    if (row.status !== waiting) return new AppError('care.invalid_state');
    if (hasPermission(actor, 'care.case.approve') && !holdsEveryArea(actor, [row.areaCode])) return new AppError('common.approver_scope');
    return new AppError('common.forbidden');
  }

  async detail(actor: Actor, caseId: string, audit = true): Promise<CaseDetail> {
    const { row, clientName } = await this.load(actor, caseId);
    const [goals, tasks, events] = await Promise.all([
      this.ctx.db.select().from(caseGoals).where(eq(caseGoals.caseId, caseId)).orderBy(asc(caseGoals.position)),
      this.ctx.db.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.dueDate)),
      this.ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at)),
    ]);
    if (audit) auditRead(this.ctx, actor, { action: 'case.read', objectType: 'case', objectIds: [caseId, row.clientId], fields: ['goals', 'tasks', 'events'] });
    return {
      id: row.id, clientId: row.clientId, clientName, communityCode: row.areaCode, status: row.status, openedAt: row.openedAt.toISOString(),
      closingReason: row.closingReason, version: row.version, allowedActions: this.allowed(actor, row),
      goals: goals.map((g) => ({ id: g.id, domain: g.domain as NeedDomain, goal: g.goal })),
      tasks: tasks.map((t) => ({ id: t.id, goalId: t.goalId, title: t.title, ownerId: t.ownerId, dueDate: t.dueDate, doneAt: t.doneAt?.toISOString() ?? null, doneVisitId: t.doneVisitId })),
      events: events.map((e) => ({ kind: e.kind, note: e.note, at: e.at.toISOString() })),
    };
  }

  async list(actor: Actor, status?: string) {
    const rows = await this.ctx.db.select({ c: cases, name: clients.name }).from(cases).innerJoin(clients, eq(clients.id, cases.clientId))
      .where(and(inScope(cases.areaCode, actor.scopePrefixes), visibleClients(clientVisibility(actor, this.ctx.clock.now())), status ? eq(cases.status, status as 'active') : undefined))
      .orderBy(asc(cases.openedAt)).limit(500);
    const visible = rows;
    auditRead(this.ctx, actor, { action: 'case.list', objectType: 'case', objectIds: visible.map((r) => r.c.id), fields: ['clientName', 'status'] });
    return { items: visible.map(({ c, name }) => ({ id: c.id, clientId: c.clientId, clientName: name, communityCode: c.areaCode, status: c.status, openedAt: c.openedAt.toISOString() })) };
  }

  private async event(tx: DbOrTx, caseId: string, kind: string, note: string | null, actor: Actor) {
    await tx.insert(caseEvents).values({ id: randomUUID(), caseId, kind, note, actorId: actor.userId, at: this.ctx.clock.now() });
  }

  private async writePlan(tx: DbOrTx, caseId: string, plan: PlanInput) {
    const open = await tx.select({ id: caseTasks.id }).from(caseTasks).where(and(eq(caseTasks.caseId, caseId), sql`${caseTasks.doneAt} IS NULL`));
    if (open.length) await tx.delete(caseTasks).where(inArray(caseTasks.id, open.map((t) => t.id)));
    const kept = await tx.select({ goalId: caseTasks.goalId }).from(caseTasks).where(eq(caseTasks.caseId, caseId));
    const keptGoals = new Set(kept.map((k) => k.goalId));
    const oldGoals = await tx.select().from(caseGoals).where(eq(caseGoals.caseId, caseId));
    const removable = oldGoals.filter((g) => !keptGoals.has(g.id)).map((g) => g.id);
    if (removable.length) await tx.delete(caseGoals).where(inArray(caseGoals.id, removable));
    const goalIds = plan.goals.map(() => randomUUID());
    await tx.insert(caseGoals).values(plan.goals.map((g, i) => ({ id: goalIds[i]!, caseId, domain: g.domain, goal: g.goal, position: oldGoals.length + i })));
    if (plan.tasks.length) {
      await tx.insert(caseTasks).values(plan.tasks.map((t) => ({ id: randomUUID(), caseId, goalId: goalIds[t.goalIndex] ?? null, title: t.title, ownerId: t.ownerId ?? null, dueDate: t.dueDate ?? null })));
    }
  }

  /** Opens a case with its plan; the plan waits for the supervisor. */
  async open(actor: Actor, clientId: string, plan: PlanInput): Promise<CaseDetail> {
    const client = await this.clients.loadVisible(actor, clientId);
    if (!clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw new AppError('common.forbidden');
    if (plan.tasks.some((t) => t.goalIndex >= plan.goals.length)) throw new AppError('common.validation_failed', [{ path: 'tasks', message: 'goalIndex out of range' }]);
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await tx.insert(cases).values({ id, clientId, areaCode: client.areaCode, status: 'plan_pending', openedBy: actor.userId, openedAt: this.ctx.clock.now(), version: 1 });
      await this.writePlan(tx, id, plan);
      await this.event(tx, id, 'opened', null, actor);
      await auditInTx(this.ctx, tx, actor, { action: 'case.open', objectType: 'case', objectIds: [id, clientId], fields: ['goals', 'tasks'] });
    });
    return this.detail(actor, id, false);
  }

  /** A new plan (after a rejection, or a revision of an active case) goes back to the supervisor. */
  async revisePlan(actor: Actor, caseId: string, plan: PlanInput): Promise<CaseDetail> {
    const { row } = await this.load(actor, caseId);
    if (!this.allowed(actor, row).includes('edit_plan')) throw new AppError('care.invalid_state');
    await this.transition(actor, row, 'plan_pending', 'plan_revised', null, (tx) => this.writePlan(tx, caseId, plan));
    return this.detail(actor, caseId, false);
  }

  private async transition(actor: Actor, row: CaseRow, to: CaseRow['status'], kind: string, note: string | null, extra?: (tx: DbOrTx) => Promise<void>, patch: Partial<CaseRow> = {}) {
    await this.ctx.db.transaction(async (tx) => {
      const updated = await tx.update(cases).set({ ...patch, status: to, version: row.version + 1 }).where(and(eq(cases.id, row.id), eq(cases.version, row.version))).returning({ id: cases.id });
      if (!updated.length) throw new AppError('common.conflict');
      if (extra) await extra(tx);
      await this.event(tx, row.id, kind, note, actor);
      await auditInTx(this.ctx, tx, actor, { action: `case.${kind}`, objectType: 'case', objectIds: [row.id, row.clientId], fields: ['status'], detail: `${row.status} → ${to}` });
    });
  }

  async decidePlan(actor: Actor, caseId: string, approve: boolean, note?: string) {
    const { row } = await this.load(actor, caseId);
    if (!this.allowed(actor, row).includes('decide_plan')) throw this.approvalRefusal(actor, row, 'plan_pending');
    await this.transition(actor, row, approve ? 'active' : 'draft', approve ? 'plan_approved' : 'plan_rejected', note ?? null, undefined, { planDecidedBy: actor.userId, planDecidedAt: this.ctx.clock.now(), planNote: note ?? null });
    return this.detail(actor, caseId, false);
  }

  async requestClose(actor: Actor, caseId: string, reason: string) {
    const { row } = await this.load(actor, caseId);
    if (!this.allowed(actor, row).includes('request_close')) throw new AppError('care.invalid_state');
    await this.transition(actor, row, 'closure_pending', 'close_requested', reason, undefined, { closingReason: reason });
    return this.detail(actor, caseId, false);
  }

  async decideClosure(actor: Actor, caseId: string, approve: boolean, note?: string) {
    const { row } = await this.load(actor, caseId);
    if (!this.allowed(actor, row).includes('decide_closure')) throw this.approvalRefusal(actor, row, 'closure_pending');
    await this.transition(actor, row, approve ? 'closed' : 'active', approve ? 'closed' : 'closure_rejected', note ?? null, undefined, approve ? { closedAt: this.ctx.clock.now() } : { closingReason: null });
    return this.detail(actor, caseId, false);
  }

  async reopen(actor: Actor, caseId: string, reason: string) {
    const { row } = await this.load(actor, caseId);
    if (!this.allowed(actor, row).includes('reopen')) throw new AppError('care.invalid_state');
    await this.transition(actor, row, 'active', 'reopened', reason, undefined, { closedAt: null, closingReason: null });
    return this.detail(actor, caseId, false);
  }

  /** Ticks off tasks of the client's active cases from a visit (called inside the visit's transaction). */
  static async completeTasksFromVisit(tx: DbOrTx, clientId: string, taskIds: string[], visitId: string, actorId: string, at: Date): Promise<number> {
    if (taskIds.length === 0) return 0;
    const done = await tx.update(caseTasks).set({ doneAt: at, doneBy: actorId, doneVisitId: visitId })
      .where(and(inArray(caseTasks.id, taskIds), sql`${caseTasks.doneAt} IS NULL`,
        sql`${caseTasks.caseId} IN (SELECT id FROM cases WHERE client_id = ${clientId} AND status = 'active')`))
      .returning({ id: caseTasks.id });
    return done.length;
  }
}
