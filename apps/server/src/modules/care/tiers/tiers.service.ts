import { randomUUID } from 'node:crypto';
import { type ApprovalView, isDowngrade, type Tier } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { tellApprovers } from '../approval-notice';
import { type ClientRow, findClient, nextDueFor, updateClient } from '../clients/clients.repository';
import { clientPolicy } from '../clients/clients.policy';
import type { ClientsService } from '../clients/clients.service';
import { planNextVisit, policyFor } from '../policies/planning';
import { type Scores, suggestTier } from '../policies/tier-policy';
import { tierChangePolicy } from './tiers.policy';
import {
  type AssessmentRow,
  findTierChange,
  insertAssessment,
  insertTierChange,
  latestAssessmentOf,
  staffNames,
  tierChangesForApproval,
  updateTierChange,
} from './tiers.repository';

export class TiersService {
  constructor(
    private readonly ctx: AppContext,
    private readonly clients: ClientsService,
  ) {}

  /** Records an assessment, suggests a tier from the policy, and applies the confirmed tier (or queues it for approval). */
  async assess(
    actor: Actor,
    clientId: string,
    input: { scores: Scores; tier: Tier; overrideReason?: string | undefined },
  ) {
    const client = await this.clients.loadVisible(actor, clientId);
    const now = this.ctx.clock.now();
    if (!clientPolicy.canAssess(actor, client, now))
      throw new AppError(client.status === 'active' ? 'common.forbidden' : 'care.client_not_active');
    const policy = await policyFor(this.ctx.db, client.areaCode);
    const suggested = suggestTier(input.scores, policy.rules);
    if (input.tier !== suggested && !input.overrideReason) {
      throw new AppError('care.override_reason_required', [
        { path: 'overrideReason', code: 'care.override_reason', params: { suggested } },
      ]);
    }
    // A downgrade from the client's real tier always needs a reason, even when it is the suggestion (the approver
    // and later readers need to know why care is reduced); the contract checks the tier the form saw.
    if (isDowngrade(client.tier, input.tier) && !input.overrideReason)
      throw new AppError('care.override_reason_required', [{ path: 'overrideReason', code: 'care.downgrade_reason' }]);
    const assessmentId = randomUUID();
    const result = await this.ctx.db.transaction(async (tx) => {
      await insertAssessment(tx, {
        id: assessmentId,
        clientId,
        areaCode: client.areaCode,
        scores: input.scores,
        suggestedTier: suggested,
        confirmedTier: input.tier,
        overrideReason: input.overrideReason ?? null,
        policyId: policy.id,
        assessedBy: actor.userId,
        assessedAt: now,
      });
      let tierChange: 'none' | 'applied' | 'pending_approval' = 'none';
      if (client.tier !== input.tier) {
        tierChange = await this.changeTier(tx, actor, client, input, assessmentId, now);
      } else if (!(await nextDueFor(tx, client)) && client.tier) {
        await planNextVisit(tx, client, client.tier, chinaToday(now), policy, actor.userId, now);
      }
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.assess',
        objectType: 'client',
        objectIds: [clientId, assessmentId],
        fields: ['scores', 'tier'],
      });
      return { tierChange, nextVisitDue: await nextDueFor(tx, client) };
    });
    return { assessmentId, suggestedTier: suggested, tier: input.tier, ...result };
  }

  /** The confirmed tier differs from the client's: applied at once, or queued for a supervisor (tierChangePolicy). */
  private async changeTier(
    tx: DbOrTx,
    actor: Actor,
    client: ClientRow,
    input: { tier: Tier; overrideReason?: string | undefined },
    assessmentId: string,
    now: Date,
  ): Promise<'applied' | 'pending_approval'> {
    const pending = tierChangePolicy.waitsForApproval(actor, client.tier, input.tier);
    const changeId = randomUUID();
    await insertTierChange(tx, {
      id: changeId,
      clientId: client.id,
      areaCode: client.areaCode,
      fromTier: client.tier,
      toTier: input.tier,
      assessmentId,
      reason: input.overrideReason ?? null,
      status: pending ? 'pending_approval' : 'applied',
      requestedBy: actor.userId,
      decidedBy: pending ? null : actor.userId,
      decidedAt: pending ? null : now,
      createdAt: now,
    });
    if (!pending) await this.applyTier(tx, client, input.tier, actor, now);
    else
      await tellApprovers(this.ctx, tx, {
        permission: 'care.tier.approve',
        areaCode: client.areaCode,
        requestedBy: actor.userId,
        kind: 'tier_change',
        objectType: 'tier_change',
        objectId: changeId,
        link: '/care/approvals',
      });
    return pending ? 'pending_approval' : 'applied';
  }

  /** Sets the tier and re-plans visits from today by the new cadence. */
  private async applyTier(tx: DbOrTx, client: ClientRow, tier: Tier, actor: Actor, now: Date) {
    await updateClient(tx, client.id, { tier, tierSince: now, version: client.version + 1, updatedAt: now });
    await planNextVisit(tx, client, tier, chinaToday(now), await policyFor(tx, client.areaCode), actor.userId, now);
  }

  /** The approval queue: changes waiting in the approver's jurisdiction, or those decided there (已处理). */
  async approvals(actor: Actor, view: ApprovalView) {
    const rows = await tierChangesForApproval(this.ctx.db, actor.scopePrefixes, view);
    const names = await staffNames(
      this.ctx.db,
      rows.flatMap((r) => [r.change.requestedBy, r.change.decidedBy]),
    );
    const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    auditRead(this.ctx, actor, {
      action: 'tier.approvals.list',
      objectType: 'client',
      objectIds: rows.map((r) => r.change.clientId),
      fields: ['name', 'tier', 'scores', 'reason'],
      detail: view,
    });
    return {
      items: rows.map(({ change, clientName, assessment }) => ({
        id: change.id,
        clientId: change.clientId,
        clientName,
        communityCode: change.areaCode,
        fromTier: change.fromTier,
        toTier: change.toTier,
        reason: change.reason,
        requestedBy: nameOf(change.requestedBy),
        requestedAt: change.createdAt.toISOString(),
        status: change.status,
        decidedBy: nameOf(change.decidedBy),
        decidedAt: change.decidedAt?.toISOString() ?? null,
        decisionNote: change.decisionNote,
        assessment: assessment ? assessmentSummary(assessment) : null,
      })),
    };
  }

  /** The client's tier and latest assessment: the assessment form starts from these scores. */
  async latest(actor: Actor, clientId: string) {
    const client = await this.clients.loadVisible(actor, clientId);
    const row = await latestAssessmentOf(this.ctx.db, clientId);
    auditRead(this.ctx, actor, {
      action: 'client.read',
      objectType: 'client',
      objectIds: row ? [clientId, row.id] : [clientId],
      fields: ['scores', 'tier'],
    });
    return { currentTier: client.tier, latest: row ? assessmentSummary(row) : null };
  }

  async decide(actor: Actor, changeId: string, approve: boolean, note: string | undefined) {
    const change = await findTierChange(this.ctx.db, changeId);
    const client = change ? await findClient(this.ctx.db, change.clientId) : null;
    const now = this.ctx.clock.now();
    if (!change || !client || !clientPolicy.canRead(actor, client, now))
      throw deniedNotFound(this.ctx, actor, 'tier_change', [changeId]);
    if (change.status !== 'pending_approval') throw new AppError('common.conflict');
    if (!tierChangePolicy.approverHoldsArea(actor, change)) {
      await this.ctx.db.transaction((tx) =>
        auditInTx(this.ctx, tx, actor, {
          action: approve ? 'tier.approve' : 'tier.reject',
          objectType: 'client',
          objectIds: [client.id, changeId],
          result: 'denied',
          detail: `approver does not hold ${change.areaCode}`,
        }),
      );
      throw new AppError('common.approver_scope');
    }
    await this.ctx.db.transaction(async (tx) => {
      await updateTierChange(tx, changeId, {
        status: approve ? 'applied' : 'rejected',
        decidedBy: actor.userId,
        decidedAt: now,
        decisionNote: note ?? null,
      });
      if (approve) await this.applyTier(tx, client, change.toTier, actor, now);
      await auditInTx(this.ctx, tx, actor, {
        action: approve ? 'tier.approve' : 'tier.reject',
        objectType: 'client',
        objectIds: [client.id, changeId],
        fields: ['tier'],
      });
    });
    return { ok: true as const };
  }
}

function assessmentSummary(row: AssessmentRow) {
  return {
    id: row.id,
    scores: row.scores as Scores,
    suggestedTier: row.suggestedTier,
    tier: row.confirmedTier,
    overrideReason: row.overrideReason,
    assessedAt: row.assessedAt.toISOString(),
  };
}
