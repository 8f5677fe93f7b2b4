import { randomUUID } from 'node:crypto';
import { type TierPolicyRules } from '@linli/contracts';
import { type Actor, actorCanSeeArea, hasPermission } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findArea } from '../../org';
import { planNextVisit, policyFor } from './planning';
import { clientsToReplan, findPolicy, insertPolicy, newestOwnPolicy } from './policies.repository';

/** Tier policies are data: versioned per community with a district default; a change re-plans future visits. */
export class PoliciesService {
  constructor(private readonly ctx: AppContext) {}

  private async loadArea(actor: Actor, code: string) {
    const area = await findArea(this.ctx.db, code);
    if (!area || !actorCanSeeArea(actor, code) || (area.level !== 'community' && area.level !== 'district')) {
      throw deniedNotFound(this.ctx, actor, 'area', [code], 'area.not_found');
    }
    return area;
  }

  async get(actor: Actor, code: string) {
    const area = await this.loadArea(actor, code);
    const policy = await policyFor(
      this.ctx.db,
      area.level === 'community' ? area.code : `${area.code.slice(0, 6)}000000`,
    );
    const own = policy.id ? ((await findPolicy(this.ctx.db, policy.id)) ?? undefined) : undefined;
    auditRead(this.ctx, actor, { action: 'policy.read', objectType: 'area', objectIds: [code] });
    return { areaCode: code, version: own?.version ?? 0, inherited: own?.areaCode !== code, rules: policy.rules };
  }

  async set(actor: Actor, code: string, rules: TierPolicyRules) {
    const area = await this.loadArea(actor, code);
    if (!hasPermission(actor, 'care.policy.manage')) throw new AppError('common.forbidden');
    const now = this.ctx.clock.now();
    const today = chinaToday(now);
    return this.ctx.db.transaction(async (tx) => {
      const latest = await newestOwnPolicy(tx, code);
      const version = (latest?.version ?? 0) + 1;
      await insertPolicy(tx, {
        id: randomUUID(),
        areaCode: code,
        version,
        rules,
        createdBy: actor.userId,
        createdAt: now,
      });
      // Re-plan every affected client that has an open visit, from their last visit (or today).
      const affected = await clientsToReplan(tx, code);
      let replanned = 0;
      for (const { client, lastVisit } of affected) {
        const policy = await policyFor(tx, client.areaCode);
        if (area.level === 'district' && policy.id && (await findPolicy(tx, policy.id))?.areaCode !== code) continue;
        await planNextVisit(
          tx,
          client,
          client.tier!,
          lastVisit && lastVisit < today ? lastVisit : today,
          policy,
          actor.userId,
          now,
        );
        replanned += 1;
      }
      await auditInTx(this.ctx, tx, actor, {
        action: 'policy.update',
        objectType: 'area',
        objectIds: [code],
        fields: ['rules'],
        detail: `version ${version}; ${replanned} clients re-planned`,
      });
      return { areaCode: code, version, inherited: false, rules, replanned };
    });
  }
}
