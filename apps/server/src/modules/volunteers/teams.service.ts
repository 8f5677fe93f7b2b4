import { randomUUID } from 'node:crypto';
import type { TeamDetail, TeamInput, TeamList, TeamUpdateInput } from '@linli/contracts/modules/volunteers';
import type { z } from 'zod';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findOrganisationInScope } from '../organisations';
import { findArea } from '../org';
import { organisationNames } from './team-organisations.repository';
import { toMembership, toTeam } from './volunteer-view';
import { volunteersPolicy } from './volunteers.policy';
import {
  type MemberRow,
  type TeamRow,
  findTeamRow,
  findVolunteerRow,
  insertTeam,
  listTeamRows,
  teamNameTaken,
  updateTeam,
} from './volunteers.repository';
import { findMemberRow, insertMembership, membersOfTeam, transitionMembership } from './memberships.repository';

type Update = z.infer<typeof TeamUpdateInput>;

/** The answer for a team: its members, current and past (history kept: one row per spell). */
export async function loadTeamDetail(db: DbOrTx, actor: Actor, team: TeamRow): Promise<TeamDetail> {
  const [rows, names] = await Promise.all([membersOfTeam(db, team.id), organisationNames(db, [team.organisationId])]);
  const members = rows.map((r) => toMembership(r.member, team, r.volunteer));
  return { ...toTeam(actor, team, members.filter((m) => m.status === 'active').length, names), members };
}

/** Decides a join request, changes a role or ends a membership: shared by staff and (on /m) the team's leader. */
export async function changeMembership(
  ctx: AppContext,
  actor: Actor,
  member: MemberRow,
  change: { kind: 'decide'; approve: boolean } | { kind: 'role'; role: 'member' | 'leader' } | { kind: 'leave' },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    let ok: boolean;
    let action: 'volunteers.team_member_decide' | 'volunteers.team_member_role' | 'volunteers.team_member_leave';
    if (change.kind === 'decide') {
      action = 'volunteers.team_member_decide';
      ok = await transitionMembership(
        tx,
        member,
        ['requested'],
        change.approve
          ? { status: 'active', joinedOn: chinaToday(now), decidedBy: actor.userId, decidedAt: now }
          : { status: 'declined', decidedBy: actor.userId, decidedAt: now },
      );
    } else if (change.kind === 'role') {
      action = 'volunteers.team_member_role';
      ok = await transitionMembership(tx, member, ['active'], { role: change.role });
    } else {
      action = 'volunteers.team_member_leave';
      ok = await transitionMembership(tx, member, ['active', 'requested'], {
        status: member.status === 'requested' ? 'declined' : 'left',
        leftOn: member.status === 'requested' ? null : chinaToday(now),
        decidedBy: actor.userId,
        decidedAt: now,
      });
    }
    if (!ok) throw new AppError('volunteers.invalid_state');
    await auditInTx(ctx, tx, actor, {
      action,
      objectType: 'volunteer_membership',
      objectIds: [member.id, member.teamId, member.volunteerId],
      fields: ['status', 'role'],
      detail: change.kind === 'decide' ? String(change.approve) : change.kind === 'role' ? change.role : null,
    });
  });
}

/** Staff's teams: five colours per community, members with their joining and leaving dates. */
export class TeamsService {
  constructor(private readonly ctx: AppContext) {}

  async list(actor: Actor, query: { areaCode?: string | undefined; colour?: string | undefined }): Promise<TeamList> {
    if (query.areaCode && !volunteersPolicy.canRead(actor, query.areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const rows = await listTeamRows(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    const names = await organisationNames(
      this.ctx.db,
      rows.map((r) => r.team.organisationId),
    );
    return { items: rows.map((r) => toTeam(actor, r.team, r.members, names)) };
  }

  private async readable(actor: Actor, id: string): Promise<TeamRow> {
    const row = await findTeamRow(this.ctx.db, id);
    if (!row || !volunteersPolicy.canRead(actor, row.areaCode))
      throw deniedNotFound(this.ctx, actor, 'volunteer_team', [id], 'volunteers.not_found');
    return row;
  }

  private async manageable(actor: Actor, id: string): Promise<TeamRow> {
    const row = await this.readable(actor, id);
    if (!volunteersPolicy.canManage(actor, row.areaCode))
      throw deniedNotFound(this.ctx, actor, 'volunteer_team', [id], 'volunteers.not_found');
    return row;
  }

  async detail(actor: Actor, id: string, audit = true): Promise<TeamDetail> {
    const team = await this.readable(actor, id);
    const detail = await loadTeamDetail(this.ctx.db, actor, team);
    if (audit)
      auditRead(this.ctx, actor, {
        action: 'volunteers.read',
        objectType: 'volunteer_team',
        objectIds: [id],
        fields: ['members'],
      });
    return detail;
  }

  /**
   * A team's organisation must be an active partner the actor may read; an edit that keeps the team's organisation
   * as it is passes (a partnership disabled since still names its team). A foreign id answers like a missing one.
   */
  private async checkOrganisation(actor: Actor, organisationId: string | undefined, current?: string | null) {
    if (!organisationId || organisationId === current) return;
    const org = await findOrganisationInScope(this.ctx, null, actor, organisationId);
    if (!org || org.status !== 'active')
      throw new AppError('volunteers.not_found', [{ path: 'organisationId', code: 'field.invalid_value', params: {} }]);
  }

  async create(actor: Actor, input: TeamInput): Promise<TeamDetail> {
    const area = await findArea(this.ctx.db, input.areaCode);
    if (
      !area ||
      area.status !== 'active' ||
      area.level !== 'community' ||
      !volunteersPolicy.canManage(actor, area.code)
    )
      throw new AppError('area.not_found', [
        { path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } },
      ]);
    await this.checkOrganisation(actor, input.organisationId);
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      if (await teamNameTaken(tx, area.code, input.name)) throw new AppError('volunteers.team_name_taken');
      await insertTeam(tx, {
        id,
        areaCode: area.code,
        name: input.name,
        colour: input.colour,
        description: input.description ?? null,
        organisationId: input.organisationId ?? null,
        status: 'active',
        createdBy: actor.userId,
        createdAt: this.ctx.clock.now(),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'volunteers.team_create',
        objectType: 'volunteer_team',
        objectIds: [id],
        fields: ['name', 'colour'],
      });
    });
    return this.detail(actor, id, false);
  }

  async update(actor: Actor, id: string, input: Update): Promise<TeamDetail> {
    const team = await this.manageable(actor, id);
    await this.checkOrganisation(actor, input.organisationId, team.organisationId);
    await this.ctx.db.transaction(async (tx) => {
      if (await teamNameTaken(tx, team.areaCode, input.name, id)) throw new AppError('volunteers.team_name_taken');
      await updateTeam(tx, id, {
        name: input.name,
        colour: input.colour,
        description: input.description ?? null,
        organisationId: input.organisationId ?? null,
        ...(input.status ? { status: input.status } : {}),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'volunteers.team_update',
        objectType: 'volunteer_team',
        objectIds: [id],
        fields: ['name', 'colour', 'description', 'organisationId', 'status'],
      });
    });
    return this.detail(actor, id, false);
  }

  async addMember(actor: Actor, id: string, input: { volunteerId: string; role: 'member' | 'leader' }) {
    const team = await this.manageable(actor, id);
    const volunteer = await findVolunteerRow(this.ctx.db, input.volunteerId);
    if (!volunteer || !volunteersPolicy.canRead(actor, volunteer.areaCode))
      throw new AppError('volunteers.not_found', [{ path: 'volunteerId', code: 'field.invalid_value', params: {} }]);
    if (volunteer.status !== 'active') throw new AppError('volunteers.not_volunteer');
    const memberId = randomUUID();
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const added = await insertMembership(tx, {
        id: memberId,
        areaCode: team.areaCode,
        teamId: team.id,
        volunteerId: volunteer.id,
        role: input.role,
        status: 'active',
        joinedOn: chinaToday(now),
        requestedAt: now,
        decidedBy: actor.userId,
        decidedAt: now,
      });
      if (!added) throw new AppError('volunteers.already_member');
      await auditInTx(this.ctx, tx, actor, {
        action: 'volunteers.team_member_add',
        objectType: 'volunteer_membership',
        objectIds: [memberId, team.id, volunteer.id],
        fields: ['role'],
      });
    });
    return this.detail(actor, id, false);
  }

  private async member(actor: Actor, memberId: string): Promise<MemberRow> {
    const member = await findMemberRow(this.ctx.db, memberId);
    const team = member ? await findTeamRow(this.ctx.db, member.teamId) : null;
    if (!member || !team || !volunteersPolicy.canManage(actor, team.areaCode))
      throw deniedNotFound(this.ctx, actor, 'volunteer_membership', [memberId], 'volunteers.not_found');
    return member;
  }

  async decide(actor: Actor, memberId: string, approve: boolean) {
    const member = await this.member(actor, memberId);
    await changeMembership(this.ctx, actor, member, { kind: 'decide', approve });
    return this.detail(actor, member.teamId, false);
  }

  async setRole(actor: Actor, memberId: string, role: 'member' | 'leader') {
    const member = await this.member(actor, memberId);
    await changeMembership(this.ctx, actor, member, { kind: 'role', role });
    return this.detail(actor, member.teamId, false);
  }

  async endMembership(actor: Actor, memberId: string) {
    const member = await this.member(actor, memberId);
    await changeMembership(this.ctx, actor, member, { kind: 'leave' });
    return this.detail(actor, member.teamId, false);
  }
}
