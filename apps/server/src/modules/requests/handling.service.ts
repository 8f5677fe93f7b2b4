import type { RequestUnitInput } from '@linli/contracts/modules/requests';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { addPhotos } from './intake.service';
import { notifyRequest, notifyRequester, unitUserIds } from './request-notify';
import { runStep } from './request-steps';
import { requestsPolicy } from './requests.policy';
import { deadlines } from './triage.service';
import { unitColumns, unitFromInput } from './units';

const forUnit = requestsPolicy.actsForUnit;

/** The responsible unit's work: 签收 (sign), 转办 (transfer), handling notes with photos, 办结 (resolve) with a reply. */
export class RequestHandlingService {
  constructor(private readonly ctx: AppContext) {}

  /** 签收: the unit has the request; the response clock stops here (separate from solving it). */
  sign(actor: Actor, id: string) {
    return runStep(this.ctx, actor, id, {
      action: 'requests.sign',
      from: ['assigned'],
      allowed: forUnit,
      change: async () => ({
        set: { status: 'in_progress', signedAt: this.ctx.clock.now() },
        kind: 'signed',
        detail: {},
        fields: ['signedAt'],
      }),
    });
  }

  /** 转办: to another unit with a reason; the sign clock restarts, the deadline stays. */
  transfer(actor: Actor, id: string, input: { unit: RequestUnitInput; reason: string }) {
    return runStep(this.ctx, actor, id, {
      action: 'requests.transfer',
      from: ['assigned', 'in_progress'],
      allowed: forUnit,
      change: async (tx, row) => {
        const unit = await unitFromInput(this.ctx, tx, row.areaCode, input.unit);
        const same =
          unit.kind === row.unitKind &&
          unit.areaCode === row.unitAreaCode &&
          unit.organisationId === row.unitOrganisationId &&
          unit.departmentName === row.unitDepartment;
        if (same) throw new AppError('requests.invalid_input', [{ path: 'unit', code: 'field.invalid_value' }]);
        const now = this.ctx.clock.now();
        const { signDueAt } = await deadlines(tx, row, now);
        return {
          set: {
            status: 'assigned',
            ...unitColumns(unit),
            routedAt: now,
            signDueAt,
            signedAt: null,
            signRemindedAt: null,
          },
          kind: 'transferred',
          detail: { fromUnitLabel: row.unitLabel, unitLabel: unit.label, unitKind: unit.kind, reason: input.reason },
          fields: ['unit', 'reason'],
        };
      },
      after: async (tx, row) => {
        await notifyRequest(this.ctx, tx, row, 'request.assigned', await unitUserIds(tx, row), {
          params: { transferred: 1 },
        });
      },
    });
  }

  note(actor: Actor, id: string, input: { note: string; photoUploadIds?: string[] | undefined }) {
    return runStep(this.ctx, actor, id, {
      action: 'requests.note',
      from: ['assigned', 'in_progress'],
      allowed: forUnit,
      change: async () => ({ set: {}, kind: 'note', detail: { note: input.note }, fields: ['note'] }),
      after: async (tx, row, eventId) => {
        await addPhotos(this.ctx, tx, actor, row, input.photoUploadIds ?? [], 'handling', eventId);
      },
    });
  }

  /** 办结: the reply the resident reads; the rating window (7 days) starts. */
  resolve(actor: Actor, id: string, input: { reply: string; photoUploadIds?: string[] | undefined }) {
    return runStep(this.ctx, actor, id, {
      action: 'requests.resolve',
      from: ['in_progress'],
      allowed: forUnit,
      change: async () => ({
        set: { status: 'resolved', resolvedAt: this.ctx.clock.now(), reply: input.reply },
        kind: 'resolved',
        detail: {},
        fields: ['reply'],
      }),
      after: async (tx, row, eventId) => {
        await addPhotos(this.ctx, tx, actor, row, input.photoUploadIds ?? [], 'resolution', eventId);
        await notifyRequester(this.ctx, tx, row, 'request.resolved');
      },
    });
  }
}
