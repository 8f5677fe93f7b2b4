import '../visits/visits.events';
import { randomUUID } from 'node:crypto';
import type { ApprovalView, CaseDetail } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { type ClientRow, findClient } from '../clients/clients.repository';
import { clientPolicy, clientVisibility } from '../clients/clients.policy';
import type { ClientsService } from '../clients/clients.service';
import { tellApprovers } from '../approval-notice';
import { caseApprovals } from './case-approvals';
import { type PlanInput, writePlan } from './case-plan';
import { caseDetail, caseSummary } from './case-view';
import { approvalRefusal, casePolicy } from './cases.policy';
import {
  type CaseRow,
  caseEventsOf,
  caseGoalsOf,
  caseTasksOf,
  completeTasks,
  findCase,
  REQUEST_KINDS,
  insertCase,
  insertCaseEvent,
  listCases,
  updateCaseIfVersion,
} from './cases.repository';

/**
 * Case files (个案): open with a plan (goals per need domain, tasks), supervisor approves the plan and the
 * closure; reopening keeps the history. State: draft → plan_pending → active → closure_pending → closed.
 */
export class CasesService {
  constructor(
    private readonly ctx: AppContext,
    private readonly clients: ClientsService,
  ) {}

  private async load(
    actor: Actor,
    caseId: string,
  ): Promise<{ row: CaseRow; clientName: string; clientRow: ClientRow }> {
    const row = await findCase(this.ctx.db, caseId);
    const client = row ? await findClient(this.ctx.db, row.clientId) : null;
    if (!row || !client || !clientPolicy.canRead(actor, client, this.ctx.clock.now()))
      throw deniedNotFound(this.ctx, actor, 'case', [caseId]);
    return { row, clientName: client.name, clientRow: client };
  }

  async detail(actor: Actor, caseId: string, audit = true): Promise<CaseDetail> {
    const { row, clientName } = await this.load(actor, caseId);
    const [goals, tasks, events] = await Promise.all([
      caseGoalsOf(this.ctx.db, caseId),
      caseTasksOf(this.ctx.db, caseId),
      caseEventsOf(this.ctx.db, caseId),
    ]);
    if (audit)
      auditRead(this.ctx, actor, {
        action: 'case.read',
        objectType: 'case',
        objectIds: [caseId, row.clientId],
        fields: ['goals', 'tasks', 'events'],
      });
    return caseDetail(actor, row, clientName, { goals, tasks, events });
  }

  async list(actor: Actor, status?: string) {
    const rows = await listCases(
      this.ctx.db,
      actor.scopePrefixes,
      clientVisibility(actor, this.ctx.clock.now()),
      status,
    );
    auditRead(this.ctx, actor, {
      action: 'case.list',
      objectType: 'case',
      objectIds: rows.map((r) => r.c.id),
      fields: ['clientName', 'status'],
    });
    return { items: rows.map(({ c, name }) => caseSummary(c, name)) };
  }

  /** Plans and closures waiting for the supervisor, or decided (已处理). */
  approvals(actor: Actor, view: ApprovalView) {
    return caseApprovals(this.ctx, actor, view);
  }

  private async event(
    tx: DbOrTx,
    owner: { id: string; areaCode: string },
    kind: string,
    note: string | null,
    actor: Actor,
  ) {
    const caseId = owner.id;
    await insertCaseEvent(tx, {
      id: randomUUID(),
      caseId,
      areaCode: owner.areaCode,
      kind,
      note,
      actorId: actor.userId,
      at: this.ctx.clock.now(),
    });
    const row = REQUEST_KINDS.includes(kind) ? await findCase(tx, caseId) : null;
    if (row)
      await tellApprovers(this.ctx, tx, {
        permission: 'care.case.approve',
        areaCode: row.areaCode,
        requestedBy: actor.userId,
        kind: kind === 'close_requested' ? 'case_closure' : 'case_plan',
        objectType: 'case',
        objectId: caseId,
        link: `/care/cases/${caseId}`,
      });
  }

  /** Opens a case with its plan; the plan waits for the supervisor. */
  async open(actor: Actor, clientId: string, plan: PlanInput): Promise<CaseDetail> {
    const client = await this.clients.loadVisible(actor, clientId);
    if (!clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw new AppError('common.forbidden');
    if (plan.tasks.some((t) => t.goalIndex >= plan.goals.length))
      throw new AppError('common.validation_failed', [{ path: 'tasks', code: 'care.task_goal_missing' }]);
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertCase(tx, {
        id,
        clientId,
        areaCode: client.areaCode,
        status: 'plan_pending',
        openedBy: actor.userId,
        openedAt: this.ctx.clock.now(),
        version: 1,
      });
      const owner = { id, areaCode: client.areaCode };
      await writePlan(tx, owner, plan);
      await this.event(tx, owner, 'opened', null, actor);
      await auditInTx(this.ctx, tx, actor, {
        action: 'case.open',
        objectType: 'case',
        objectIds: [id, clientId],
        fields: ['goals', 'tasks'],
      });
    });
    return this.detail(actor, id, false);
  }

  /** A new plan (after a rejection, or a revision of an active case) goes back to the supervisor. */
  async revisePlan(actor: Actor, caseId: string, plan: PlanInput): Promise<CaseDetail> {
    const { row } = await this.load(actor, caseId);
    if (!casePolicy.canEditPlan(actor, row)) throw new AppError('care.invalid_state');
    await this.transition(actor, row, 'plan_pending', 'plan_revised', null, (tx) => writePlan(tx, row, plan));
    return this.detail(actor, caseId, false);
  }

  private async transition(
    actor: Actor,
    row: CaseRow,
    to: CaseRow['status'],
    kind: string,
    note: string | null,
    extra?: (tx: DbOrTx) => Promise<void>,
    patch: Partial<CaseRow> = {},
  ) {
    await this.ctx.db.transaction(async (tx) => {
      if (!(await updateCaseIfVersion(tx, row.id, row.version, { ...patch, status: to, version: row.version + 1 })))
        throw new AppError('common.conflict');
      if (extra) await extra(tx);
      await this.event(tx, row, kind, note, actor);
      await auditInTx(this.ctx, tx, actor, {
        action: `case.${kind}`,
        objectType: 'case',
        objectIds: [row.id, row.clientId],
        fields: ['status'],
        detail: `${row.status} → ${to}`,
      });
    });
  }

  async decidePlan(actor: Actor, caseId: string, approve: boolean, note?: string) {
    const { row } = await this.load(actor, caseId);
    if (!casePolicy.canDecidePlan(actor, row)) throw new AppError(approvalRefusal(actor, row, 'plan_pending'));
    await this.transition(
      actor,
      row,
      approve ? 'active' : 'draft',
      approve ? 'plan_approved' : 'plan_rejected',
      note ?? null,
      undefined,
      { planDecidedBy: actor.userId, planDecidedAt: this.ctx.clock.now(), planNote: note ?? null },
    );
    return this.detail(actor, caseId, false);
  }

  async requestClose(actor: Actor, caseId: string, reason: string) {
    const { row } = await this.load(actor, caseId);
    if (!casePolicy.canRequestClose(actor, row)) throw new AppError('care.invalid_state');
    await this.transition(actor, row, 'closure_pending', 'close_requested', reason, undefined, {
      closingReason: reason,
    });
    return this.detail(actor, caseId, false);
  }

  async decideClosure(actor: Actor, caseId: string, approve: boolean, note?: string) {
    const { row } = await this.load(actor, caseId);
    if (!casePolicy.canDecideClosure(actor, row)) throw new AppError(approvalRefusal(actor, row, 'closure_pending'));
    await this.transition(
      actor,
      row,
      approve ? 'closed' : 'active',
      approve ? 'closed' : 'closure_rejected',
      note ?? null,
      undefined,
      approve ? { closedAt: this.ctx.clock.now() } : { closingReason: null },
    );
    return this.detail(actor, caseId, false);
  }

  async reopen(actor: Actor, caseId: string, reason: string) {
    const { row } = await this.load(actor, caseId);
    if (!casePolicy.canReopen(actor, row)) throw new AppError('care.invalid_state');
    await this.transition(actor, row, 'active', 'reopened', reason, undefined, { closedAt: null, closingReason: null });
    return this.detail(actor, caseId, false);
  }

  /** Ticks off the tasks of the client's active cases that a recorded visit served (in the visit's transaction). */
  static register(ctx: AppContext): void {
    ctx.events.onInTransaction('care.visit.recorded', async (tx, visit, meta) => {
      if (visit.outcome !== 'done' || visit.caseTaskIds.length === 0) return;
      if (!meta.actorId) throw new Error('care.visit.recorded needs the actor who recorded it');
      await completeTasks(tx, visit.clientId, visit.caseTaskIds, visit.visitId, meta.actorId, ctx.clock.now());
    });
  }
}
