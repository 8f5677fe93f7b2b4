import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { cancelPlanned, restoreCancelled } from '../visits/visits.repository';
import { findClient, updateClient } from './clients.repository';
import { clientPolicy } from './clients.policy';
import type { ClientsService } from './clients.service';
import {
  findMerge,
  insertMerge,
  markMergeUndone,
  type MergeRow,
  MOVED_WITH_CLIENT,
  moveClientRows,
  moveRowsBack,
  unmergeClient,
} from './merges.repository';

function toMerge(row: MergeRow) {
  return {
    id: row.id,
    sourceId: row.sourceId,
    targetId: row.targetId,
    mergedAt: row.mergedAt.toISOString(),
    undoneAt: row.undoneAt?.toISOString() ?? null,
    moved: Object.fromEntries(Object.entries(row.moved).map(([k, ids]) => [k, ids.length])),
  };
}

/**
 * Merging duplicates (the entry warning's follow-up): the source's history moves to the target, its open visits are
 * cancelled, and it is closed with `merged_into`. Undo moves exactly the recorded rows back.
 */
export class MergesService {
  constructor(
    private readonly ctx: AppContext,
    private readonly clientsService: ClientsService,
  ) {}

  async merge(actor: Actor, sourceId: string, intoId: string, reason: string) {
    if (sourceId === intoId)
      throw new AppError('common.validation_failed', [{ path: 'intoId', code: 'care.merge_into_self' }]);
    const source = await this.clientsService.loadVisible(actor, sourceId);
    const target = await this.clientsService.loadVisible(actor, intoId);
    const now = this.ctx.clock.now();
    if (!clientPolicy.canWrite(actor, source, now) || !clientPolicy.canWrite(actor, target, now))
      throw new AppError('common.forbidden');
    if (source.mergedInto || target.mergedInto) throw new AppError('care.invalid_state');
    const row: MergeRow = {
      id: randomUUID(),
      sourceId,
      targetId: intoId,
      areaCode: target.areaCode,
      sourceStatus: source.status,
      moved: {},
      reason,
      mergedBy: actor.userId,
      mergedAt: now,
      undoneBy: null,
      undoneAt: null,
    };
    await this.ctx.db.transaction(async (tx) => {
      row.moved.cancelled_visits = (await cancelPlanned(tx, source, now)).map((v) => v.id);
      Object.assign(row.moved, await moveClientRows(tx, sourceId, intoId));
      await updateClient(tx, sourceId, {
        status: 'closed',
        mergedInto: intoId,
        version: source.version + 1,
        updatedAt: now,
      });
      await insertMerge(tx, row);
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.merge',
        objectType: 'client',
        objectIds: [sourceId, intoId, row.id],
        fields: MOVED_WITH_CLIENT,
        detail: `reason: ${reason}`,
      });
    });
    return toMerge(row);
  }

  async undo(actor: Actor, mergeId: string) {
    const row = await findMerge(this.ctx.db, mergeId);
    const source = row ? await findClient(this.ctx.db, row.sourceId) : null;
    const now = this.ctx.clock.now();
    if (!row || !source || !clientPolicy.canWrite(actor, source, now))
      throw deniedNotFound(this.ctx, actor, 'client_merge', [mergeId]);
    if (row.undoneAt) throw new AppError('care.invalid_state');
    await this.ctx.db.transaction(async (tx) => {
      await moveRowsBack(tx, row.moved, row.sourceId);
      const cancelled = row.moved.cancelled_visits ?? [];
      if (cancelled.length) await restoreCancelled(tx, cancelled, now);
      await unmergeClient(tx, row.sourceId, row.sourceStatus, now);
      await markMergeUndone(tx, mergeId, actor.userId, now);
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.merge_undo',
        objectType: 'client',
        objectIds: [row.sourceId, row.targetId, mergeId],
      });
    });
    return toMerge({ ...row, undoneAt: now, undoneBy: actor.userId });
  }
}
