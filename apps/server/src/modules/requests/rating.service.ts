import { randomUUID } from 'node:crypto';
import type { RequestRatingInput } from '@linli/contracts/modules/requests';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { addWorkingDays } from '../../platform/working-days';
import { categoryVersion } from './catalogue/catalogue.lookup';
import { notifyRequest, streetOfficerIds, unitUserIds } from './request-notify';
import { rateUntil } from './request-view';
import { type RequestRow, insertEvent, lockRequest, updateRequest } from './requests.repository';

/**
 * The requester's rating on /m, within 7 days of 办结: 满意 / 基本满意 close it; 不满意 reopens it once to the same
 * unit (new clocks), a second 不满意 closes it and escalates to the street officers. No rating becomes 未评价 by the
 * job (requests.jobs.ts), never 满意.
 */
export class RequestRatingService {
  constructor(private readonly ctx: AppContext) {}

  async rate(actor: Actor, id: string, input: RequestRatingInput): Promise<void> {
    await this.ctx.db.transaction(async (tx) => {
      const row = await lockRequest(tx, id);
      if (!row || row.requesterUserId !== actor.userId)
        throw deniedNotFound(this.ctx, actor, 'request', [id], 'requests.not_found');
      if (row.status !== 'resolved') throw new AppError('requests.invalid_state');
      const now = this.ctx.clock.now();
      if (now > rateUntil(row)!) throw new AppError('requests.rating_closed');
      const rated = { rating: input.rating, ratingComment: input.comment ?? null, ratedAt: now, updatedAt: now };
      await this.event(tx, row, 'rated', { rating: input.rating }, actor.userId, now);
      if (input.rating !== 'dissatisfied') {
        await this.apply(tx, row, { ...rated, status: 'closed' });
      } else if (row.reopenCount === 0) {
        await this.reopen(tx, row, now, input.comment ?? null);
      } else {
        const closed = await this.apply(tx, row, { ...rated, status: 'closed', escalatedAt: now });
        await this.event(tx, row, 'escalated', { reason: 'dissatisfied_twice' }, null, now);
        await notifyRequest(this.ctx, tx, closed, 'request.escalated', await streetOfficerIds(tx, closed), {
          params: { reason: 'dissatisfied_twice' },
          urgent: true,
        });
      }
      await auditInTx(this.ctx, tx, actor, {
        action: 'requests.rate',
        objectType: 'request',
        objectIds: [id],
        fields: ['rating', ...(input.comment ? ['ratingComment'] : [])],
      });
    });
  }

  /** Back to the same unit: 待签收 again with fresh sign and resolve deadlines; the comment goes to the history. */
  private async reopen(tx: DbOrTx, row: RequestRow, now: Date, comment: string | null): Promise<void> {
    const v = await categoryVersion(tx, row.categoryId, row.categoryVersion);
    const reopened = await this.apply(tx, row, {
      status: 'assigned',
      reopenCount: row.reopenCount + 1,
      routedAt: now,
      signDueAt: addWorkingDays(now, v?.signWorkingDays ?? 1),
      dueAt: addWorkingDays(now, v?.resolveWorkingDays ?? 5),
      signedAt: null,
      resolvedAt: null,
      signRemindedAt: null,
      dueRemindedAt: null,
      rating: null,
      ratingComment: null,
      ratedAt: null,
      updatedAt: now,
    });
    await this.event(tx, row, 'reopened', { rating: 'dissatisfied', comment }, null, now);
    await notifyRequest(this.ctx, tx, reopened, 'request.reopened', await unitUserIds(tx, reopened));
  }

  private async apply(tx: DbOrTx, row: RequestRow, set: Partial<RequestRow>): Promise<RequestRow> {
    const updated = await updateRequest(tx, row, ['resolved'], set);
    if (!updated) throw new AppError('requests.invalid_state');
    return updated;
  }

  private async event(
    tx: DbOrTx,
    row: RequestRow,
    kind: string,
    detail: Record<string, unknown>,
    actorId: string | null,
    at: Date,
  ) {
    await insertEvent(tx, { id: randomUUID(), requestId: row.id, areaCode: row.areaCode, kind, detail, actorId, at });
  }
}
