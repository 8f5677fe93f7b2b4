import { type SQL, and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { inCommunities, inScope } from '../../platform/access';
import { byKey, inSameArea, type AreaKey } from '../../platform/colocated';
import type { DbOrTx } from '../../platform/db';
import { moveBetweenShards, tablesDistributedByArea } from '../../platform/shard-move';
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

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// --- volunteers -------------------------------------------------------------------------------------------------

/**
 * `communities`, when given, are where the row must lie (inCommunities: on a Citus cluster the lookup reaches their
 * shard groups only); null or omitted, any community.
 */
export async function findVolunteerRow(
  db: DbOrTx,
  id: string,
  communities: readonly string[] | null = null,
): Promise<VolunteerRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.id, id), inCommunities(volunteers.areaCode, communities)));
  return row ?? null;
}

export async function findVolunteerRowByUser(
  db: DbOrTx,
  userId: string,
  communities: readonly string[] | null = null,
): Promise<VolunteerRow | null> {
  if (!UUID.test(userId)) return null;
  const [row] = await db
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.userId, userId), inCommunities(volunteers.areaCode, communities)));
  return row ?? null;
}

export async function volunteerRowsByIds(
  db: DbOrTx,
  ids: readonly string[],
  communities: readonly string[] | null = null,
): Promise<VolunteerRow[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  return db
    .select()
    .from(volunteers)
    .where(and(inArray(volunteers.id, valid), inCommunities(volunteers.areaCode, communities)));
}

/** Inserts a registration; false when the account has one already (two submissions racing). */
export async function insertVolunteer(db: DbOrTx, row: typeof volunteers.$inferInsert): Promise<boolean> {
  const rows = await db.insert(volunteers).values(row).onConflictDoNothing().returning({ id: volunteers.id });
  return rows.length > 0;
}

/** Moves a volunteer from one of `from` to a new status; false when it was not in one of them (raced or wrong). */
export async function transitionVolunteer(
  db: DbOrTx,
  volunteer: AreaKey,
  from: readonly string[],
  patch: Partial<typeof volunteers.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(volunteers)
    .set(patch)
    .where(and(byKey(volunteers.id, volunteers.areaCode, volunteer), inArray(volunteers.status, [...from])))
    .returning({ id: volunteers.id });
  return rows.length > 0;
}

/** The volunteer's own tables, whose rows carry the volunteer's home community and move with it. */
const HOME_TABLES = ['volunteers', 'volunteer_record_entries', 'volunteer_corrections'];

/**
 * Re-registration after a rejection or leaving: the same row gets the new answers and goes back to pending; false
 * when it is no longer rejected or left (raced). A resident who moved registers from their new community: the row
 * moves there with its record entries and correction requests (the 67号令 record follows the person; team spells,
 * hours and points stay where they were served). On Citus the home community is the distribution column, which no
 * UPDATE may change: the rows are copied under the new code and the old ones deleted (platform/shard-move.ts).
 */
export async function reregisterVolunteer(
  db: DbOrTx,
  existing: AreaKey,
  patch: Partial<typeof volunteers.$inferInsert>,
): Promise<boolean> {
  const { areaCode, ...sameHome } = patch;
  const reopenable = inArray(volunteers.status, ['rejected', 'left']);
  let key = existing;
  if (areaCode !== undefined && areaCode !== existing.areaCode) {
    // Locked first: a concurrent registration or decision waits, then finds the row moved or no longer reopenable.
    const [row] = await db
      .select({ id: volunteers.id })
      .from(volunteers)
      .where(and(byKey(volunteers.id, volunteers.areaCode, existing), reopenable))
      .for('update');
    if (!row) return false;
    await moveVolunteerHome(db, existing, areaCode);
    key = { id: existing.id, areaCode };
  }
  const rows = await db
    .update(volunteers)
    .set(sameHome)
    .where(and(byKey(volunteers.id, volunteers.areaCode, key), reopenable))
    .returning({ id: volunteers.id });
  return rows.length > 0;
}

async function moveVolunteerHome(db: DbOrTx, volunteer: AreaKey, toCode: string): Promise<void> {
  const { id, areaCode: fromCode } = volunteer;
  if ((await tablesDistributedByArea(db)).has('volunteers')) {
    const own = sql`volunteer_id = ${id}`;
    await moveBetweenShards(db, HOME_TABLES, fromCode, toCode, {
      volunteers: sql`id = ${id}`,
      volunteer_record_entries: own,
      volunteer_corrections: own,
    });
    return;
  }
  await db
    .update(volunteers)
    .set({ areaCode: toCode })
    .where(byKey(volunteers.id, volunteers.areaCode, volunteer));
  for (const table of [volunteerRecordEntries, volunteerCorrections])
    await db
      .update(table)
      .set({ areaCode: toCode })
      .where(and(eq(table.volunteerId, id), eq(table.areaCode, fromCode)));
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
  // A team's members are read first: a membership lies in its team's community, the volunteer in their home one, and
  // Citus does not correlate a subquery across the two (issue 14). A team has at most a few hundred members.
  const memberIds = filter.teamId
    ? !UUID.test(filter.teamId)
      ? []
      : (
          await db
            .select({ id: volunteerTeamMembers.volunteerId })
            .from(volunteerTeamMembers)
            .where(and(eq(volunteerTeamMembers.teamId, filter.teamId), eq(volunteerTeamMembers.status, 'active')))
        ).map((m) => m.id)
    : null;
  if (memberIds && memberIds.length === 0) return { rows: [], total: 0 };
  const conditions: (SQL | undefined)[] = [
    inScope(volunteers.areaCode, filter.prefixes),
    filter.areaCode ? sql`${volunteers.areaCode} LIKE ${filter.areaCode.replace(/0+$/, '') + '%'}` : undefined,
    filter.status ? eq(volunteers.status, filter.status) : undefined,
    filter.skill ? sql`${filter.skill} = ANY(${volunteers.skills})` : undefined,
    memberIds ? inArray(volunteers.id, memberIds) : undefined,
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
        AND m.area_code = volunteer_teams.area_code AND m.status = 'active')`.mapWith(Number),
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
  // The account's volunteer first, then its leaderships: a membership lies in its team's community, which need not be
  // the volunteer's home, so only memberships and teams join (in one shard group on Citus, issue 14).
  const volunteer = await findVolunteerRowByUser(db, userId);
  if (!volunteer || volunteer.status !== 'active') return [];
  const rows = await db
    .select({ team: volunteerTeams })
    .from(volunteerTeamMembers)
    .innerJoin(
      volunteerTeams,
      inSameArea(eq(volunteerTeams.id, volunteerTeamMembers.teamId), volunteerTeams, volunteerTeamMembers),
    )
    .where(
      and(
        eq(volunteerTeamMembers.volunteerId, volunteer.id),
        eq(volunteerTeamMembers.role, 'leader'),
        eq(volunteerTeamMembers.status, 'active'),
        eq(volunteerTeams.status, 'active'),
      ),
    )
    .orderBy(asc(volunteerTeams.name));
  return rows.map((r) => r.team);
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
    .innerJoin(
      volunteers,
      inSameArea(eq(volunteers.id, volunteerCorrections.volunteerId), volunteers, volunteerCorrections),
    )
    .where(and(inScope(volunteerCorrections.areaCode, prefixes), eq(volunteerCorrections.status, 'open')))
    .orderBy(asc(volunteerCorrections.createdAt))
    .limit(200);
}
