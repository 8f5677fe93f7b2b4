import { randomUUID } from 'node:crypto';
import { type Actor, codeInPrefixes } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findArea } from '../../org';
import { clientVisibility } from '../clients/clients.policy';
import { findHousehold, householdMembers, insertHousehold } from './households.repository';

/** Households (户): an address in a community; members are clients linked to it, visited together. */
export class HouseholdsService {
  constructor(private readonly ctx: AppContext) {}

  async create(actor: Actor, input: { communityCode: string; gridCode?: string | undefined; address: string }) {
    const community = await findArea(this.ctx.db, input.communityCode);
    if (!community || community.level !== 'community' || !codeInPrefixes(community.code, actor.scopePrefixes))
      throw new AppError('area.not_found', [
        { path: 'communityCode', code: 'area.unknown', params: { code: input.communityCode } },
      ]);
    if (input.gridCode && !input.gridCode.startsWith(community.code))
      throw new AppError('area.not_found', [
        { path: 'gridCode', code: 'area.unknown', params: { code: input.gridCode } },
      ]);
    const now = this.ctx.clock.now();
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertHousehold(tx, {
        id,
        areaCode: community.code,
        gridCode: input.gridCode ?? null,
        address: input.address,
        createdAt: now,
        updatedAt: now,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'household.create',
        objectType: 'household',
        objectIds: [id],
        fields: ['address'],
      });
    });
    return this.detail(actor, id, false);
  }

  async detail(actor: Actor, id: string, audit = true) {
    const row = await findHousehold(this.ctx.db, id);
    if (!row || !codeInPrefixes(row.areaCode, actor.scopePrefixes))
      throw deniedNotFound(this.ctx, actor, 'household', [id]);
    const members = await householdMembers(this.ctx.db, id, clientVisibility(actor, this.ctx.clock.now()));
    if (audit)
      auditRead(this.ctx, actor, {
        action: 'household.read',
        objectType: 'household',
        objectIds: [id, ...members.map((m) => m.id)],
        fields: ['address', 'members'],
      });
    return {
      id: row.id,
      communityCode: row.areaCode,
      gridCode: row.gridCode,
      address: row.address,
      members: members.map((m) => ({ ...m, tier: m.tier ?? null })),
    };
  }
}
