import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { teamOrganisations, volunteerTeams } from './volunteers.tables';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The register's names of the organisations teams belong to, by id (the team list and page show them). */
export async function organisationNames(db: DbOrTx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids.filter((id): id is string => id !== null && UUID.test(id)))];
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({ id: teamOrganisations.id, name: teamOrganisations.name })
    .from(teamOrganisations)
    .where(inArray(teamOrganisations.id, valid));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** An organisation's own teams (a partner member's 我们的志愿队伍) with their active members, whatever the area. */
export async function organisationTeamRows(db: DbOrTx, organisationId: string) {
  if (!UUID.test(organisationId)) return [];
  return db
    .select({
      team: volunteerTeams,
      members: sql<number>`(SELECT count(*) FROM volunteer_team_members m WHERE m.team_id = volunteer_teams.id
        AND m.area_code = volunteer_teams.area_code AND m.status = 'active')`.mapWith(Number),
    })
    .from(volunteerTeams)
    .where(eq(volunteerTeams.organisationId, organisationId))
    .orderBy(asc(volunteerTeams.areaCode), asc(volunteerTeams.name))
    .limit(500);
}
