import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ClientDetail } from '@linli/contracts';
import { type Actor, codeInPrefixes, inScope } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { maskPhone } from '../../platform/masking';
import { findArea } from '../org';
import { findUserWithGrants } from '../users';
import { clientEvents, clients, households, visits } from './care.tables';
import { updateClient } from './clients.repository';
import { clientPolicy } from './clients.policy';
import { type ClientsService, assertAssignee } from './clients.service';
import { nameSearchKeys } from './names';
import { planNextVisit, policyFor } from './planning';
import { addVisitEvent, cancelPlanned, reassignPlanned } from './visits.repository';
import { addDays, chinaToday } from './tier-policy';

type UpdateInput = {
  version: number; name?: string | undefined; phone?: string | null | undefined; address?: string | null | undefined;
  gridCode?: string | null | undefined; categories?: string[] | undefined; disabilityCategory?: string | null | undefined;
  disabilityGrade?: string | null | undefined; emergencyContactName?: string | null | undefined;
  emergencyContactPhone?: string | null | undefined; assigneeId?: string | null | undefined; notes?: string | null | undefined;
  householdId?: string | null | undefined;
};

/** Edits, status changes and reassignment: the changes that must carry open visits along with them. */
export class CaseloadService {
  constructor(private readonly ctx: AppContext, private readonly clientsService: ClientsService) {}

  private assertAssignee(actor: Actor, userId: string | null | undefined, communityCode: string): Promise<void> {
    return assertAssignee(this.ctx, actor, userId, communityCode);
  }

  async update(actor: Actor, id: string, input: UpdateInput): Promise<ClientDetail> {
    const client = await this.clientsService.loadVisible(actor, id);
    const now = this.ctx.clock.now();
    if (!clientPolicy.canWrite(actor, client, now)) throw new AppError('common.forbidden');
    if (client.version !== input.version) throw new AppError('common.conflict');
    if (input.gridCode && !(input.gridCode.startsWith(client.areaCode) && (await findArea(this.ctx.db, input.gridCode))?.status === 'active')) {
      throw new AppError('area.not_found', [{ path: 'gridCode', message: input.gridCode }]);
    }
    await this.assertAssignee(actor, input.assigneeId, client.areaCode);
    if (input.householdId) {
      const [household] = await this.ctx.db.select().from(households).where(eq(households.id, input.householdId));
      if (!household || household.areaCode !== client.areaCode) throw new AppError('common.validation_failed', [{ path: 'householdId', message: '户须在同一社区 / the household must be in the same community' }]);
    }
    const enc = (v: string | null) => (v ? this.ctx.cipher.encrypt(v) : null);
    const patch: Partial<typeof clients.$inferInsert> = {};
    if (input.name !== undefined) Object.assign(patch, { name: input.name, namePinyin: nameSearchKeys(input.name).pinyin, nameInitials: nameSearchKeys(input.name).initials });
    if (input.phone !== undefined) Object.assign(patch, { phoneEnc: enc(input.phone), phoneBidx: input.phone ? this.ctx.cipher.blindIndex(input.phone) : null, phoneMasked: maskPhone(input.phone) });
    if (input.emergencyContactPhone !== undefined) Object.assign(patch, { emergencyPhoneEnc: enc(input.emergencyContactPhone), emergencyPhoneMasked: maskPhone(input.emergencyContactPhone) });
    for (const key of ['address', 'gridCode', 'categories', 'disabilityCategory', 'disabilityGrade', 'emergencyContactName', 'assigneeId', 'notes', 'householdId'] as const) {
      if (input[key] !== undefined) Object.assign(patch, { [key]: input[key] });
    }
    const fields = Object.keys(input).filter((k) => k !== 'version' && (input as Record<string, unknown>)[k] !== undefined);
    await this.ctx.db.transaction(async (tx) => {
      // The version check is repeated in the UPDATE so two concurrent editors cannot both win.
      const updated = await tx.update(clients).set({ ...patch, version: client.version + 1, updatedAt: now })
        .where(and(eq(clients.id, id), eq(clients.version, input.version))).returning({ id: clients.id });
      if (updated.length === 0) throw new AppError('common.conflict');
      if (input.assigneeId !== undefined || input.gridCode !== undefined) {
        await reassignPlanned(tx, id, input.assigneeId !== undefined ? input.assigneeId : client.assigneeId, input.gridCode !== undefined ? input.gridCode : client.gridCode, now);
      }
      await tx.insert(clientEvents).values({ id: randomUUID(), clientId: id, kind: input.assigneeId !== undefined ? 'reassigned' : 'updated', detail: { fields }, actorId: actor.userId, at: now });
      await auditInTx(this.ctx, tx, actor, { action: 'client.update', objectType: 'client', objectIds: [id], fields });
    });
    return this.clientsService.detail(actor, id, false);
  }

  /**
   * Status changes: leaving active (paused, moved out, deceased, closed) cancels open visits; a pause books the
   * next visit on the resume date; back to active plans from today by the tier.
   */
  async setStatus(actor: Actor, id: string, input: { version: number; status: 'active' | 'paused' | 'moved_out' | 'deceased' | 'closed'; resumeOn?: string | undefined; reason: string }): Promise<ClientDetail> {
    const client = await this.clientsService.loadVisible(actor, id);
    const now = this.ctx.clock.now();
    if (!clientPolicy.canWrite(actor, client, now)) throw new AppError('common.forbidden');
    if (client.version !== input.version) throw new AppError('common.conflict');
    if (input.status === 'paused' && (!input.resumeOn || input.resumeOn <= chinaToday(now))) {
      throw new AppError('common.validation_failed', [{ path: 'resumeOn', message: '暂停须填写今后的恢复日期 / a future resume date is required' }]);
    }
    await this.ctx.db.transaction(async (tx) => {
      await updateClient(tx, id, { status: input.status, resumeOn: input.status === 'paused' ? input.resumeOn! : null, version: client.version + 1, updatedAt: now });
      for (const visitId of await cancelPlanned(tx, id, now)) {
        await addVisitEvent(tx, { id: randomUUID(), visitId, status: 'cancelled', note: `client ${input.status}`, actorId: actor.userId, at: now });
      }
      if (client.tier && (input.status === 'active' || input.status === 'paused')) {
        const from = input.status === 'paused' ? input.resumeOn! : chinaToday(now);
        const policy = await policyFor(tx, client.areaCode);
        // Plan so that the visit falls due on the resume date (or one cadence from today when reactivated).
        const start = input.status === 'paused' ? addDays(from, -policy.rules.cadenceDays[client.tier]) : from;
        await planNextVisit(tx, client, client.tier, start, policy, actor.userId, now);
      }
      await tx.insert(clientEvents).values({ id: randomUUID(), clientId: id, kind: 'status', detail: { from: client.status, to: input.status, reason: input.reason, resumeOn: input.resumeOn ?? null }, actorId: actor.userId, at: now });
      await auditInTx(this.ctx, tx, actor, { action: 'client.status', objectType: 'client', objectIds: [id], fields: ['status'], detail: `${client.status} → ${input.status}` });
    });
    return this.clientsService.detail(actor, id, false);
  }

  /** Moves a departing worker's caseload, or a whole grid's, to another worker: clients and their open visits. */
  async reassign(actor: Actor, input: { fromUserId?: string | undefined; gridCode?: string | undefined; toUserId: string }) {
    if (input.gridCode && !codeInPrefixes(input.gridCode, actor.scopePrefixes)) throw new AppError('area.not_found');
    const target = await findUserWithGrants(this.ctx.db, input.toUserId);
    if (!target || target.status !== 'active' || !target.areaCodes.some((c) => codeInPrefixes(c, actor.scopePrefixes))) throw new AppError('user.not_found', [{ path: 'toUserId', message: input.toUserId }]);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction(async (tx) => {
      const match = and(inScope(clients.areaCode, actor.scopePrefixes), input.gridCode ? eq(clients.gridCode, input.gridCode) : eq(clients.assigneeId, input.fromUserId!));
      const moved = await tx.update(clients).set({ assigneeId: target.id, version: sql`${clients.version} + 1`, updatedAt: now }).where(match).returning({ id: clients.id });
      const ids = moved.map((m) => m.id);
      let visitCount = 0;
      if (ids.length) {
        const rows = await tx.update(visits).set({ assigneeId: target.id, updatedAt: now }).where(and(inArray(visits.clientId, ids), eq(visits.status, 'planned'))).returning({ id: visits.id });
        visitCount = rows.length;
        await tx.insert(clientEvents).values(ids.map((clientId) => ({ id: randomUUID(), clientId, kind: 'reassigned' as const, detail: { to: target.id, from: input.fromUserId ?? null, grid: input.gridCode ?? null }, actorId: actor.userId, at: now })));
      }
      await auditInTx(this.ctx, tx, actor, { action: 'caseload.reassign', objectType: 'client', objectIds: ids.slice(0, 100), fields: ['assigneeId'], detail: `${ids.length} clients, ${visitCount} visits → ${target.username}` });
      return { clients: ids.length, visits: visitCount };
    });
  }
}
