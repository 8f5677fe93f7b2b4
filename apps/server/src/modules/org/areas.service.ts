import { randomUUID } from 'node:crypto';
import type { AreaDetail, AreaLevel } from '@linli/contracts';
import { type Actor, scopePrefix } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { importEntries } from './area-import';
import { recodeAreaOwnedRows } from './area-owned';
import {
  type AreaRow,
  childrenOf,
  countChildren,
  findArea,
  findAreas,
  insertArea,
  insertAreaChange,
  lastGridNumber,
  listAreaChanges,
  listAreasInScope,
  newAreaRow,
  updateArea,
} from './areas.repository';
import { allowedAreaActions, areaPolicy } from './areas.policy';
import { catalogChildren, findEntry } from './division-catalog';

const CHILD_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: null,
};

export function toArea(row: AreaRow) {
  return {
    code: row.code,
    parentCode: row.parentCode,
    level: row.level,
    name: row.name,
    status: row.status,
    mergedInto: row.mergedInto,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The path from the district down to `code`, built from code prefixes. */
function ancestorCodes(code: string): string[] {
  return [...new Set([`${code.slice(0, 6)}000000`, `${code.slice(0, 9)}000`, code.slice(0, 12), code])];
}

export class AreasService {
  constructor(private readonly ctx: AppContext) {}

  private async loadVisible(actor: Actor, code: string): Promise<AreaRow> {
    const area = await findArea(this.ctx.db, code);
    if (!area || !areaPolicy.canRead(actor, area))
      throw deniedNotFound(this.ctx, actor, 'area', [code], 'area.not_found');
    return area;
  }

  async tree(actor: Actor) {
    return { items: (await listAreasInScope(this.ctx.db, actor.scopePrefixes)).map(toArea) };
  }

  async detail(actor: Actor, code: string): Promise<AreaDetail> {
    const area = await this.loadVisible(actor, code);
    const path = await findAreas(this.ctx.db, ancestorCodes(code));
    path.sort((a, b) => scopePrefix(a.code).length - scopePrefix(b.code).length);
    return {
      ...toArea(area),
      path: path.map((p) => ({ code: p.code, name: p.name, level: p.level })),
      childCount: await countChildren(this.ctx.db, code),
      allowedActions: allowedAreaActions(actor, area),
    };
  }

  async history(actor: Actor, code: string) {
    await this.loadVisible(actor, code);
    const rows = await listAreaChanges(this.ctx.db, code);
    // Names of officers who made changes are personal data: the read is audited.
    auditRead(this.ctx, actor, {
      action: 'area.history.read',
      objectType: 'area',
      objectIds: [code],
      fields: ['actorName'],
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        areaCode: r.areaCode,
        version: r.version,
        kind: r.kind,
        before: r.before ?? null,
        after: r.after ?? null,
        actorName: r.actorName,
        at: r.at.toISOString(),
      })),
    };
  }

  private async record(
    tx: DbOrTx,
    actor: Actor | null,
    area: AreaRow | { code: string; version: number },
    kind: 'created' | 'renamed' | 'merged' | 'imported',
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ) {
    await insertAreaChange(tx, {
      id: randomUUID(),
      areaCode: area.code,
      version: area.version,
      kind,
      before,
      after,
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? 'system',
      at: this.ctx.clock.now(),
    });
  }

  async create(
    actor: Actor,
    input: { parentCode: string; name: string; code?: string | undefined },
  ): Promise<AreaDetail> {
    const parent = await this.loadVisible(actor, input.parentCode);
    if (!areaPolicy.canCreateChild(actor, parent)) throw new AppError('common.forbidden');
    const level = CHILD_LEVEL[parent.level]!;
    const code = await this.ctx.db.transaction(async (tx) => {
      let newCode = input.code;
      if (level === 'grid') {
        newCode = `${parent.code}${String((await lastGridNumber(tx, parent.code)) + 1).padStart(3, '0')}`;
      } else if (!newCode || !this.codeFitsParent(newCode, parent, level)) {
        throw new AppError('area.invalid_parent', [{ path: 'code', code: 'area.code_not_under_parent' }]);
      }
      if (await findArea(tx, newCode))
        throw new AppError('area.code_taken', [{ path: 'code', code: 'area.code_exists', params: { code: newCode } }]);
      const row = newAreaRow({ code: newCode, parentCode: parent.code, level, name: input.name }, this.ctx.clock.now());
      await insertArea(tx, row);
      await this.record(tx, actor, row, 'created', null, { name: input.name, parentCode: parent.code });
      await auditInTx(this.ctx, tx, actor, {
        action: 'area.create',
        objectType: 'area',
        objectIds: [newCode],
        fields: ['name'],
      });
      return newCode;
    });
    return this.detail(actor, code);
  }

  private codeFitsParent(code: string, parent: AreaRow, level: AreaLevel): boolean {
    if (code.length !== 12) return false;
    if (level === 'street')
      return code.startsWith(parent.code.slice(0, 6)) && code.endsWith('000') && !code.endsWith('000000');
    return code.startsWith(parent.code.slice(0, 9)) && !code.endsWith('000');
  }

  async rename(actor: Actor, code: string, input: { name: string; version: number }): Promise<AreaDetail> {
    const area = await this.loadVisible(actor, code);
    if (!areaPolicy.canManage(actor, area) || area.status !== 'active') throw new AppError('common.forbidden');
    if (area.version !== input.version) throw new AppError('common.conflict');
    await this.ctx.db.transaction(async (tx) => {
      const version = area.version + 1;
      await updateArea(tx, code, { name: input.name, version, updatedAt: this.ctx.clock.now() });
      await this.record(tx, actor, { code, version }, 'renamed', { name: area.name }, { name: input.name });
      await auditInTx(this.ctx, tx, actor, {
        action: 'area.rename',
        objectType: 'area',
        objectIds: [code],
        fields: ['name'],
      });
    });
    return this.detail(actor, code);
  }

  /**
   * Merges a community or grid into another of the same level. The source stays as a 'merged' record;
   * its grids move under the target with new local numbers, and every area-owned row is re-coded.
   */
  async merge(actor: Actor, code: string, input: { intoCode: string; version: number }): Promise<AreaDetail> {
    const source = await this.loadVisible(actor, code);
    const target = await this.loadVisible(actor, input.intoCode);
    if (!areaPolicy.canMerge(actor, source) || !areaPolicy.canManage(actor, target))
      throw new AppError('common.forbidden');
    if (source.code === target.code || source.level !== target.level || target.status !== 'active')
      throw new AppError('area.merge_invalid');
    if (source.version !== input.version) throw new AppError('common.conflict');
    await this.ctx.db.transaction(async (tx) => {
      const now = this.ctx.clock.now();
      if (source.level === 'community') await this.moveGrids(tx, actor, source, target, now);
      await this.mergeOne(tx, actor, source, target.code, now);
      await auditInTx(this.ctx, tx, actor, {
        action: 'area.merge',
        objectType: 'area',
        objectIds: [source.code, target.code],
        fields: ['status', 'mergedInto'],
      });
    });
    return this.detail(actor, code);
  }

  /** A merged community's active grids move under the target with the target's next local numbers. */
  private async moveGrids(tx: DbOrTx, actor: Actor, source: AreaRow, target: AreaRow, now: Date) {
    let next = await lastGridNumber(tx, target.code);
    for (const grid of await childrenOf(tx, source.code)) {
      if (grid.status !== 'active') continue;
      next += 1;
      const newCode = `${target.code}${String(next).padStart(3, '0')}`;
      const moved = newAreaRow({ code: newCode, parentCode: target.code, level: 'grid', name: grid.name }, now);
      await insertArea(tx, moved);
      await this.record(tx, actor, moved, 'created', null, { name: grid.name, movedFrom: grid.code });
      await this.mergeOne(tx, actor, grid, newCode, now);
    }
  }

  private async mergeOne(tx: DbOrTx, actor: Actor, area: AreaRow, intoCode: string, now: Date) {
    const version = area.version + 1;
    await updateArea(tx, area.code, { status: 'merged', mergedInto: intoCode, version, updatedAt: now });
    await this.record(
      tx,
      actor,
      { code: area.code, version },
      'merged',
      { status: area.status },
      { status: 'merged', mergedInto: intoCode },
    );
    await recodeAreaOwnedRows(tx, area.code, intoCode);
  }

  async catalog(actor: Actor, parentCode: string) {
    const parent = await this.loadVisible(actor, parentCode);
    const entries = await catalogChildren(parent.code);
    const existing = new Set((await childrenOf(this.ctx.db, parent.code)).map((c) => c.code));
    return { items: entries.map((e) => ({ ...e, imported: existing.has(e.code) })) };
  }

  /** Imports a street (with its communities) or a community from the division catalogue under an existing parent. */
  async importFromCatalog(actor: Actor, code: string): Promise<void> {
    const entry = await findEntry(code);
    if (!entry || entry.level === 'district') throw new AppError('area.not_found');
    const parentCode = entry.level === 'street' ? `${code.slice(0, 6)}000000` : `${code.slice(0, 9)}000`;
    const parent = await this.loadVisible(actor, parentCode);
    if (!areaPolicy.canCreateChild(actor, parent)) throw new AppError('common.forbidden');
    await this.ctx.db.transaction((tx) => importEntries(this.ctx, tx, actor, parent.code, [entry]));
  }
}
