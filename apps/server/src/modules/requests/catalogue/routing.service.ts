import { randomUUID } from 'node:crypto';
import type {
  RoutingResolution,
  RoutingResolveQuery,
  RoutingRule,
  RoutingRuleCreateInput,
  RoutingRuleList,
  RoutingRuleListQuery,
} from '@linli/contracts/modules/requests';
import type { FieldIssue } from '@linli/contracts';
import { type Actor, scopePrefix } from '../../../platform/access';
import { type AppContext, auditInTx } from '../../../platform/context';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findOrganisationInScope } from '../../organisations';
import { type AreaRow, findArea, findAreas } from '../../org';
import { cataloguePolicy, homeArea } from './catalogue.policy';
import {
  deleteRule,
  findCategoryById,
  findRule,
  insertRule,
  listCategoryRows,
  listRuleRows,
  ruleExists,
} from './catalogue.repository';
import type { RoutingRuleRow } from './catalogue.repository';
import { districtOf, resolveWithRule, ruleUnitNames, servingOrganisation, streetOf } from './routing';

const RULE_LEVELS = ['district', 'street', 'community'] as const;
type RuleLevel = (typeof RULE_LEVELS)[number];
const UNIT_LEVEL = { community: 'community', grid: 'grid', street_department: 'street' } as const;

function unitInvalid(path: string, code: FieldIssue['code'] = 'field.invalid_value'): AppError {
  return new AppError('requests.unit_invalid', [{ path, code }]);
}

/** The routing table (派单规则) of a district: list, add, delete, and a preview of where a request would go. */
export class RoutingService {
  constructor(private readonly ctx: AppContext) {}

  async list(actor: Actor, query: RoutingRuleListQuery): Promise<RoutingRuleList> {
    const areaCode = query.areaCode ?? homeArea(actor);
    if (!areaCode || !cataloguePolicy.canRead(actor, areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [areaCode ?? ''], 'area.not_found');
    const district = districtOf(areaCode);
    const rows = await listRuleRows(this.ctx.db, scopePrefix(district), query.categoryId);
    return {
      districtCode: district,
      canManage: cataloguePolicy.canManage(actor, district),
      items: await this.views(this.ctx.db, rows),
    };
  }

  async create(actor: Actor, input: RoutingRuleCreateInput): Promise<RoutingRule> {
    const area = await findArea(this.ctx.db, input.areaCode);
    if (
      !area ||
      area.status !== 'active' ||
      !RULE_LEVELS.includes(area.level as RuleLevel) ||
      !cataloguePolicy.canManage(actor, area.code)
    )
      throw new AppError('area.not_found', [
        { path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } },
      ]);
    const id = randomUUID();
    const now = this.ctx.clock.now();
    let row: RoutingRuleRow | null = null;
    await this.ctx.db.transaction(async (tx) => {
      if (input.categoryId) {
        const category = await findCategoryById(tx, input.categoryId);
        if (!category || category.areaCode !== districtOf(area.code))
          throw new AppError('requests.category_not_found', [{ path: 'categoryId', code: 'field.invalid_value' }]);
      }
      const unit = await this.checkUnit(tx, actor, area, input);
      if (await ruleExists(tx, area.code, input.categoryId))
        throw new AppError('requests.rule_exists', [{ path: 'categoryId', code: 'field.invalid_value' }]);
      row = { id, areaCode: area.code, categoryId: input.categoryId, ...unit, createdBy: actor.userId, createdAt: now };
      await insertRule(tx, row);
      await auditInTx(this.ctx, tx, actor, {
        action: 'requests.routing_rule.create',
        objectType: 'request_routing_rule',
        objectIds: [id],
        areaCodes: [area.code],
        detail: input.unitKind,
      });
    });
    return (await this.views(this.ctx.db, [row!]))[0]!;
  }

  async remove(actor: Actor, id: string): Promise<{ id: string }> {
    await this.ctx.db.transaction(async (tx) => {
      const rule = await findRule(tx, id);
      if (!rule || !cataloguePolicy.canManage(actor, rule.areaCode))
        throw deniedNotFound(this.ctx, actor, 'request_routing_rule', [id], 'requests.rule_not_found');
      await deleteRule(tx, id);
      await auditInTx(this.ctx, tx, actor, {
        action: 'requests.routing_rule.delete',
        objectType: 'request_routing_rule',
        objectIds: [id],
        areaCodes: [rule.areaCode],
        detail: rule.unitKind,
      });
    });
    return { id };
  }

  /** Where a request of the category in the community would go now (the same function intake uses). */
  async resolve(actor: Actor, query: RoutingResolveQuery): Promise<RoutingResolution> {
    const community = await findArea(this.ctx.db, query.communityCode);
    if (!community || community.level !== 'community' || !cataloguePolicy.canRead(actor, community.code))
      throw deniedNotFound(this.ctx, actor, 'area', [query.communityCode], 'area.not_found');
    const category = await findCategoryById(this.ctx.db, query.categoryId);
    if (!category || category.areaCode !== districtOf(community.code))
      throw deniedNotFound(this.ctx, actor, 'request_category', [query.categoryId], 'requests.category_not_found');
    return resolveWithRule(this.ctx.db, community.code, category.id);
  }

  /**
   * The unit columns of a new rule, checked: a named area is an active area of the unit's level inside the rule's
   * area (a street department may also be the street above a community's rule); a partner is active, readable by the
   * officer and serves the rule's area. Anything else answers the same 400, whether it exists elsewhere or not.
   */
  private async checkUnit(tx: DbOrTx, actor: Actor, ruleArea: AreaRow, input: RoutingRuleCreateInput) {
    const none = { unitAreaCode: null, organisationId: null, departmentName: null };
    if (input.unitKind === 'organisation') {
      if (!input.organisationId) throw unitInvalid('organisationId', 'field.required');
      const readable = await findOrganisationInScope(this.ctx, tx, actor, input.organisationId);
      const serving = readable && (await servingOrganisation(tx, input.organisationId, ruleArea.code));
      if (!serving) throw unitInvalid('organisationId');
      return { ...none, unitKind: 'organisation' as const, unitAreaCode: serving.areaCode, organisationId: serving.id };
    }
    if (input.unitKind === 'street_department' && !input.departmentName)
      throw unitInvalid('departmentName', 'field.required');
    const departmentName = input.unitKind === 'street_department' ? input.departmentName! : null;
    const code = input.unitAreaCode ?? null;
    if (input.unitKind === 'grid' && !code) throw unitInvalid('unitAreaCode', 'field.required');
    if (code) {
      const [unitArea] = await findAreas(tx, [code]);
      const inside = code.startsWith(scopePrefix(ruleArea.code));
      const streetAbove = input.unitKind === 'street_department' && code === streetOf(ruleArea.code);
      const fits =
        unitArea &&
        unitArea.status === 'active' &&
        unitArea.level === UNIT_LEVEL[input.unitKind] &&
        (inside || streetAbove);
      if (!fits) throw unitInvalid('unitAreaCode');
    }
    return { ...none, unitKind: input.unitKind, unitAreaCode: code, departmentName };
  }

  private async views(db: DbOrTx, rows: RoutingRuleRow[]): Promise<RoutingRule[]> {
    if (rows.length === 0) return [];
    const areas = new Map((await findAreas(db, [...new Set(rows.map((r) => r.areaCode))])).map((a) => [a.code, a]));
    const categories = new Map(
      (await listCategoryRows(db, districtOf(rows[0]!.areaCode), false)).map((c) => [c.category.id, c.version.name]),
    );
    const unitNames = await ruleUnitNames(db, rows);
    return rows.map((r) => ({
      id: r.id,
      areaCode: r.areaCode,
      areaName: areas.get(r.areaCode)?.name ?? r.areaCode,
      areaLevel: (areas.get(r.areaCode)?.level ?? 'community') as RuleLevel,
      categoryId: r.categoryId,
      categoryName: r.categoryId ? (categories.get(r.categoryId) ?? null) : null,
      unitKind: r.unitKind,
      unitAreaCode: r.unitAreaCode,
      organisationId: r.organisationId,
      departmentName: r.departmentName,
      unitName: unitNames.get(r.id) ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
