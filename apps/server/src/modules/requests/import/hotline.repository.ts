import { sql } from 'drizzle-orm';
import { inScope } from '../../../platform/access';
import { type DbOrTx, queryRows } from '../../../platform/db';

/** The active communities inside the importer's jurisdiction (a row may name one by name or code). */
export async function communitiesInScope(db: DbOrTx, prefixes: readonly string[]) {
  const rows = await queryRows(
    db,
    sql`SELECT code, name FROM areas WHERE level = 'community' AND status = 'active' AND ${inScope(sql`code`, prefixes)}
      ORDER BY code`,
  );
  return rows.map((r) => ({ code: String(r.code), name: String(r.name) }));
}

/** The active categories of these districts' catalogues, with the current version's name. */
export async function activeCategories(db: DbOrTx, districtCodes: string[]) {
  if (districtCodes.length === 0) return [];
  const rows = await queryRows(
    db,
    sql`SELECT c.id::text AS id, c.area_code, c.code, v.name FROM request_categories c
      JOIN request_category_versions v ON v.category_id = c.id AND v.version = c.current_version
      WHERE c.active AND c.area_code IN (${sql.join(
        districtCodes.map((d) => sql`${d}`),
        sql`, `,
      )})`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    districtCode: String(r.area_code),
    code: String(r.code),
    name: String(r.name),
  }));
}

/** Which of these (community, work-order number) pairs are already requests (the 已存在 check). */
export async function existingExternalRefs(db: DbOrTx, pairs: { areaCode: string; externalRef: string }[]) {
  if (pairs.length === 0) return new Set<string>();
  const areas = pairs.map((p) => p.areaCode);
  const refs = pairs.map((p) => p.externalRef);
  const rows = await queryRows(
    db,
    sql`SELECT r.area_code, r.external_ref FROM requests r
      JOIN unnest(${toTextArray(areas)}::text[], ${toTextArray(refs)}::text[]) AS p(area_code, external_ref)
        ON r.area_code = p.area_code AND r.external_ref = p.external_ref`,
  );
  return new Set(rows.map((r) => `${String(r.area_code)}|${String(r.external_ref)}`));
}

/** A PostgreSQL text[] literal with every element quoted (work-order numbers may hold commas or quotes). */
function toTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
