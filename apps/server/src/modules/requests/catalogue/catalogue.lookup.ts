// What the rest of the requests module (intake, triage, Open311, figures) reads of the catalogue. Every function takes
// the caller's transaction (or the database) and does no scope check: callers have checked the community already.
import type { CategoryQuestion, RoutingUnit } from '@linli/contracts/modules/requests';
import type { DbOrTx } from '../../../platform/db';
import { findCategoryRow, findVersion, findVersions, listCategoryRows } from './catalogue.repository';
import type { CategoryRow, CategoryVersionRow } from './catalogue.tables';
import { resolveWithRule } from './routing';

export { validateAttributes, type AttributeResult } from './attributes';
export { districtOf } from './routing';

/** A category at one version: what a form, a deadline and Open311's service definition need. */
export interface CategoryAtVersion {
  id: string;
  /** The Open311 service_code. */
  code: string;
  version: number;
  name: string;
  group: string;
  description: string | null;
  questions: CategoryQuestion[];
  defaultUrgency: 'urgent' | 'normal';
  signWorkingDays: number;
  resolveWorkingDays: number;
  active: boolean;
}

/** The responsible unit a request goes to (RequestUnit in the design). */
export type RequestUnit = RoutingUnit;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toView(category: CategoryRow, version: CategoryVersionRow): CategoryAtVersion {
  return {
    id: category.id,
    code: category.code,
    version: version.version,
    name: version.name,
    group: category.groupName,
    description: version.description,
    questions: version.questions,
    defaultUrgency: version.defaultUrgency,
    signWorkingDays: version.signWorkingDays,
    resolveWorkingDays: version.resolveWorkingDays,
    active: category.active,
  };
}

/**
 * A category of the district (any area code of the district may be passed) by id or by code, at its current
 * version; inactive ones too (check `active` before filing a new request), null when the district has none such.
 */
export async function findCategory(
  db: DbOrTx,
  districtCode: string,
  idOrCode: string,
): Promise<CategoryAtVersion | null> {
  const district = `${districtCode.slice(0, 6)}000000`;
  const row =
    (UUID.test(idOrCode) ? await findCategoryRow(db, district, idOrCode.toLowerCase(), true) : null) ??
    (await findCategoryRow(db, district, idOrCode, false));
  return row ? toView(row.category, row.version) : null;
}

/** A category at the version a request was filed under (old requests keep theirs). */
export async function categoryVersion(db: DbOrTx, id: string, version: number): Promise<CategoryAtVersion | null> {
  const row = await findVersion(db, id, version);
  if (!row) return null;
  const current = await findCategoryRow(db, row.areaCode, id, true);
  return current ? toView(current.category, row) : null;
}

/** Several categories at the versions requests name, keyed `id:version` (one query for a page of requests). */
export async function categoryVersions(
  db: DbOrTx,
  pairs: readonly { id: string; version: number }[],
): Promise<Map<string, CategoryAtVersion>> {
  const rows = await findVersions(db, pairs);
  return new Map(rows.map((r) => [`${r.version.categoryId}:${r.version.version}`, toView(r.category, r.version)]));
}

/** The district's categories in use, at their current versions, by group then name. */
export async function listActiveCategories(db: DbOrTx, districtCode: string): Promise<CategoryAtVersion[]> {
  const rows = await listCategoryRows(db, `${districtCode.slice(0, 6)}000000`, true);
  return rows.map((r) => toView(r.category, r.version));
}

/**
 * Where a request of the category in the community goes: the applicable rule (a rule naming the category beats one
 * for every category; then the community's beats its street's beats the district's; a rule whose partner no longer
 * serves the community is passed over), else the community itself.
 */
export async function resolveUnit(db: DbOrTx, communityCode: string, categoryId: string): Promise<RequestUnit> {
  return (await resolveWithRule(db, communityCode, categoryId)).unit;
}
