import { randomUUID } from 'node:crypto';
import type {
  CategoryCreateInput,
  CategoryListQuery,
  CategoryStatusInput,
  CategoryUpdateInput,
  CategoryVersion,
  RequestCategory,
  RequestCategoryList,
} from '@linli/contracts/modules/requests';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx } from '../../../platform/context';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findArea } from '../../org';
import { allowedCategoryActions, cataloguePolicy, homeArea } from './catalogue.policy';
import {
  codeTaken,
  findCategoryById,
  findCategoryRow,
  insertCategory,
  insertVersion,
  listCategoryRows,
  listVersions,
  updateCategory,
} from './catalogue.repository';
import type { CategoryRow, CategoryVersionRow } from './catalogue.repository';
import { districtOf } from './routing';

type VersionFields = Pick<
  CategoryCreateInput,
  'name' | 'description' | 'questions' | 'defaultUrgency' | 'signWorkingDays' | 'resolveWorkingDays'
>;

function versionView(v: CategoryVersionRow): CategoryVersion {
  return {
    version: v.version,
    name: v.name,
    description: v.description,
    questions: v.questions,
    defaultUrgency: v.defaultUrgency,
    signWorkingDays: v.signWorkingDays,
    resolveWorkingDays: v.resolveWorkingDays,
    createdAt: v.createdAt.toISOString(),
  };
}

function versionRow(category: { id: string; areaCode: string }, version: number, input: VersionFields) {
  return {
    categoryId: category.id,
    version,
    areaCode: category.areaCode,
    name: input.name,
    description: input.description,
    questions: input.questions,
    defaultUrgency: input.defaultUrgency,
    signWorkingDays: input.signWorkingDays,
    resolveWorkingDays: input.resolveWorkingDays,
  };
}

/** The district's category catalogue: list with versions, create, edit (a new version), deactivate and reactivate. */
export class CatalogueService {
  constructor(private readonly ctx: AppContext) {}

  async list(actor: Actor, query: CategoryListQuery): Promise<RequestCategoryList> {
    const areaCode = query.areaCode ?? homeArea(actor);
    if (!areaCode || !cataloguePolicy.canRead(actor, areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [areaCode ?? ''], 'area.not_found');
    const district = districtOf(areaCode);
    const rows = await listCategoryRows(this.ctx.db, district, query.includeInactive === 'false');
    const versions = await listVersions(
      this.ctx.db,
      rows.map((r) => r.category.id),
    );
    return {
      districtCode: district,
      canManage: cataloguePolicy.canManage(actor, district),
      items: rows.map((r) =>
        this.view(
          actor,
          r.category,
          r.version,
          versions.filter((v) => v.categoryId === r.category.id),
        ),
      ),
    };
  }

  async create(actor: Actor, input: CategoryCreateInput): Promise<RequestCategory> {
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.level !== 'district' || area.status !== 'active' || !cataloguePolicy.canManage(actor, area.code))
      throw new AppError('area.not_found', [
        { path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } },
      ]);
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      if (await codeTaken(tx, area.code, input.code))
        throw new AppError('requests.category_code_taken', [{ path: 'code', code: 'field.invalid_value' }]);
      await insertCategory(
        tx,
        {
          id,
          areaCode: area.code,
          code: input.code,
          groupName: input.group,
          active: true,
          currentVersion: 1,
          createdAt: now,
          updatedAt: now,
        },
        { ...versionRow({ id, areaCode: area.code }, 1, input), createdBy: actor.userId, createdAt: now },
      );
      await auditInTx(this.ctx, tx, actor, {
        action: 'requests.category.create',
        objectType: 'request_category',
        objectIds: [id],
        areaCodes: [area.code],
      });
    });
    return this.detail(actor, id);
  }

  /** An edit adds a version; requests filed under an earlier one keep it. */
  async update(actor: Actor, id: string, input: CategoryUpdateInput): Promise<RequestCategory> {
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const category = await this.manageable(actor, id, tx);
      if (category.currentVersion !== input.version) throw new AppError('common.conflict');
      const next = category.currentVersion + 1;
      await insertVersion(tx, { ...versionRow(category, next, input), createdBy: actor.userId, createdAt: now });
      await updateCategory(tx, id, { currentVersion: next, groupName: input.group, updatedAt: now });
      await auditInTx(this.ctx, tx, actor, {
        action: 'requests.category.update',
        objectType: 'request_category',
        objectIds: [id],
        areaCodes: [category.areaCode],
        detail: `version ${next}`,
      });
    });
    return this.detail(actor, id);
  }

  async setStatus(actor: Actor, id: string, input: CategoryStatusInput): Promise<RequestCategory> {
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const category = await this.manageable(actor, id, tx);
      if (category.currentVersion !== input.version) throw new AppError('common.conflict');
      if (category.active === input.active) return;
      await updateCategory(tx, id, { active: input.active, updatedAt: now });
      await auditInTx(this.ctx, tx, actor, {
        action: input.active ? 'requests.category.reactivate' : 'requests.category.deactivate',
        objectType: 'request_category',
        objectIds: [id],
        areaCodes: [category.areaCode],
      });
    });
    return this.detail(actor, id);
  }

  /** The category, locked, when the actor edits its district's catalogue; otherwise a 404, audited. */
  private async manageable(actor: Actor, id: string, tx: DbOrTx): Promise<CategoryRow> {
    const category = await findCategoryById(tx, id, true);
    if (!category || !cataloguePolicy.canManage(actor, category.areaCode))
      throw deniedNotFound(this.ctx, actor, 'request_category', [id], 'requests.category_not_found');
    return category;
  }

  private async detail(actor: Actor, id: string): Promise<RequestCategory> {
    const category = (await findCategoryById(this.ctx.db, id))!;
    const row = (await findCategoryRow(this.ctx.db, category.areaCode, id, true))!;
    return this.view(actor, row.category, row.version, await listVersions(this.ctx.db, [id]));
  }

  private view(
    actor: Actor,
    category: CategoryRow,
    current: CategoryVersionRow,
    versions: CategoryVersionRow[],
  ): RequestCategory {
    return {
      ...versionView(current),
      id: category.id,
      areaCode: category.areaCode,
      code: category.code,
      group: category.groupName,
      active: category.active,
      updatedAt: category.updatedAt.toISOString(),
      versions: versions.map(versionView),
      allowedActions: allowedCategoryActions(actor, category),
    };
  }
}
