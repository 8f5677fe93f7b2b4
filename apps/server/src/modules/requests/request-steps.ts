import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { type RequestActor, requestsPolicy } from './requests.policy';
import { type RequestInsert, type RequestRow, insertEvent, lockRequest, updateRequest } from './requests.repository';
import { requestActor } from './units';

type Status = RequestRow['status'];

/**
 * One step of the workflow in one transaction: lock the row, check the actor may see it (else 404, audited), let
 * `step` check its rule and return the change, apply it only from the states it allows, write the history step and
 * the audit row. The state check is repeated in the UPDATE, so of two racing steps the second finds the new state.
 */
export async function runStep(
  ctx: AppContext,
  actor: Actor,
  id: string,
  step: {
    action: string;
    from: readonly Status[];
    allowed: (a: RequestActor, row: RequestRow) => boolean;
    change: (
      tx: DbOrTx,
      row: RequestRow,
      a: RequestActor,
    ) => Promise<{ set: Partial<RequestInsert>; kind: string; detail: Record<string, unknown>; fields: string[] }>;
    after?: (tx: DbOrTx, row: RequestRow, eventId: string, a: RequestActor) => Promise<void>;
  },
): Promise<RequestRow> {
  return ctx.db.transaction(async (tx) => {
    const a = await requestActor(tx, actor);
    const row = await lockRequest(tx, id);
    if (!row || !requestsPolicy.canRead(a, row))
      throw deniedNotFound(ctx, actor, 'request', [id], 'requests.not_found');
    if (!step.allowed(a, row)) throw new AppError('common.forbidden');
    if (!step.from.includes(row.status)) throw new AppError('requests.invalid_state');
    const { set, kind, detail, fields } = await step.change(tx, row, a);
    const now = ctx.clock.now();
    const updated = await updateRequest(tx, row, step.from, { ...set, updatedAt: now });
    if (!updated) throw new AppError('requests.invalid_state');
    const eventId = randomUUID();
    await insertEvent(tx, {
      id: eventId,
      requestId: id,
      areaCode: row.areaCode,
      kind,
      detail,
      actorId: actor.userId,
      at: now,
    });
    await step.after?.(tx, updated, eventId, a);
    await auditInTx(ctx, tx, actor, {
      action: step.action,
      objectType: 'request',
      objectIds: [id],
      fields,
    });
    return updated;
  });
}

/** A history step written by the system (jobs): no actor. */
export async function systemEvent(
  tx: DbOrTx,
  row: RequestRow,
  kind: string,
  detail: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await insertEvent(tx, {
    id: randomUUID(),
    requestId: row.id,
    areaCode: row.areaCode,
    kind,
    detail,
    actorId: null,
    at,
  });
}
