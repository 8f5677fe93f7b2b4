import { randomUUID } from 'node:crypto';
import type { ClientDetail } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx } from '../../../platform/context';
import { addDays, chinaToday } from '../../../platform/dates';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { findHousehold } from '../households/households.repository';
import { planNextVisit, policyFor } from '../policies/planning';
import { addVisitEvent, cancelPlanned, reassignPlanned } from '../visits/visits.repository';
import { assertAssignee, assertGrid } from './client-checks';
import { type ClientEdit, clientEditPatch } from './client-record';
import { type ClientRow, insertClientEvents, updateClient, updateClientIfVersion } from './clients.repository';
import { clientPolicy } from './clients.policy';
import type { ClientsService } from './clients.service';

type ClientStatusChange = {
  version: number;
  status: 'active' | 'paused' | 'moved_out' | 'deceased' | 'closed';
  resumeOn?: string | undefined;
  reason: string;
};

/** Edits and status changes of a client: both carry the client's open visits along (moved, cancelled, re-planned). */
export class ClientChangesService {
  constructor(
    private readonly ctx: AppContext,
    private readonly clients: ClientsService,
  ) {}

  /** The client to change, if the actor may write it and started from its current version. */
  private async loadWritable(actor: Actor, id: string, version: number, now: Date): Promise<ClientRow> {
    const client = await this.clients.loadVisible(actor, id);
    if (!clientPolicy.canWrite(actor, client, now)) throw new AppError('common.forbidden');
    if (client.version !== version) throw new AppError('common.conflict');
    return client;
  }

  /** An edit with the version read; changing the grid or the assignee moves the client's open visits along. */
  async update(actor: Actor, id: string, input: ClientEdit): Promise<ClientDetail> {
    const now = this.ctx.clock.now();
    const client = await this.loadWritable(actor, id, input.version, now);
    await assertGrid(this.ctx, input.gridCode, client.areaCode);
    await assertAssignee(this.ctx, actor, input.assigneeId, client.areaCode);
    if (input.householdId) {
      const household = await findHousehold(this.ctx.db, input.householdId);
      if (!household || household.areaCode !== client.areaCode)
        throw new AppError('common.validation_failed', [
          { path: 'householdId', code: 'care.household_other_community' },
        ]);
    }
    const patch = clientEditPatch(this.ctx, input);
    const fields = Object.keys(input).filter(
      (k) => k !== 'version' && (input as Record<string, unknown>)[k] !== undefined,
    );
    await this.ctx.db.transaction(async (tx) => {
      if (
        !(await updateClientIfVersion(tx, id, input.version, { ...patch, version: client.version + 1, updatedAt: now }))
      )
        throw new AppError('common.conflict');
      if (input.assigneeId !== undefined || input.gridCode !== undefined) {
        await reassignPlanned(
          tx,
          client,
          input.assigneeId !== undefined ? input.assigneeId : client.assigneeId,
          input.gridCode !== undefined ? input.gridCode : client.gridCode,
          now,
        );
      }
      await insertClientEvents(tx, {
        id: randomUUID(),
        clientId: id,
        areaCode: client.areaCode,
        kind: input.assigneeId !== undefined ? 'reassigned' : 'updated',
        detail: { fields },
        actorId: actor.userId,
        at: now,
      });
      await auditInTx(this.ctx, tx, actor, { action: 'client.update', objectType: 'client', objectIds: [id], fields });
    });
    return this.clients.detail(actor, id, false);
  }

  /**
   * Status changes: leaving active (paused, moved out, deceased, closed) cancels open visits; a pause books the
   * next visit on the resume date; back to active plans from today by the tier.
   */
  async setStatus(actor: Actor, id: string, input: ClientStatusChange): Promise<ClientDetail> {
    const now = this.ctx.clock.now();
    const client = await this.loadWritable(actor, id, input.version, now);
    if (input.status === 'paused' && (!input.resumeOn || input.resumeOn <= chinaToday(now))) {
      throw new AppError('common.validation_failed', [{ path: 'resumeOn', code: 'care.resume_date_required' }]);
    }
    await this.ctx.db.transaction(async (tx) => {
      await updateClient(tx, id, {
        status: input.status,
        resumeOn: input.status === 'paused' ? input.resumeOn! : null,
        version: client.version + 1,
        updatedAt: now,
      });
      await this.replanVisits(tx, actor, client, input, now);
      await insertClientEvents(tx, {
        id: randomUUID(),
        clientId: id,
        areaCode: client.areaCode,
        kind: 'status',
        detail: { from: client.status, to: input.status, reason: input.reason, resumeOn: input.resumeOn ?? null },
        actorId: actor.userId,
        at: now,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.status',
        objectType: 'client',
        objectIds: [id],
        fields: ['status'],
        detail: `${client.status} → ${input.status}`,
      });
    });
    return this.clients.detail(actor, id, false);
  }

  /** Open visits are cancelled; a paused or reactivated tiered client gets its next visit planned again. */
  private async replanVisits(tx: DbOrTx, actor: Actor, client: ClientRow, input: ClientStatusChange, now: Date) {
    for (const visit of await cancelPlanned(tx, client, now)) {
      await addVisitEvent(tx, {
        id: randomUUID(),
        visitId: visit.id,
        areaCode: visit.areaCode,
        status: 'cancelled',
        note: `client ${input.status}`,
        actorId: actor.userId,
        at: now,
      });
    }
    if (client.tier && (input.status === 'active' || input.status === 'paused')) {
      const from = input.status === 'paused' ? input.resumeOn! : chinaToday(now);
      const policy = await policyFor(tx, client.areaCode);
      // Plan so that the visit falls due on the resume date (or one cadence from today when reactivated).
      const start = input.status === 'paused' ? addDays(from, -policy.rules.cadenceDays[client.tier]) : from;
      await planNextVisit(tx, client, client.tier, start, policy, actor.userId, now);
    }
  }
}
