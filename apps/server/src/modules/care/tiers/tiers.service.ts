import { randomUUID } from 'node:crypto';
import type { Tier } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findUserById } from '../../users';
import { type ClientRow, findClient, nextDueFor, updateClient } from '../clients/clients.repository';
import { clientPolicy } from '../clients/clients.policy';
import type { ClientsService } from '../clients/clients.service';
import { planNextVisit, policyFor } from '../policies/planning';
import { type Scores, suggestTier } from '../policies/tier-policy';
import { tierChangePolicy } from './tiers.policy';
import {
  findTierChange,
  insertAssessment,
  insertTierChange,
  pendingTierChanges,
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
      } else if (!(await nextDueFor(tx, clientId)) && client.tier) {
        await planNextVisit(tx, client, client.tier, chinaToday(now), policy, actor.userId, now);
      }
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.assess',
        objectType: 'client',
        objectIds: [clientId, assessmentId],
        fields: ['scores', 'tier'],
      });
      return { tierChange, nextVisitDue: await nextDueFor(tx, clientId) };
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
    await insertTierChange(tx, {
      id: randomUUID(),
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
    return pending ? 'pending_approval' : 'applied';
  }

  /** Sets the tier and re-plans visits from today by the new cadence. */
  private async applyTier(tx: DbOrTx, client: ClientRow, tier: Tier, actor: Actor, now: Date) {
    await updateClient(tx, client.id, { tier, tierSince: now, version: client.version + 1, updatedAt: now });
    await planNextVisit(tx, client, tier, chinaToday(now), await policyFor(tx, client.areaCode), actor.userId, now);
  }

  async pending(actor: Actor) {
    const rows = await pendingTierChanges(this.ctx.db, actor.scopePrefixes);
    const requesters = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.change.requestedBy).filter((v): v is string => Boolean(v)))) {
      requesters.set(id, (await findUserById(this.ctx.db, id))?.displayName ?? id);
    }
    auditRead(this.ctx, actor, {
      action: 'tier.approvals.list',
      objectType: 'client',
      objectIds: rows.map((r) => r.change.clientId),
      fields: ['name', 'tier'],
    });
    return {
      items: rows.map(({ change, clientName }) => ({
        id: change.id,
        clientId: change.clientId,
        clientName,
        communityCode: change.areaCode,
        fromTier: change.fromTier,
        toTier: change.toTier,
        reason: change.reason,
        requestedBy: change.requestedBy ? (requesters.get(change.requestedBy) ?? null) : null,
        requestedAt: change.createdAt.toISOString(),
      })),
    };
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
