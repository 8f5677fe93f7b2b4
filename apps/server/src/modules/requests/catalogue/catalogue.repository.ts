import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import {
  type CategoryRow,
  type CategoryVersionRow,
  requestCategories,
  requestCategoryVersions,
  requestRoutingRules,
  type RoutingRuleRow,
} from './catalogue.tables';

export type { CategoryRow, CategoryVersionRow, RoutingRuleRow };
export type CategoryInsert = typeof requestCategories.$inferInsert;
export type CategoryVersionInsert = typeof requestCategoryVersions.$inferInsert;
export type RoutingRuleInsert = typeof requestRoutingRules.$inferInsert;

/** A category with its current version's fields. */
export type CategoryWithVersion = { category: CategoryRow; version: CategoryVersionRow };

export async function findCategoryRow(db: DbOrTx, districtCode: string, idOrCode: string, byId: boolean) {
  const [row] = await db
    .select({ category: requestCategories, version: requestCategoryVersions })
    .from(requestCategories)
    .innerJoin(
      requestCategoryVersions,
      and(
        eq(requestCategoryVersions.categoryId, requestCategories.id),
        eq(requestCategoryVersions.version, requestCategories.currentVersion),
      ),
    )
    .where(
      and(
        eq(requestCategories.areaCode, districtCode),
        byId ? eq(requestCategories.id, idOrCode) : eq(requestCategories.code, idOrCode),
      ),
    );
  return row ?? null;
}

/** A category by id, whatever its district (the caller checks scope), locked for an edit when `forUpdate`. */
export async function findCategoryById(db: DbOrTx, id: string, forUpdate = false) {
  const query = db.select().from(requestCategories).where(eq(requestCategories.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function findVersion(db: DbOrTx, categoryId: string, version: number) {
  const [row] = await db
    .select()
    .from(requestCategoryVersions)
    .where(and(eq(requestCategoryVersions.categoryId, categoryId), eq(requestCategoryVersions.version, version)));
  return row ?? null;
}

/** Categories at given versions, each with its category row, in one query (a page of requests names a few). */
export async function findVersions(db: DbOrTx, pairs: readonly { id: string; version: number }[]) {
  if (pairs.length === 0) return [];
  return db
    .select({ category: requestCategories, version: requestCategoryVersions })
    .from(requestCategoryVersions)
    .innerJoin(requestCategories, eq(requestCategories.id, requestCategoryVersions.categoryId))
    .where(
      or(
        ...pairs.map((p) =>
          and(eq(requestCategoryVersions.categoryId, p.id), eq(requestCategoryVersions.version, p.version)),
        ),
      ),
    );
}

/** The district's categories with their current version, by group then name. */
export async function listCategoryRows(db: DbOrTx, districtCode: string, activeOnly: boolean) {
  return db
    .select({ category: requestCategories, version: requestCategoryVersions })
    .from(requestCategories)
    .innerJoin(
      requestCategoryVersions,
      and(
        eq(requestCategoryVersions.categoryId, requestCategories.id),
        eq(requestCategoryVersions.version, requestCategories.currentVersion),
      ),
    )
    .where(
      and(eq(requestCategories.areaCode, districtCode), activeOnly ? eq(requestCategories.active, true) : undefined),
    )
    .orderBy(asc(requestCategories.groupName), asc(requestCategoryVersions.name), asc(requestCategories.id));
}

/** Every version of the categories, newest first. */
export async function listVersions(db: DbOrTx, categoryIds: string[]) {
  if (categoryIds.length === 0) return [];
  return db
    .select()
    .from(requestCategoryVersions)
    .where(inArray(requestCategoryVersions.categoryId, categoryIds))
    .orderBy(asc(requestCategoryVersions.categoryId), desc(requestCategoryVersions.version));
}

export async function codeTaken(db: DbOrTx, districtCode: string, code: string): Promise<boolean> {
  const [row] = await db
    .select({ id: requestCategories.id })
    .from(requestCategories)
    .where(and(eq(requestCategories.areaCode, districtCode), eq(requestCategories.code, code)));
  return Boolean(row);
}

export async function insertCategory(db: DbOrTx, category: CategoryInsert, version: CategoryVersionInsert) {
  await db.insert(requestCategories).values(category);
  await db.insert(requestCategoryVersions).values(version);
}

export async function insertVersion(db: DbOrTx, version: CategoryVersionInsert) {
  await db.insert(requestCategoryVersions).values(version);
}

export async function updateCategory(db: DbOrTx, id: string, patch: Partial<CategoryInsert>) {
  await db.update(requestCategories).set(patch).where(eq(requestCategories.id, id));
}

/** Rules whose area lies in the district (the district's own, its streets' and communities'). */
export async function listRuleRows(db: DbOrTx, districtPrefix: string, categoryId?: string) {
  return db
    .select()
    .from(requestRoutingRules)
    .where(
      and(
        sql`${requestRoutingRules.areaCode} LIKE ${districtPrefix + '%'}`,
        categoryId
          ? or(eq(requestRoutingRules.categoryId, categoryId), isNull(requestRoutingRules.categoryId))
          : undefined,
      ),
    )
    .orderBy(asc(requestRoutingRules.areaCode), asc(requestRoutingRules.createdAt), asc(requestRoutingRules.id));
}

/** The rules that could apply to a request of the category in one of `areaCodes` (a community and those above). */
export async function candidateRules(db: DbOrTx, areaCodes: string[], categoryId: string): Promise<RoutingRuleRow[]> {
  return db
    .select()
    .from(requestRoutingRules)
    .where(
      and(
        inArray(requestRoutingRules.areaCode, areaCodes),
        or(eq(requestRoutingRules.categoryId, categoryId), isNull(requestRoutingRules.categoryId)),
      ),
    );
}

export async function findRule(db: DbOrTx, id: string) {
  const [row] = await db.select().from(requestRoutingRules).where(eq(requestRoutingRules.id, id));
  return row ?? null;
}

export async function ruleExists(db: DbOrTx, areaCode: string, categoryId: string | null): Promise<boolean> {
  const [row] = await db
    .select({ id: requestRoutingRules.id })
    .from(requestRoutingRules)
    .where(
      and(
        eq(requestRoutingRules.areaCode, areaCode),
        categoryId ? eq(requestRoutingRules.categoryId, categoryId) : isNull(requestRoutingRules.categoryId),
      ),
    );
  return Boolean(row);
}

export async function insertRule(db: DbOrTx, rule: RoutingRuleInsert) {
  await db.insert(requestRoutingRules).values(rule);
}

export async function deleteRule(db: DbOrTx, id: string) {
  await db.delete(requestRoutingRules).where(eq(requestRoutingRules.id, id));
}
