import type { RequestTriageInput, RequestUnitInput } from '@linli/contracts/modules/requests';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { addWorkingDays } from '../../platform/working-days';
import { categoryVersion, findCategory, resolveUnit, validateAttributes } from './catalogue/catalogue.lookup';
import { districtOf } from './intake.service';
import { notifyRequest, notifyRequester, unitUserIds } from './request-notify';
import { runStep } from './request-steps';
import { requestsPolicy } from './requests.policy';
import { type RequestRow, lockRequest } from './requests.repository';
import { type Unit, unitColumns, unitFromInput } from './units';

const invalid = (path: string) => new AppError('requests.invalid_input', [{ path, code: 'field.invalid_value' }]);
const canTriage = requestsPolicy.canTriage;

/** The unit's deadlines from the pinned category version: 签收 and 办结 in working days from `from`. */
export async function deadlines(tx: DbOrTx, row: Pick<RequestRow, 'categoryId' | 'categoryVersion'>, from: Date) {
  const v = await categoryVersion(tx, row.categoryId, row.categoryVersion);
  return {
    signDueAt: addWorkingDays(from, v?.signWorkingDays ?? 1),
    dueAt: addWorkingDays(from, v?.resolveWorkingDays ?? 5),
  };
}

/** Triage (分拣): correct the category, set the urgency, moderate the public text, route, merge, reject. */
export class RequestTriageService {
  constructor(private readonly ctx: AppContext) {}

  update(actor: Actor, id: string, input: RequestTriageInput) {
    return runStep(this.ctx, actor, id, {
      action: 'requests.triage',
      from: ['submitted', 'assigned', 'in_progress'],
      allowed: canTriage,
      change: async (tx, row) => {
        const set: Partial<RequestRow> = {};
        const fields: string[] = [];
        if (input.categoryId && input.categoryId !== row.categoryId) {
          const category = await findCategory(tx, districtOf(row.areaCode), input.categoryId);
          if (!category || !category.active) throw invalid('categoryId');
          const checked = validateAttributes(category.questions, input.attributes ?? {});
          if (!checked.ok) throw new AppError('requests.invalid_input', checked.errors);
          Object.assign(set, { categoryId: category.id, categoryVersion: category.version, attributes: checked.value });
          fields.push('category');
        } else if (input.attributes) {
          const v = await categoryVersion(tx, row.categoryId, row.categoryVersion);
          const checked = validateAttributes(v?.questions ?? [], input.attributes);
          if (!checked.ok) throw new AppError('requests.invalid_input', checked.errors);
          set.attributes = checked.value as Record<string, unknown>;
          fields.push('attributes');
        }
        if (input.urgency && input.urgency !== row.urgency) {
          set.urgency = input.urgency;
          fields.push('urgency');
        }
        if (input.publicText !== undefined && input.publicText !== row.publicText) {
          set.publicText = input.publicText;
          fields.push('publicText');
        }
        return { set, kind: 'triaged', detail: { fields, urgency: set.urgency ?? null }, fields };
      },
    });
  }

  /** Routes to a unit (the catalogue's, or the triager's choice) and starts the clocks. */
  route(actor: Actor, id: string, input: { unit?: RequestUnitInput | undefined }) {
    return runStep(this.ctx, actor, id, {
      action: 'requests.route',
      from: ['submitted', 'assigned'],
      allowed: canTriage,
      change: async (tx, row) => {
        const unit: Unit = input.unit
          ? await unitFromInput(this.ctx, tx, row.areaCode, input.unit)
          : await resolveUnit(tx, row.areaCode, row.categoryId);
        const now = this.ctx.clock.now();
        const set = {
          status: 'assigned' as const,
          ...unitColumns(unit),
          routedAt: now,
          ...(await deadlines(tx, row, now)),
        };
        return {
          set: { ...set, signedAt: null, signRemindedAt: null, dueRemindedAt: null },
          kind: 'routed',
          detail: { unitKind: unit.kind, unitLabel: unit.label, chosen: !!input.unit },
          fields: ['unit'],
        };
      },
      after: async (tx, row) => {
        await notifyRequest(this.ctx, tx, row, 'request.assigned', await unitUserIds(tx, row));
      },
    });
  }

  /** Merges a duplicate into an earlier request of the same community (the requester is told where it went). */
  merge(actor: Actor, id: string, input: { intoId: string; reason?: string | undefined }) {
    return runStep(this.ctx, actor, id, {
      action: 'requests.merge',
      from: ['submitted'],
      allowed: canTriage,
      change: async (tx, row, a) => {
        const target = input.intoId === id ? null : await lockRequest(tx, input.intoId);
        const fits =
          target &&
          requestsPolicy.canRead(a, target) &&
          target.areaCode === row.areaCode &&
          !['merged', 'rejected'].includes(target.status);
        if (!fits) throw invalid('intoId');
        return {
          set: { status: 'merged', mergedIntoId: target.id },
          kind: 'merged',
          detail: { intoId: target.id, intoNumber: target.number, reason: input.reason ?? null },
          fields: ['mergedIntoId'],
        };
      },
    });
  }

  reject(actor: Actor, id: string, input: { reason: string }) {
    return runStep(this.ctx, actor, id, {
      action: 'requests.reject',
      from: ['submitted'],
      allowed: canTriage,
      change: async () => ({
        set: { status: 'rejected', rejectReason: input.reason },
        kind: 'rejected',
        detail: { reason: input.reason },
        fields: ['rejectReason'],
      }),
      after: async (tx, row) => notifyRequester(this.ctx, tx, row, 'request.rejected'),
    });
  }
}
