import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { assessments, clientMerges, clients, tierChanges, visits } from './care.tables';
import { cases, consents, referrals } from './cases.tables';
import { findClient } from './clients.repository';
import { clientPolicy } from './clients.policy';
import type { ClientsService } from './clients.service';

/** Tables whose rows follow a client through a merge (by client_id). */
const MOVABLE = { visits, assessments, tier_changes: tierChanges, cases, referrals, consents } as const;
type MovableName = keyof typeof MOVABLE;

type MergeRow = typeof clientMerges.$inferSelect;

function toMerge(row: MergeRow) {
  return {
    id: row.id, sourceId: row.sourceId, targetId: row.targetId, mergedAt: row.mergedAt.toISOString(), undoneAt: row.undoneAt?.toISOString() ?? null,
    moved: Object.fromEntries(Object.entries(row.moved).map(([k, ids]) => [k, ids.length])),
  };
}

/**
 * Merging duplicates (the entry warning's follow-up): the source's history moves to the target, its open visits are
 * cancelled, and it is closed with `merged_into`. Undo moves exactly the recorded rows back.
 */
export class MergesService {
  constructor(private readonly ctx: AppContext, private readonly clientsService: ClientsService) {}

  async merge(actor: Actor, sourceId: string, intoId: string, reason: string) {
    if (sourceId === intoId) throw new AppError('common.validation_failed', [{ path: 'intoId', message: 'cannot merge a client into itself' }]);
    const source = await this.clientsService.loadVisible(actor, sourceId);
    const target = await this.clientsService.loadVisible(actor, intoId);
    const now = this.ctx.clock.now();
    if (!clientPolicy.canWrite(actor, source, now) || !clientPolicy.canWrite(actor, target, now)) throw new AppError('common.forbidden');
    if (source.mergedInto || target.mergedInto) throw new AppError('care.invalid_state');
    const row: MergeRow = { id: randomUUID(), sourceId, targetId: intoId, sourceStatus: source.status, moved: {}, reason, mergedBy: actor.userId, mergedAt: now, undoneBy: null, undoneAt: null };
    await this.ctx.db.transaction(async (tx) => {
      const cancelled = await tx.update(visits).set({ status: 'cancelled', updatedAt: now }).where(and(eq(visits.clientId, sourceId), eq(visits.status, 'planned'))).returning({ id: visits.id });
      row.moved.cancelled_visits = cancelled.map((v) => v.id);
      for (const [name, table] of Object.entries(MOVABLE) as [MovableName, (typeof MOVABLE)[MovableName]][]) {
        const moved = await tx.update(table).set({ clientId: intoId } as never).where(eq(table.clientId, sourceId)).returning({ id: table.id });
        row.moved[name] = moved.map((m) => m.id);
      }
      await tx.update(clients).set({ status: 'closed', mergedInto: intoId, version: source.version + 1, updatedAt: now }).where(eq(clients.id, sourceId));
      await tx.insert(clientMerges).values(row);
      await auditInTx(this.ctx, tx, actor, { action: 'client.merge', objectType: 'client', objectIds: [sourceId, intoId, row.id], fields: Object.keys(MOVABLE), detail: `reason: ${reason}` });
    });
    return toMerge(row);
  }

  async undo(actor: Actor, mergeId: string) {
    const [row] = await this.ctx.db.select().from(clientMerges).where(eq(clientMerges.id, mergeId));
    const source = row ? await findClient(this.ctx.db, row.sourceId) : null;
    const now = this.ctx.clock.now();
    if (!row || !source || !clientPolicy.canWrite(actor, source, now)) throw deniedNotFound(this.ctx, actor, 'client_merge', [mergeId]);
    if (row.undoneAt) throw new AppError('care.invalid_state');
    await this.ctx.db.transaction(async (tx) => {
      for (const [name, table] of Object.entries(MOVABLE) as [MovableName, (typeof MOVABLE)[MovableName]][]) {
        await moveBack(tx, table, row.moved[name] ?? [], row.sourceId);
      }
      const cancelled = row.moved.cancelled_visits ?? [];
      if (cancelled.length) await tx.update(visits).set({ status: 'planned', updatedAt: now }).where(and(inArray(visits.id, cancelled), eq(visits.status, 'cancelled')));
      await tx.update(clients).set({ status: row.sourceStatus as 'active', mergedInto: null, version: sql`${clients.version} + 1`, updatedAt: now }).where(eq(clients.id, row.sourceId));
      await tx.update(clientMerges).set({ undoneAt: now, undoneBy: actor.userId }).where(and(eq(clientMerges.id, mergeId), isNull(clientMerges.undoneAt)));
      await auditInTx(this.ctx, tx, actor, { action: 'client.merge_undo', objectType: 'client', objectIds: [row.sourceId, row.targetId, mergeId] });
    });
    return toMerge({ ...row, undoneAt: now, undoneBy: actor.userId });
  }
}

async function moveBack(tx: DbOrTx, table: (typeof MOVABLE)[MovableName], ids: string[], clientId: string) {
  if (ids.length) await tx.update(table).set({ clientId } as never).where(inArray(table.id, ids));
}
