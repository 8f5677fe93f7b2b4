import { type SQL, and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { OrganisationListQuery } from '@linli/contracts/modules/organisations';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { areas } from '../org';
import { users } from '../users';
import {
  organisationContacts,
  organisationEvents,
  organisationServiceAreas,
  organisations,
} from './organisations.tables';

export type OrganisationRow = typeof organisations.$inferSelect;
export type OrganisationInsert = typeof organisations.$inferInsert;
export type ContactRow = typeof organisationContacts.$inferSelect;
export type OrganisationEventRow = typeof organisationEvents.$inferSelect;

/**
 * The register an actor reads: partners held inside the jurisdiction, or serving an area inside it or above it (a
 * street-held social work station that serves the whole street is every community's there). A grid worker reads as
 * their community: partners serve communities, not grids.
 */
export function readablePrefixes(prefixes: readonly string[]): string[] {
  return [...new Set(prefixes.map((p) => (p.length > 12 ? p.slice(0, 12) : p)))];
}
/** The codes of the street and district above each prefix (a partner serving those serves the prefix too). */
function enclosingCodes(prefixes: readonly string[]): string[] {
  const codes = new Set<string>();
  for (const p of prefixes) {
    if (p.length >= 12) codes.add(`${p.slice(0, 9)}000`);
    if (p.length >= 9) codes.add(`${p.slice(0, 6)}000000`);
  }
  return [...codes];
}

export function readableOrganisation(prefixes: readonly string[]): SQL {
  const readable = readablePrefixes(prefixes);
  if (readable.length === 0) return sql`false`;
  const above = enclosingCodes(readable);
  const served = sql`EXISTS (SELECT 1 FROM ${organisationServiceAreas} sa WHERE sa.organisation_id = ${organisations.id}
    AND (${inScope(sql`sa.area_code`, readable)}${above.length ? sql` OR sa.area_code IN ${above}` : sql``}))`;
  return sql`(${inScope(organisations.areaCode, readable)} OR ${served})`;
}

function searchCondition(q: string): SQL {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const key = q.toLowerCase().replace(/[^a-z]/g, '');
  if (!key) return sql`${organisations.name} LIKE ${like}`;
  return sql`(${organisations.name} LIKE ${like} OR ${organisations.namePinyin} LIKE ${key + '%'}
    OR ${organisations.nameInitials} LIKE ${key + '%'} OR ${organisations.uscc} = ${q.toUpperCase()})`;
}

function listWhere(prefixes: readonly string[], query: Omit<OrganisationListQuery, 'page' | 'pageSize'>): SQL {
  const conditions: (SQL | undefined)[] = [readableOrganisation(prefixes)];
  if (query.q) conditions.push(searchCondition(query.q));
  if (query.kind) conditions.push(eq(organisations.kind, query.kind));
  if (query.areaCode) {
    conditions.push(sql`(${organisations.areaCode} = ${query.areaCode} OR EXISTS (SELECT 1 FROM ${organisationServiceAreas}
      sa WHERE sa.organisation_id = ${organisations.id} AND sa.area_code = ${query.areaCode}))`);
  }
  if (query.serviceField) conditions.push(sql`${query.serviceField} = ANY(${organisations.serviceFields})`);
  if (query.rating) conditions.push(eq(organisations.rating, query.rating));
  if (query.status) conditions.push(eq(organisations.status, query.status));
  return and(...conditions)!;
}

export async function listOrganisations(db: DbOrTx, prefixes: readonly string[], query: OrganisationListQuery) {
  const where = listWhere(prefixes, query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.namePinyin), asc(organisations.name), asc(organisations.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(organisations).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Every readable row in list order, for the export (the register is small: a community holds tens, not thousands). */
export function allReadableOrganisations(db: DbOrTx, prefixes: readonly string[], limit: number) {
  return db
    .select()
    .from(organisations)
    .where(readableOrganisation(prefixes))
    .orderBy(asc(organisations.areaCode), asc(organisations.namePinyin), asc(organisations.id))
    .limit(limit);
}

export async function findOrganisation(db: DbOrTx, id: string, forUpdate = false): Promise<OrganisationRow | null> {
  const query = db.select().from(organisations).where(eq(organisations.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The row when the actor may read it (held or served inside the prefixes), else null. */
export async function findReadableOrganisation(db: DbOrTx, prefixes: readonly string[], id: string) {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id), readableOrganisation(prefixes)));
  return row ?? null;
}

export async function findByUscc(db: DbOrTx, areaCode: string, uscc: string) {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.areaCode, areaCode), eq(organisations.uscc, uscc)));
  return row ?? null;
}

export async function findByName(db: DbOrTx, areaCode: string, kind: string, name: string) {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(eq(organisations.areaCode, areaCode), eq(organisations.kind, kind as never), eq(organisations.name, name)),
    );
  return row ?? null;
}

export function insertOrganisations(db: DbOrTx, rows: OrganisationInsert[]) {
  return db.insert(organisations).values(rows);
}

export function updateOrganisation(db: DbOrTx, id: string, patch: Partial<OrganisationInsert>) {
  return db.update(organisations).set(patch).where(eq(organisations.id, id));
}

export async function serviceAreasOf(db: DbOrTx, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select()
    .from(organisationServiceAreas)
    .where(inArray(organisationServiceAreas.organisationId, ids))
    .orderBy(asc(organisationServiceAreas.areaCode));
  for (const r of rows) map.set(r.organisationId, [...(map.get(r.organisationId) ?? []), r.areaCode]);
  return map;
}

export async function replaceServiceAreas(db: DbOrTx, id: string, codes: string[]) {
  await db.delete(organisationServiceAreas).where(eq(organisationServiceAreas.organisationId, id));
  if (codes.length)
    await db.insert(organisationServiceAreas).values(codes.map((areaCode) => ({ organisationId: id, areaCode })));
}

export function contactsOf(db: DbOrTx, id: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(organisationContacts)
    .where(eq(organisationContacts.organisationId, id))
    .orderBy(asc(organisationContacts.position));
}

export async function replaceContacts(db: DbOrTx, id: string, rows: ContactRow[]) {
  await db.delete(organisationContacts).where(eq(organisationContacts.organisationId, id));
  if (rows.length) await db.insert(organisationContacts).values(rows);
}

export function insertEvents(db: DbOrTx, rows: OrganisationEventRow[]) {
  return rows.length ? db.insert(organisationEvents).values(rows) : Promise.resolve();
}

export function historyOf(db: DbOrTx, id: string) {
  return db
    .select({ event: organisationEvents, actorName: users.displayName })
    .from(organisationEvents)
    .leftJoin(users, eq(users.id, organisationEvents.actorId))
    .where(eq(organisationEvents.organisationId, id))
    .orderBy(sql`${organisationEvents.at} DESC`, asc(organisationEvents.id))
    .limit(200);
}

export async function areaNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: areas.code, name: areas.name }).from(areas).where(inArray(areas.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The active communities and streets inside the prefixes (where an import may put a partner). */
export function writableAreas(db: DbOrTx, prefixes: readonly string[]) {
  return db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(
      and(inScope(areas.code, prefixes), eq(areas.status, 'active'), inArray(areas.level, ['community', 'street'])),
    )
    .orderBy(asc(areas.code))
    .limit(5000);
}
