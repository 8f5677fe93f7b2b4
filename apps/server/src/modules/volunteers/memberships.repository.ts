// Team memberships (volunteer_team_members): one row per spell of a volunteer in a team, in the team's community.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { byKey, inSameArea, type AreaKey } from '../../platform/colocated';
import type { DbOrTx } from '../../platform/db';
import { type MemberRow, UUID, volunteerRowsByIds } from './volunteers.repository';
import { volunteerTeamMembers, volunteerTeams } from './volunteers.tables';

/** A team's memberships with their volunteers (who may live in other communities: read apart, issue 14). */
export async function membersOfTeam(db: DbOrTx, teamId: string) {
  const members = await db
    .select()
    .from(volunteerTeamMembers)
    .where(eq(volunteerTeamMembers.teamId, teamId))
    .orderBy(desc(volunteerTeamMembers.requestedAt), desc(volunteerTeamMembers.id));
  const byId = new Map(
    (await volunteerRowsByIds(db, [...new Set(members.map((m) => m.volunteerId))])).map((v) => [v.id, v]),
  );
  // A membership always names an existing volunteer (volunteers are never deleted); one missing is left out, as the
  // inner join did.
  return members.flatMap((member) => {
    const volunteer = byId.get(member.volunteerId);
    return volunteer ? [{ member, volunteer }] : [];
  });
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
    .innerJoin(
      volunteerTeams,
      inSameArea(eq(volunteerTeams.id, volunteerTeamMembers.teamId), volunteerTeams, volunteerTeamMembers),
    )
    .where(eq(volunteerTeamMembers.volunteerId, volunteerId))
    .orderBy(desc(volunteerTeamMembers.requestedAt), desc(volunteerTeamMembers.id));
}

export async function findMemberRow(db: DbOrTx, id: string): Promise<MemberRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(volunteerTeamMembers).where(eq(volunteerTeamMembers.id, id));
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
  membership: AreaKey,
  from: readonly string[],
  patch: Partial<typeof volunteerTeamMembers.$inferInsert>,
): Promise<boolean> {
  const t = volunteerTeamMembers;
  const rows = await db
    .update(t)
    .set(patch)
    .where(and(byKey(t.id, t.areaCode, membership), inArray(t.status, [...from])))
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
