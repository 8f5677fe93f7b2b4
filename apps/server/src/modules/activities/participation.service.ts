import { randomUUID } from 'node:crypto';
import {
  CHECKIN_OPENS_BEFORE_MINUTES,
  CHECKOUT_GRACE_MINUTES,
  type CheckinResult,
  type OpenActivity,
  type OpenActivityList,
} from '@linli/contracts/modules/activities';
import { type Actor, codeInPrefixes, scopePrefix } from '../../platform/access';
import { type AppContext, auditInTx, auditNow, auditEvent, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { verifyRotatingCode } from '../../platform/signed-codes';
import { type VolunteerRef, findVolunteerByUser } from '../volunteers';
import {
  type ActivityRow,
  activitiesByIds,
  findActivity,
  findActivityIn,
  findRole,
  listOpenActivities,
  lockRole,
  lockVolunteer,
  releaseSeat,
  rolesOf,
  takeSeat,
} from './activities.repository';
import {
  type ParticipationRow,
  findClash,
  findLiveParticipation,
  findLiveParticipationIn,
  firstWaitlisted,
  insertParticipation,
  myParticipations,
  participationsOf,
  updateParticipation,
  waitlistPosition,
} from './participations.repository';
import { activityFields, myParticipationDto, serviceMinutes, shanghaiTime } from './activity-view';

const MINUTE = 60_000;

/**
 * The volunteer's side on /m: the open activities, sign-up (a seat, or the waitlist when the role is full; a clash
 * with another sign-up is refused), cancellation (which moves the first of the waitlist up in the same transaction),
 * and check-in/out by scanning the organiser's rotating code.
 */
export class ParticipationService {
  constructor(private readonly ctx: AppContext) {}

  private now() {
    return this.ctx.clock.now();
  }

  private async volunteer(actor: Actor): Promise<VolunteerRef | null> {
    return findVolunteerByUser(this.ctx.db, actor.userId, actor.areaCodes);
  }

  private async activeVolunteer(actor: Actor): Promise<VolunteerRef> {
    const v = await this.volunteer(actor);
    if (!v || v.status !== 'active') throw new AppError('activities.not_volunteer');
    return v;
  }

  /** The areas whose activities a resident sees: their own jurisdiction and their home community as a volunteer. */
  private prefixes(actor: Actor, v: VolunteerRef | null): string[] {
    return [...new Set([...actor.scopePrefixes, ...(v ? [scopePrefix(v.areaCode)] : [])])];
  }

  private async openDtos(rows: ActivityRow[], v: VolunteerRef | null): Promise<OpenActivity[]> {
    const roles = await rolesOf(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    const mine = v
      ? await participationsOf(
          this.ctx.db,
          v.id,
          rows.map((r) => r.id),
        )
      : [];
    const now = this.now();
    const out: OpenActivity[] = [];
    for (const r of rows) {
      const p = mine.find((m) => m.activityId === r.id && m.state !== 'cancelled') ?? null;
      out.push({
        ...activityFields(r, roles),
        signupOpen: r.status === 'published' && r.signupOpensAt <= now && r.signupClosesAt > now && r.startsAt > now,
        mine: p
          ? myParticipationDto(p, p.state === 'waitlisted' ? await waitlistPosition(this.ctx.db, p) : null)
          : null,
      });
    }
    return out;
  }

  async open(actor: Actor, query: { page: number; pageSize: number }): Promise<OpenActivityList> {
    const v = await this.volunteer(actor);
    const { rows, total } = await listOpenActivities(
      this.ctx.db,
      this.prefixes(actor, v),
      this.now(),
      query.page,
      query.pageSize,
    );
    return { items: await this.openDtos(rows, v), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string): Promise<OpenActivity> {
    const v = await this.volunteer(actor);
    const row = await findActivity(this.ctx.db, id);
    const mine = row && v ? await findLiveParticipation(this.ctx.db, id, v.id) : null;
    const ok = row && row.status !== 'draft' && (codeInPrefixes(row.areaCode, this.prefixes(actor, v)) || mine);
    if (!row || !ok) throw deniedNotFound(this.ctx, actor, 'activity', [id], 'activities.not_found');
    return (await this.openDtos([row], v))[0]!;
  }

  async mine(
    actor: Actor,
    query: { when: 'upcoming' | 'past'; page: number; pageSize: number },
  ): Promise<OpenActivityList> {
    const v = await this.volunteer(actor);
    if (!v) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const { rows, total } = await myParticipations(
      this.ctx.db,
      v.id,
      query.when,
      this.now(),
      query.page,
      query.pageSize,
    );
    const byId = new Map(
      (
        await activitiesByIds(
          this.ctx.db,
          rows.map((p) => p.activityId),
        )
      ).map((a) => [a.id, a]),
    );
    auditRead(this.ctx, actor, {
      action: 'activities.mine',
      objectType: 'activity_participation',
      objectIds: rows.map((p) => p.id),
    });
    const items = await this.openDtos(rows.map((p) => byId.get(p.activityId)!).filter(Boolean), v);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Signs the volunteer up for a role: a seat while there is one, else the role's waitlist. */
  async signup(actor: Actor, id: string, roleId: string): Promise<OpenActivity> {
    const v = await this.activeVolunteer(actor);
    const seen = await this.detail(actor, id);
    const now = this.now();
    await this.ctx.db.transaction(async (tx) => {
      // One volunteer's sign-ups one at a time (the clash check reads before it writes).
      await lockVolunteer(tx, v.id);
      const row = (await findActivity(tx, id))!;
      const open =
        row.status === 'published' && row.signupOpensAt <= now && row.signupClosesAt > now && row.startsAt > now;
      if (!open) throw new AppError('activities.signup_closed');
      const role = await findRole(tx, id, roleId);
      if (!role) throw new AppError('activities.not_found', [{ path: 'roleId', code: 'field.invalid_format' }]);
      if (await findLiveParticipation(tx, id, v.id)) throw new AppError('activities.already_signed_up');
      const clash = await findClash(tx, v.id, id, row.startsAt, row.endsAt);
      if (clash)
        throw new AppError('activities.clash', [
          {
            path: 'roleId',
            code: 'activities.clash_with',
            params: { title: clash.title, time: `${shanghaiTime(clash.startsAt)}–${shanghaiTime(clash.endsAt)}` },
          },
        ]);
      const seated = await takeSeat(tx, role);
      const pid = randomUUID();
      await insertParticipation(tx, {
        id: pid,
        activityId: id,
        roleId: role.id,
        areaCode: row.areaCode,
        volunteerId: v.id,
        userId: actor.userId,
        state: seated ? 'registered' : 'waitlisted',
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        registeredAt: now,
        waitlistedAt: seated ? null : now,
        updatedAt: now,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: seated ? 'activities.signup' : 'activities.waitlist',
        objectType: 'activity_participation',
        objectIds: [pid],
        fields: ['state'],
        detail: `activity ${seen.id}`,
      });
    });
    return this.detail(actor, id);
  }

  /**
   * The volunteer cancels their sign-up before the start. A seat given back goes to the first of the role's waitlist
   * in the same transaction (they are told); with nobody waiting it is free again.
   */
  async cancel(actor: Actor, id: string): Promise<OpenActivity> {
    const v = await this.activeVolunteer(actor);
    const now = this.now();
    await this.ctx.db.transaction(async (tx) => {
      const p = await findLiveParticipation(tx, id, v.id);
      if (!p) throw new AppError('activities.not_signed_up');
      if (p.startsAt <= now || (p.state !== 'registered' && p.state !== 'waitlisted'))
        throw new AppError('activities.invalid_state');
      await lockRole(tx, p.roleId);
      const cancelled = await updateParticipation(tx, p, [p.state], {
        state: 'cancelled',
        cancelledAt: now,
        updatedAt: now,
      });
      if (!cancelled) throw new AppError('activities.invalid_state');
      await auditInTx(this.ctx, tx, actor, {
        action: 'activities.signup_cancel',
        objectType: 'activity_participation',
        objectIds: [p.id],
        fields: ['state'],
      });
      if (p.state === 'registered') await this.promote(tx, actor, p, now);
    });
    return this.detail(actor, id);
  }

  private async promote(tx: Parameters<typeof firstWaitlisted>[0], actor: Actor, freed: ParticipationRow, now: Date) {
    const next = await firstWaitlisted(tx, { id: freed.roleId, areaCode: freed.areaCode });
    if (!next) {
      await releaseSeat(tx, { id: freed.roleId, areaCode: freed.areaCode });
      return;
    }
    await updateParticipation(tx, next, ['waitlisted'], { state: 'registered', promotedAt: now, updatedAt: now });
    const activity = (await findActivity(tx, freed.activityId))!;
    await this.ctx.notifier.notify(tx, {
      userIds: [next.userId],
      event: 'activity.promoted',
      objectType: 'activity',
      objectId: activity.id,
      link: `/m/activities/${activity.id}`,
      areaCode: activity.areaCode,
      params: { title: activity.title },
    });
    await auditInTx(this.ctx, tx, actor, {
      action: 'activities.promote',
      objectType: 'activity_participation',
      objectIds: [next.id],
      fields: ['state'],
      detail: `seat of ${freed.id}`,
    });
  }

  private async refuse(actor: Actor, code: 'activities.code_invalid' | 'activities.code_stale', detail: string) {
    await auditNow(
      this.ctx,
      auditEvent(actor, { action: 'activities.checkin_refused', objectType: 'activity', result: 'denied', detail }),
    );
    return new AppError(code);
  }

  /**
   * A scan of the organiser's code: check-in when not checked in, else check-out. The code must be signed for an
   * activity, from the current window (or the one before), and each window serves one scan per volunteer: a
   * check-out needs a later window than the check-in, so the same code scanned twice (a replay) is refused.
   */
  async checkin(actor: Actor, code: string): Promise<CheckinResult> {
    const v = await this.activeVolunteer(actor);
    const now = this.now();
    const verified = verifyRotatingCode(this.ctx.keys, 'activity.checkin', code, now);
    if (!verified.ok)
      throw await this.refuse(
        actor,
        verified.reason === 'stale' ? 'activities.code_stale' : 'activities.code_invalid',
        verified.reason,
      );
    const activityId = verified.subject;
    return this.ctx.db.transaction(async (tx) => {
      // Most volunteers serve in their own community: the activity is looked for there first.
      const row = await findActivityIn(tx, activityId, [v.areaCode]);
      if (!row || row.status !== 'published') throw new AppError('activities.invalid_state');
      const p = await findLiveParticipationIn(tx, row, v.id);
      if (!p || p.state === 'waitlisted') throw new AppError('activities.not_signed_up');
      if (p.confirmedAt) throw new AppError('activities.already_checked_out');
      if (!p.checkedInAt) {
        const opens = row.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE;
        if (now.getTime() < opens || now >= row.endsAt) throw new AppError('activities.checkin_closed');
        const moved = await updateParticipation(
          tx,
          p,
          ['registered', 'attended', 'no_show'],
          { state: 'attended', checkedInAt: now, checkInWindow: verified.window, updatedAt: now },
          'not_checked_in',
        );
        if (!moved) throw new AppError('activities.code_replayed');
        await auditInTx(this.ctx, tx, actor, {
          action: 'activities.checkin',
          objectType: 'activity_participation',
          objectIds: [p.id],
          fields: ['checkedInAt'],
        });
        return { activityId, title: row.title, step: 'checked_in' as const, at: now.toISOString(), minutes: null };
      }
      if (p.checkedOutAt) throw new AppError('activities.already_checked_out');
      if ((p.checkInWindow ?? 0) >= verified.window) throw new AppError('activities.code_replayed');
      if (now.getTime() > row.endsAt.getTime() + CHECKOUT_GRACE_MINUTES * MINUTE)
        throw new AppError('activities.checkin_closed');
      const minutes = serviceMinutes(row, p.checkedInAt, now);
      const moved = await updateParticipation(
        tx,
        p,
        ['attended'],
        { checkedOutAt: now, checkOutWindow: verified.window, minutes, updatedAt: now },
        'not_checked_out',
      );
      if (!moved) throw new AppError('activities.code_replayed');
      await auditInTx(this.ctx, tx, actor, {
        action: 'activities.checkout',
        objectType: 'activity_participation',
        objectIds: [p.id],
        fields: ['checkedOutAt', 'minutes'],
      });
      return { activityId, title: row.title, step: 'checked_out' as const, at: now.toISOString(), minutes };
    });
  }
}
