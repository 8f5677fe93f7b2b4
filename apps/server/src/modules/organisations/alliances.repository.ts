import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { readablePrefixes } from './organisations.repository';
import { allianceChairs, allianceCommitments, allianceMembers, alliances, organisations } from './organisations.tables';

export type AllianceRow = typeof alliances.$inferSelect;
export type MemberRow = typeof allianceMembers.$inferSelect;

/** Alliances held inside the jurisdiction (a grid worker reads as their community). */
export function listAlliances(db: DbOrTx, prefixes: readonly string[]) {
  return db
    .select({
      alliance: alliances,
      memberCount: sql<number>`(SELECT count(*)::int FROM ${allianceMembers} m WHERE m.alliance_id = ${alliances.id})`,
    })
    .from(alliances)
    .where(inScope(alliances.areaCode, readablePrefixes(prefixes)))
    .orderBy(asc(alliances.areaCode), asc(alliances.name))
    .limit(200);
}

export async function findAlliance(db: DbOrTx, prefixes: readonly string[], id: string): Promise<AllianceRow | null> {
  const [row] = await db
    .select()
    .from(alliances)
    .where(and(eq(alliances.id, id), inScope(alliances.areaCode, readablePrefixes(prefixes))));
  return row ?? null;
}

export function insertAlliance(db: DbOrTx, row: AllianceRow) {
  return db.insert(alliances).values(row);
}

export async function memberCount(db: DbOrTx, allianceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(allianceMembers).where(eq(allianceMembers.allianceId, allianceId));
  return Number(row?.n ?? 0);
}

export function membersOf(db: DbOrTx, allianceId: string) {
  return db
    .select({ member: allianceMembers, name: organisations.name })
    .from(allianceMembers)
    .innerJoin(organisations, eq(organisations.id, allianceMembers.organisationId))
    .where(eq(allianceMembers.allianceId, allianceId))
    .orderBy(asc(allianceMembers.joinedOn), asc(organisations.namePinyin));
}

export async function findMember(db: DbOrTx, allianceId: string, organisationId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select()
    .from(allianceMembers)
    .where(and(eq(allianceMembers.allianceId, allianceId), eq(allianceMembers.organisationId, organisationId)));
  return row ?? null;
}

export async function findMemberById(db: DbOrTx, id: string): Promise<MemberRow | null> {
  const [row] = await db.select().from(allianceMembers).where(eq(allianceMembers.id, id));
  return row ?? null;
}

export function insertMember(db: DbOrTx, row: MemberRow) {
  return db.insert(allianceMembers).values(row);
}

export function updateMember(db: DbOrTx, allianceId: string, organisationId: string, patch: Partial<MemberRow>) {
  return db
    .update(allianceMembers)
    .set(patch)
    .where(and(eq(allianceMembers.allianceId, allianceId), eq(allianceMembers.organisationId, organisationId)));
}

export function chairsOf(db: DbOrTx, allianceId: string) {
  return db
    .select({ chair: allianceChairs, name: organisations.name })
    .from(allianceChairs)
    .innerJoin(organisations, eq(organisations.id, allianceChairs.organisationId))
    .where(eq(allianceChairs.allianceId, allianceId))
    .orderBy(asc(allianceChairs.fromOn));
}

export function insertChair(db: DbOrTx, row: typeof allianceChairs.$inferInsert) {
  return db.insert(allianceChairs).values(row);
}

export function commitmentsOf(db: DbOrTx, allianceId: string) {
  return db
    .select({ commitment: allianceCommitments, name: organisations.name })
    .from(allianceCommitments)
    .innerJoin(organisations, eq(organisations.id, allianceCommitments.organisationId))
    .where(eq(allianceCommitments.allianceId, allianceId))
    .orderBy(asc(allianceCommitments.createdAt), asc(allianceCommitments.id));
}

export async function findCommitment(db: DbOrTx, id: string) {
  const [row] = await db.select().from(allianceCommitments).where(eq(allianceCommitments.id, id));
  return row ?? null;
}

export function insertCommitment(db: DbOrTx, row: typeof allianceCommitments.$inferInsert) {
  return db.insert(allianceCommitments).values(row);
}

export function updateCommitment(db: DbOrTx, id: string, patch: Partial<typeof allianceCommitments.$inferInsert>) {
  return db.update(allianceCommitments).set(patch).where(eq(allianceCommitments.id, id));
}

/** The alliances an organisation belongs to, with whether it chairs one today. */
export async function membershipsOf(db: DbOrTx, organisationId: string, today: string) {
  const rows = await db
    .select({ member: allianceMembers, name: alliances.name })
    .from(allianceMembers)
    .innerJoin(alliances, eq(alliances.id, allianceMembers.allianceId))
    .where(eq(allianceMembers.organisationId, organisationId))
    .orderBy(asc(allianceMembers.joinedOn));
  const ids = rows.map((r) => r.member.allianceId);
  const chairs = ids.length
    ? await db
        .select({ allianceId: allianceChairs.allianceId })
        .from(allianceChairs)
        .where(
          and(
            inArray(allianceChairs.allianceId, ids),
            eq(allianceChairs.organisationId, organisationId),
            sql`${allianceChairs.fromOn} <= ${today} AND ${allianceChairs.toOn} >= ${today}`,
          ),
        )
    : [];
  return rows.map((r) => ({
    allianceId: r.member.allianceId,
    allianceName: r.name,
    joinedOn: r.member.joinedOn,
    pactSignedOn: r.member.pactSignedOn,
    chairNow: chairs.some((c) => c.allianceId === r.member.allianceId),
  }));
}

/** A chair term of the alliance that overlaps [from, to]. */
export async function overlappingChair(db: DbOrTx, allianceId: string, from: string, to: string) {
  const [row] = await db
    .select({ id: allianceChairs.id })
    .from(allianceChairs)
    .where(
      and(
        eq(allianceChairs.allianceId, allianceId),
        sql`${allianceChairs.fromOn} <= ${to} AND ${allianceChairs.toOn} >= ${from}`,
      ),
    )
    .limit(1);
  return row ?? null;
}
