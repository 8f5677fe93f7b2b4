import type { TeamDetail, TeamList } from '@linli/contracts/modules/volunteers';
import type { Actor } from '../../platform/access';
import { type AppContext, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { organisationOfUser } from '../partners';
import { organisationNames, organisationTeamRows } from './team-organisations.repository';
import { changeMembership, loadTeamDetail } from './teams.service';
import { toTeam } from './volunteer-view';
import { volunteersPolicy } from './volunteers.policy';
import { type TeamRow, findTeamRow } from './volunteers.repository';
import { findMemberRow } from './memberships.repository';

/**
 * A partner member's 我们的志愿队伍: the teams staff linked to its organisation (the partner register's), read-only
 * with the members' names masked, and their join requests to approve or decline as a team leader does. The
 * organisation is read from the account at each request (a member moved, or a partnership disabled, takes effect at
 * once); an account without an active one, and any team not its organisation's, get the answer a missing one gets.
 */
export class PartnerTeamsService {
  constructor(private readonly ctx: AppContext) {}

  private async organisationId(actor: Actor): Promise<string> {
    const org = await organisationOfUser(this.ctx.db, actor.userId);
    if (!org || org.status !== 'active')
      throw deniedNotFound(this.ctx, actor, 'user', [actor.userId], 'volunteers.not_found');
    return org.id;
  }

  /** The team when it is the organisation's, else null (callers answer like a missing id). */
  private async ownTeam(actor: Actor, organisationId: string, teamId: string): Promise<TeamRow | null> {
    const team = await findTeamRow(this.ctx.db, teamId);
    return team && volunteersPolicy.isOrganisationTeam(actor, team, organisationId) ? team : null;
  }

  /** The detail with the one thing a partner may do: decide join requests while the team is active. */
  private async answer(actor: Actor, team: TeamRow): Promise<TeamDetail> {
    const detail = await loadTeamDetail(this.ctx.db, actor, team);
    return { ...detail, allowedActions: team.status === 'active' ? ['decide'] : [] };
  }

  async list(actor: Actor): Promise<TeamList> {
    const organisationId = await this.organisationId(actor);
    const rows = await organisationTeamRows(this.ctx.db, organisationId);
    const names = await organisationNames(this.ctx.db, [organisationId]);
    return {
      items: rows.map((r) => ({
        ...toTeam(actor, r.team, r.members, names),
        allowedActions: r.team.status === 'active' ? ['decide'] : [],
      })),
    };
  }

  async detail(actor: Actor, id: string): Promise<TeamDetail> {
    const team = await this.ownTeam(actor, await this.organisationId(actor), id);
    if (!team) throw deniedNotFound(this.ctx, actor, 'volunteer_team', [id], 'volunteers.not_found');
    auditRead(this.ctx, actor, {
      action: 'volunteers.read',
      objectType: 'volunteer_team',
      objectIds: [id],
      fields: ['members'],
    });
    return this.answer(actor, team);
  }

  async decide(actor: Actor, memberId: string, approve: boolean): Promise<TeamDetail> {
    const organisationId = await this.organisationId(actor);
    const member = await findMemberRow(this.ctx.db, memberId);
    const team = member ? await this.ownTeam(actor, organisationId, member.teamId) : null;
    if (!member || !team)
      throw deniedNotFound(this.ctx, actor, 'volunteer_membership', [memberId], 'volunteers.not_found');
    if (team.status !== 'active') throw new AppError('volunteers.invalid_state');
    await changeMembership(this.ctx, actor, member, { kind: 'decide', approve });
    return this.answer(actor, team);
  }
}
