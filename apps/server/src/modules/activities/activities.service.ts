import { randomUUID } from 'node:crypto';
import {
  type Activity,
  type ActivityCreated,
  type ActivityList,
  type LeadOverview,
  ActivityInput,
} from '@linli/contracts/modules/activities';
import type { FieldIssue } from '@linli/contracts';
import type { z } from 'zod';
import { type Actor, scopeCommunities } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { visibleClientRef } from '../care';
import { findArea } from '../org';
import { findPlaceInCommunity } from '../places';
import { type TeamRef, findTeamInScope, teamsLedBy } from '../volunteers';
import { WishesService } from '../wishes';
import { activitiesPolicy, organiserActions } from './activities.policy';
import {
  type ActivityRow,
  findActivity,
  findActivityIn,
  insertActivities,
  insertRoles,
  listActivities,
  rolesOf,
  updateActivity,
} from './activities.repository';
import { activityFields } from './activity-view';
import { occurrenceRows } from './activity-series';
import { cancelAllLive, liveParticipations } from './participations.repository';

type CreateInput = z.output<typeof ActivityInput>;

/**
 * The organiser's side of activities: staff of the community, or a team leader for the team's activities. Publish
 * (one-off or a series), edit, cancel, the roster with manual ticks, the rotating check-in code, and the bulk
 * confirmation that books service hours (谁组织谁记录) through the hours module.
 */
export class ActivitiesService {
  constructor(private readonly ctx: AppContext) {}

  private now() {
    return this.ctx.clock.now();
  }

  /** The ids of the teams a resident leads (none for staff). */
  private async ledTeams(actor: Actor, db: DbOrTx = this.ctx.db): Promise<TeamRef[]> {
    return actor.roles.includes('resident') ? teamsLedBy(db, actor.userId) : [];
  }

  private async dtos(actor: Actor, rows: ActivityRow[], led: readonly string[]): Promise<Activity[]> {
    const roles = await rolesOf(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    const now = this.now();
    return rows.map((r) => ({
      ...activityFields(r, roles),
      allowedActions: organiserActions(r, activitiesPolicy.canOrganise(actor, r, led), now),
    }));
  }

  /** An activity the actor may see as staff or organise as a leader, else 404 (audited). */
  async visible(actor: Actor, id: string, organise: boolean): Promise<{ row: ActivityRow; led: string[] }> {
    const row = await findActivityIn(this.ctx.db, id, scopeCommunities(actor.scopePrefixes));
    const led = (await this.ledTeams(actor)).map((t) => t.id);
    const ok = row && (organise ? activitiesPolicy.canOrganise(actor, row, led) : activitiesPolicy.canRead(actor, row));
    const leaderReads = row && !organise && activitiesPolicy.canOrganise(actor, row, led);
    if (!row || !(ok || leaderReads)) throw deniedNotFound(this.ctx, actor, 'activity', [id], 'activities.not_found');
    return { row, led };
  }

  async list(
    actor: Actor,
    query: {
      areaCode?: string | undefined;
      status?: ActivityRow['status'] | undefined;
      teamId?: string | undefined;
      when: 'upcoming' | 'past' | 'all';
      page: number;
      pageSize: number;
    },
  ): Promise<ActivityList> {
    if (query.areaCode && !activitiesPolicy.canRead(actor, { areaCode: query.areaCode }))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listActivities(
      this.ctx.db,
      { prefixes: actor.scopePrefixes, ...query, now: this.now() },
      query.page,
      query.pageSize,
    );
    auditRead(this.ctx, actor, { action: 'activities.list', objectType: 'activity', objectIds: rows.map((r) => r.id) });
    return { items: await this.dtos(actor, rows, []), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<Activity> {
    const { row, led } = await this.visible(actor, id, false);
    if (audit) auditRead(this.ctx, actor, { action: 'activities.read', objectType: 'activity', objectIds: [id] });
    return (await this.dtos(actor, [row], led))[0]!;
  }

  /** A team leader's overview on /m: the teams they lead and those teams' activities (newest first). */
  async leadOverview(actor: Actor): Promise<LeadOverview> {
    const teams = await this.ledTeams(actor);
    const led = teams.map((t) => t.id);
    const { rows } = await listActivities(
      this.ctx.db,
      { prefixes: [''], teamIds: led, when: 'all', now: this.now() },
      1,
      100,
    );
    auditRead(this.ctx, actor, { action: 'activities.list', objectType: 'activity', objectIds: rows.map((r) => r.id) });
    return {
      teams: teams.map((t) => ({ id: t.id, name: t.name, areaCode: t.areaCode, colour: t.colour })),
      activities: await this.dtos(actor, rows, led),
    };
  }

  /** Who organises: staff of the area, or the leader of the team named (whose community it must be). */
  private async organiser(actor: Actor, input: CreateInput) {
    const areaUnknown = () =>
      new AppError('area.not_found', [{ path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } }]);
    const teamUnknown = () =>
      new AppError('activities.not_found', [{ path: 'teamId', code: 'activities.team_unknown' }]);
    const community = async () => {
      const area = await findArea(this.ctx.db, input.areaCode);
      if (!area || area.status !== 'active' || area.level !== 'community') throw areaUnknown();
      return area;
    };
    // Scope first, from the code alone: an area outside it is answered as one that does not exist.
    if (activitiesPolicy.canManageIn(actor, input.areaCode)) {
      const area = await community();
      const team = input.teamId ? await findTeamInScope(this.ctx.db, actor, input.teamId) : null;
      if (input.teamId && !team) throw teamUnknown();
      return { kind: 'staff' as const, area, team, name: area.name };
    }
    if (!activitiesPolicy.isExternal(actor) || !actor.roles.includes('resident')) throw areaUnknown();
    const team = (await this.ledTeams(actor)).find((t) => t.id === input.teamId);
    if (!team) throw new AppError('activities.not_leader', [{ path: 'teamId', code: 'activities.team_unknown' }]);
    if (team.areaCode !== input.areaCode) throw areaUnknown();
    const area = await community();
    return { kind: 'team_leader' as const, area, team, name: team.name };
  }

  /** What the activity serves: a wish or a client the staff actor may see (scope-checked), or a project reference. */
  private async serves(actor: Actor, input: CreateInput, leader: boolean) {
    const unknown = () =>
      new AppError('activities.not_found', [{ path: 'servesId', code: 'activities.serves_unknown' }]);
    if (input.servesKind === 'none') return { servesId: null, servesRef: '' };
    if (input.servesKind === 'project') {
      if (!input.servesRef)
        throw new AppError('common.validation_failed', [{ path: 'servesRef', code: 'field.required' }]);
      return { servesId: null, servesRef: input.servesRef };
    }
    if (leader || !input.servesId) throw unknown();
    try {
      if (input.servesKind === 'wish') await new WishesService(this.ctx).detail(actor, input.servesId, false);
      else await visibleClientRef(this.ctx, actor, input.servesId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw unknown();
      throw error;
    }
    return { servesId: input.servesId, servesRef: '' };
  }

  async create(actor: Actor, input: CreateInput): Promise<ActivityCreated> {
    const who = await this.organiser(actor, input);
    const served = await this.serves(actor, input, who.kind === 'team_leader');
    const place = input.placeId ? await findPlaceInCommunity(this.ctx.db, who.area.code, input.placeId) : null;
    if (input.placeId && !place)
      throw new AppError('common.validation_failed', [{ path: 'placeId', code: 'activities.place_unknown' }]);
    const now = this.now();
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const opensAt = input.signupOpensAt ? new Date(input.signupOpensAt) : now;
    const closesAt = input.signupClosesAt ? new Date(input.signupClosesAt) : startsAt;
    const issues: FieldIssue[] = [];
    if (closesAt < opensAt) issues.push({ path: 'signupClosesAt', code: 'activities.window_order' });
    if (closesAt > endsAt) issues.push({ path: 'signupClosesAt', code: 'field.date_range' });
    if (input.recurrence !== 'none' && input.repeatUntil && new Date(input.repeatUntil) < startsAt)
      issues.push({ path: 'repeatUntil', code: 'field.date_range' });
    if (issues.length) throw new AppError('common.validation_failed', issues);

    const rows = occurrenceRows(
      input,
      { startsAt, endsAt, opensAt, closesAt, now },
      {
        ...who,
        ...served,
        place,
        userId: actor.userId,
      },
    );
    await this.ctx.db.transaction(async (tx) => {
      await insertActivities(tx, rows);
      await insertRoles(
        tx,
        rows.flatMap((a) =>
          input.roles.map((r, position) => ({
            id: randomUUID(),
            activityId: a.id,
            areaCode: a.areaCode,
            position,
            name: r.name,
            description: r.description,
            capacity: r.capacity,
            registeredCount: 0,
          })),
        ),
      );
      await auditInTx(this.ctx, tx, actor, {
        action: 'activities.create',
        objectType: 'activity',
        objectIds: rows.map((r) => r.id),
        fields: ['title', 'startsAt', 'roles'],
        detail: input.recurrence === 'none' ? null : `${input.recurrence} x${rows.length}`,
      });
    });
    const first = (
      await this.dtos(actor, [(await findActivity(this.ctx.db, rows[0]!.id))!], who.team ? [who.team.id] : [])
    )[0]!;
    return { ...first, occurrenceIds: rows.map((r) => r.id) };
  }

  async update(
    actor: Actor,
    id: string,
    patch: { title?: string; description?: string; requirements?: string; address?: string; signupClosesAt?: string },
  ): Promise<Activity> {
    const { row } = await this.visible(actor, id, true);
    const closes = patch.signupClosesAt ? new Date(patch.signupClosesAt) : undefined;
    if (closes && (closes < row.signupOpensAt || closes > row.endsAt))
      throw new AppError('common.validation_failed', [{ path: 'signupClosesAt', code: 'field.date_range' }]);
    await this.ctx.db.transaction(async (tx) => {
      const { signupClosesAt: _ignored, ...text } = patch;
      const moved = await updateActivity(tx, row, ['draft', 'published'], {
        ...text,
        ...(closes ? { signupClosesAt: closes } : {}),
        updatedAt: this.now(),
      });
      if (!moved) throw new AppError('activities.invalid_state');
      await auditInTx(this.ctx, tx, actor, {
        action: 'activities.update',
        objectType: 'activity',
        objectIds: [id],
        fields: Object.keys(patch),
      });
    });
    return this.detail(actor, id, false);
  }

  async publish(actor: Actor, id: string): Promise<Activity> {
    const { row } = await this.visible(actor, id, true);
    await this.ctx.db.transaction(async (tx) => {
      if (!(await updateActivity(tx, row, ['draft'], { status: 'published', updatedAt: this.now() })))
        throw new AppError('activities.invalid_state');
      await auditInTx(this.ctx, tx, actor, { action: 'activities.publish', objectType: 'activity', objectIds: [id] });
    });
    return this.detail(actor, id, false);
  }

  /** Cancels an activity that has not ended: every live sign-up is cancelled and told. */
  async cancel(actor: Actor, id: string, reason: string): Promise<Activity> {
    const { row } = await this.visible(actor, id, true);
    const now = this.now();
    if (row.endsAt <= now) throw new AppError('activities.invalid_state');
    await this.ctx.db.transaction(async (tx) => {
      const moved = await updateActivity(tx, row, ['draft', 'published'], {
        status: 'cancelled',
        cancelReason: reason,
        updatedAt: now,
      });
      if (!moved) throw new AppError('activities.invalid_state');
      const live = await liveParticipations(tx, id);
      await cancelAllLive(tx, id, now);
      if (live.length)
        await this.ctx.notifier.notify(tx, {
          userIds: [...new Set(live.map((p) => p.userId))],
          event: 'activity.cancelled',
          objectType: 'activity',
          objectId: id,
          link: `/m/activities/${id}`,
          areaCode: row.areaCode,
          params: { title: row.title },
        });
      await auditInTx(this.ctx, tx, actor, {
        action: 'activities.cancel',
        objectType: 'activity',
        objectIds: [id],
        fields: ['status', 'cancelReason'],
        detail: reason,
      });
    });
    return this.detail(actor, id, false);
  }
}
