import { type SQL, and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import {
  volunteerCorrections,
  volunteerRecordEntries,
  volunteerTeamMembers,
  volunteerTeams,
  volunteers,
} from './volunteers.tables';

export type VolunteerRow = typeof volunteers.$inferSelect;
export type TeamRow = typeof volunteerTeams.$inferSelect;
export type MemberRow = typeof volunteerTeamMembers.$inferSelect;
export type RecordEntryRow = typeof volunteerRecordEntries.$inferSelect;
export type CorrectionRow = typeof volunteerCorrections.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// --- volunteers -------------------------------------------------------------------------------------------------

export async function findVolunteerRow(db: DbOrTx, id: string): Promise<VolunteerRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(volunteers).where(eq(volunteers.id, id));
  return row ?? null;
}

export async function findVolunteerRowByUser(db: DbOrTx, userId: string): Promise<VolunteerRow | null> {
  if (!UUID.test(userId)) return null;
  const [row] = await db.select().from(volunteers).where(eq(volunteers.userId, userId));
  return row ?? null;
}

export async function volunteerRowsByIds(db: DbOrTx, ids: readonly string[]): Promise<VolunteerRow[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  return db.select().from(volunteers).where(inArray(volunteers.id, valid));
}

/** Inserts a registration; false when the account has one already (two submissions racing). */
export async function insertVolunteer(db: DbOrTx, row: typeof volunteers.$inferInsert): Promise<boolean> {
  const rows = await db.insert(volunteers).values(row).onConflictDoNothing().returning({ id: volunteers.id });
  return rows.length > 0;
}

/** Moves a volunteer from one of `from` to a new status; false when it was not in one of them (raced or wrong). */
export async function transitionVolunteer(
  db: DbOrTx,
  id: string,
  from: readonly string[],
  patch: Partial<typeof volunteers.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(volunteers)
    .set(patch)
    .where(and(eq(volunteers.id, id), inArray(volunteers.status, [...from])))
    .returning({ id: volunteers.id });
  return rows.length > 0;
}

/** Re-registration after a rejection or leaving: the same row gets the new answers and goes back to pending. */
export async function reregisterVolunteer(db: DbOrTx, id: string, patch: Partial<typeof volunteers.$inferInsert>) {
  const rows = await db
    .update(volunteers)
    .set(patch)
    .where(and(eq(volunteers.id, id), inArray(volunteers.status, ['rejected', 'left'])))
    .returning({ id: volunteers.id });
  return rows.length > 0;
}

export async function listVolunteerRows(
  db: DbOrTx,
  filter: {
    prefixes: readonly string[];
    areaCode?: string | undefined;
    status?: string | undefined;
    teamId?: string | undefined;
    skill?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const conditions: (SQL | undefined)[] = [
    inScope(volunteers.areaCode, filter.prefixes),
    filter.areaCode ? sql`${volunteers.areaCode} LIKE ${filter.areaCode.replace(/0+$/, '') + '%'}` : undefined,
    filter.status ? eq(volunteers.status, filter.status) : undefined,
    filter.skill ? sql`${filter.skill} = ANY(${volunteers.skills})` : undefined,
    filter.teamId
      ? sql`EXISTS (SELECT 1 FROM volunteer_team_members m WHERE m.volunteer_id = volunteers.id
          AND m.team_id = ${filter.teamId} AND m.status = 'active')`
      : undefined,
  ];
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(volunteers)
      .where(where)
      .orderBy(desc(volunteers.createdAt), desc(volunteers.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(volunteers).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function volunteerByIdNumber(db: DbOrTx, bidx: string): Promise<VolunteerRow | null> {
  const [row] = await db.select().from(volunteers).where(eq(volunteers.idNumberBidx, bidx)).limit(1);
  return row ?? null;
}

// --- teams ------------------------------------------------------------------------------------------------------

export async function findTeamRow(db: DbOrTx, id: string): Promise<TeamRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(volunteerTeams).where(eq(volunteerTeams.id, id));
  return row ?? null;
}

export function insertTeam(db: DbOrTx, row: typeof volunteerTeams.$inferInsert) {
  return db.insert(volunteerTeams).values(row);
}

export async function updateTeam(db: DbOrTx, id: string, patch: Partial<typeof volunteerTeams.$inferInsert>) {
  await db.update(volunteerTeams).set(patch).where(eq(volunteerTeams.id, id));
}

export async function teamNameTaken(db: DbOrTx, areaCode: string, name: string, exceptId?: string) {
  const rows = await db
    .select({ id: volunteerTeams.id })
    .from(volunteerTeams)
    .where(and(eq(volunteerTeams.areaCode, areaCode), eq(volunteerTeams.name, name)));
  return rows.some((r) => r.id !== exceptId);
}

export async function listTeamRows(
  db: DbOrTx,
  filter: { prefixes: readonly string[]; areaCode?: string | undefined; colour?: string | undefined },
) {
  const rows = await db
    .select({
      team: volunteerTeams,
      members: sql<number>`(SELECT count(*) FROM volunteer_team_members m WHERE m.team_id = volunteer_teams.id
        AND m.status = 'active')`.mapWith(Number),
    })
    .from(volunteerTeams)
    .where(
      and(
        inScope(volunteerTeams.areaCode, filter.prefixes),
        filter.areaCode ? sql`${volunteerTeams.areaCode} LIKE ${filter.areaCode.replace(/0+$/, '') + '%'}` : undefined,
        filter.colour ? eq(volunteerTeams.colour, filter.colour) : undefined,
      ),
    )
    .orderBy(asc(volunteerTeams.areaCode), asc(volunteerTeams.name))
    .limit(500);
  return rows;
}

export async function teamsLedByUser(db: DbOrTx, userId: string): Promise<TeamRow[]> {
  if (!UUID.test(userId)) return [];
  const rows = await db
    .select({ team: volunteerTeams })
    .from(volunteerTeamMembers)
    .innerJoin(volunteerTeams, eq(volunteerTeams.id, volunteerTeamMembers.teamId))
    .innerJoin(volunteers, eq(volunteers.id, volunteerTeamMembers.volunteerId))
    .where(
      and(
        eq(volunteers.userId, userId),
        eq(volunteers.status, 'active'),
        eq(volunteerTeamMembers.role, 'leader'),
        eq(volunteerTeamMembers.status, 'active'),
        eq(volunteerTeams.status, 'active'),
      ),
    )
    .orderBy(asc(volunteerTeams.name));
  return rows.map((r) => r.team);
}

// --- memberships ------------------------------------------------------------------------------------------------

export async function membersOfTeam(db: DbOrTx, teamId: string) {
  return db
    .select({ member: volunteerTeamMembers, volunteer: volunteers })
    .from(volunteerTeamMembers)
    .innerJoin(volunteers, eq(volunteers.id, volunteerTeamMembers.volunteerId))
    .where(eq(volunteerTeamMembers.teamId, teamId))
    .orderBy(desc(volunteerTeamMembers.requestedAt), desc(volunteerTeamMembers.id));
}

/**
 * A team's membership spells that began (active or left; requests and declines never did), oldest first: with a
 * period, those overlapping it (joined on or before its end, not left before its start); without, every one.
 */
export async function spellsOfTeam(
  db: DbOrTx,
  teamId: string,
  period?: { from?: string | undefined; to?: string | undefined },
): Promise<{ volunteerId: string; joinedOn: string; leftOn: string | null }[]> {
  if (!UUID.test(teamId)) return [];
  const m = volunteerTeamMembers;
  const rows = await db
    .select({ volunteerId: m.volunteerId, joinedOn: m.joinedOn, leftOn: m.leftOn })
    .from(m)
    .where(
      and(
        eq(m.teamId, teamId),
        inArray(m.status, ['active', 'left']),
        sql`${m.joinedOn} IS NOT NULL`,
        period?.to ? sql`${m.joinedOn} <= ${period.to}` : undefined,
        period?.from ? sql`(${m.leftOn} IS NULL OR ${m.leftOn} >= ${period.from})` : undefined,
      ),
    )
    .orderBy(asc(m.joinedOn), asc(m.id));
  return rows.map((r) => ({ volunteerId: r.volunteerId, joinedOn: r.joinedOn!, leftOn: r.leftOn }));
}

export async function membershipsOfVolunteer(db: DbOrTx, volunteerId: string) {
  return db
    .select({ member: volunteerTeamMembers, team: volunteerTeams })
    .from(volunteerTeamMembers)
    .innerJoin(volunteerTeams, eq(volunteerTeams.id, volunteerTeamMembers.teamId))
    .where(eq(volunteerTeamMembers.volunteerId, volunteerId))
    .orderBy(desc(volunteerTeamMembers.requestedAt), desc(volunteerTeamMembers.id));
}

export async function findMemberRow(db: DbOrTx, id: string): Promise<MemberRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(volunteerTeamMembers).where(eq(volunteerTeamMembers.id, id));
  return row ?? null;
}

export async function openMembership(db: DbOrTx, teamId: string, volunteerId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select()
    .from(volunteerTeamMembers)
    .where(
      and(
        eq(volunteerTeamMembers.teamId, teamId),
        eq(volunteerTeamMembers.volunteerId, volunteerId),
        inArray(volunteerTeamMembers.status, ['requested', 'active']),
      ),
    );
  return row ?? null;
}

/** Inserts a membership spell; false when an open one exists already (the partial unique index). */
export async function insertMembership(db: DbOrTx, row: typeof volunteerTeamMembers.$inferInsert): Promise<boolean> {
  const rows = await db
    .insert(volunteerTeamMembers)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: volunteerTeamMembers.id });
  return rows.length > 0;
}

export async function transitionMembership(
  db: DbOrTx,
  id: string,
  from: readonly string[],
  patch: Partial<typeof volunteerTeamMembers.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(volunteerTeamMembers)
    .set(patch)
    .where(and(eq(volunteerTeamMembers.id, id), inArray(volunteerTeamMembers.status, [...from])))
    .returning({ id: volunteerTeamMembers.id });
  return rows.length > 0;
}

/** Closes every open spell of a volunteer (leaving the volunteer service closes the team memberships too). */
export async function closeMembershipsOf(db: DbOrTx, volunteerId: string, on: string, at: Date, by: string) {
  await db
    .update(volunteerTeamMembers)
    .set({ status: 'left', leftOn: on, decidedAt: at, decidedBy: by })
    .where(and(eq(volunteerTeamMembers.volunteerId, volunteerId), eq(volunteerTeamMembers.status, 'active')));
  await db
    .update(volunteerTeamMembers)
    .set({ status: 'declined', decidedAt: at, decidedBy: by })
    .where(and(eq(volunteerTeamMembers.volunteerId, volunteerId), eq(volunteerTeamMembers.status, 'requested')));
}

// --- record entries and corrections -----------------------------------------------------------------------------

export function insertRecordEntry(db: DbOrTx, row: typeof volunteerRecordEntries.$inferInsert) {
  return db.insert(volunteerRecordEntries).values(row);
}

export function recordEntriesOf(db: DbOrTx, volunteerId: string) {
  return db
    .select()
    .from(volunteerRecordEntries)
    .where(eq(volunteerRecordEntries.volunteerId, volunteerId))
    .orderBy(desc(volunteerRecordEntries.onDate), desc(volunteerRecordEntries.createdAt));
}

export async function findRecordEntry(db: DbOrTx, id: string): Promise<RecordEntryRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(volunteerRecordEntries).where(eq(volunteerRecordEntries.id, id));
  return row ?? null;
}

export function insertCorrection(db: DbOrTx, row: typeof volunteerCorrections.$inferInsert) {
  return db.insert(volunteerCorrections).values(row);
}

export function correctionsOf(db: DbOrTx, volunteerId: string) {
  return db
    .select()
    .from(volunteerCorrections)
    .where(eq(volunteerCorrections.volunteerId, volunteerId))
    .orderBy(desc(volunteerCorrections.createdAt));
}

export async function findCorrection(db: DbOrTx, id: string): Promise<CorrectionRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(volunteerCorrections).where(eq(volunteerCorrections.id, id));
  return row ?? null;
}

export async function answerCorrectionRow(
  db: DbOrTx,
  id: string,
  patch: Pick<typeof volunteerCorrections.$inferInsert, 'status' | 'answerText' | 'answeredBy' | 'answeredAt'>,
): Promise<boolean> {
  const rows = await db
    .update(volunteerCorrections)
    .set(patch)
    .where(and(eq(volunteerCorrections.id, id), eq(volunteerCorrections.status, 'open')))
    .returning({ id: volunteerCorrections.id });
  return rows.length > 0;
}

export async function openCorrections(db: DbOrTx, prefixes: readonly string[]) {
  return db
    .select({ correction: volunteerCorrections, volunteer: volunteers })
    .from(volunteerCorrections)
    .innerJoin(volunteers, eq(volunteers.id, volunteerCorrections.volunteerId))
    .where(and(inScope(volunteerCorrections.areaCode, prefixes), eq(volunteerCorrections.status, 'open')))
    .orderBy(asc(volunteerCorrections.createdAt))
    .limit(200);
}
