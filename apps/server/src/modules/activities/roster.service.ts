import {
  AttendanceInput,
  type CheckinCode,
  type ConfirmResult,
  type Roster,
} from '@linli/contracts/modules/activities';
import type { z } from 'zod';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { ROTATION_MS, issueRotatingCode } from '../../platform/signed-codes';
import { creditHours } from '../hours';
import { volunteerRefs } from '../volunteers';
import { lockActivity, rolesOf, updateActivity } from './activities.repository';
import type { ActivitiesService } from './activities.service';
import { rosterEntryDto, serviceMinutes } from './activity-view';
import {
  type ParticipationRow,
  countConfirmed,
  findParticipation,
  roster,
  unconfirmedAttended,
  updateParticipation,
} from './participations.repository';

type Attendance = z.input<typeof AttendanceInput>;

/**
 * The organiser's day-of tools: the rotating check-in code, the roster with manual ticks (for someone without a
 * phone), and the bulk confirmation that books service hours (谁组织谁记录) through the hours module.
 */
export class RosterService {
  constructor(
    private readonly ctx: AppContext,
    private readonly activities: ActivitiesService,
  ) {}

  async roster(actor: Actor, id: string): Promise<Roster> {
    const { row } = await this.activities.visible(actor, id, false);
    const rows = await roster(this.ctx.db, id);
    const refs = await volunteerRefs(
      this.ctx.db,
      rows.map((p) => p.volunteerId),
    );
    const roles = new Map((await rolesOf(this.ctx.db, [row.id])).map((r) => [r.id, r.name]));
    auditRead(this.ctx, actor, {
      action: 'activities.roster',
      objectType: 'activity',
      objectIds: [id],
      fields: ['volunteerName', 'state', 'checkedInAt', 'checkedOutAt'],
    });
    return {
      activityId: id,
      items: rows.map((p) => rosterEntryDto(p, refs.get(p.volunteerId)?.maskedName ?? '—', roles.get(p.roleId) ?? '')),
    };
  }

  /** The organiser ticks the roster: attended (with the times seen, for someone without a phone) or no-show. */
  async attendance(actor: Actor, participationId: string, input: Attendance): Promise<Roster> {
    const p = await findParticipation(this.ctx.db, participationId);
    if (!p) throw deniedNotFound(this.ctx, actor, 'activity_participation', [participationId], 'activities.not_found');
    const id = p.activityId;
    const { row } = await this.activities.visible(actor, id, true);
    if (row.status !== 'published' && row.status !== 'finished') throw new AppError('activities.invalid_state');
    if (p.confirmedAt) throw new AppError('activities.invalid_state');
    const now = this.ctx.clock.now();
    const noShow = { state: 'no_show' as const, checkedInAt: null, checkedOutAt: null, minutes: null };
    let times = null;
    if (input.state === 'attended') {
      const inAt = input.checkedInAt ? new Date(input.checkedInAt) : (p.checkedInAt ?? row.startsAt);
      // A time not yet served is never booked: a check-out seen is in the past, and a tick before the end leaves
      // the check-out open (the confirmation, allowed only after the end, closes it at the end).
      const outAt = input.checkedOutAt
        ? new Date(input.checkedOutAt)
        : (p.checkedOutAt ?? (row.endsAt <= now ? row.endsAt : null));
      if (outAt && outAt > now)
        throw new AppError('common.validation_failed', [
          { path: 'checkedOutAt', code: 'activities.checkout_in_future' },
        ]);
      if (outAt && outAt <= inAt)
        throw new AppError('common.validation_failed', [{ path: 'checkedOutAt', code: 'field.date_range' }]);
      times = {
        state: 'attended' as const,
        checkedInAt: inAt,
        checkedOutAt: outAt,
        minutes: outAt ? serviceMinutes(row, inAt, outAt) : null,
      };
    }
    await this.ctx.db.transaction(async (tx) => {
      const moved = await updateParticipation(tx, p, ['registered', 'attended', 'no_show'], {
        ...(times ?? noShow),
        attendanceBy: actor.userId,
        updatedAt: now,
      });
      if (!moved || moved.confirmedAt) throw new AppError('activities.invalid_state');
      await auditInTx(this.ctx, tx, actor, {
        action: 'activities.attendance',
        objectType: 'activity_participation',
        objectIds: [participationId],
        fields: ['state', 'checkedInAt', 'checkedOutAt', 'minutes'],
        detail: input.state,
      });
    });
    return this.roster(actor, id);
  }

  /**
   * Confirms attendance (bulk): every attended participation not yet confirmed (or those named) gets its service
   * time booked on the hours ledger in this transaction; the hours module emits its event there, so points follow.
   * A repeat confirms nothing twice: confirmed rows are skipped, and the hours ledger books one credit per
   * participation. Only after the activity's end: time not yet served is never booked. A roster tick made before
   * the end (check-out left open) is closed at the end; someone who checked in by scan but never out is skipped and
   * left for the organiser to set the times.
   */
  async confirm(actor: Actor, id: string, participationIds?: string[]): Promise<ConfirmResult> {
    const visible = await this.activities.visible(actor, id, true);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction(async (tx) => {
      const row = (await lockActivity(tx, visible.row))!;
      if (row.status !== 'published' && row.status !== 'finished') throw new AppError('activities.invalid_state');
      if (row.endsAt > now) throw new AppError('activities.not_ended');
      const due: ParticipationRow[] = [];
      const skipped: ConfirmResult['skipped'] = [];
      for (const p of await unconfirmedAttended(tx, { id, areaCode: row.areaCode }, participationIds)) {
        if (p.minutes !== null) due.push(p);
        else if (p.attendanceBy && p.checkedInAt && !p.checkedOutAt && p.checkedInAt < row.endsAt) {
          const minutes = serviceMinutes(row, p.checkedInAt, row.endsAt);
          await updateParticipation(tx, p, ['attended'], { checkedOutAt: row.endsAt, minutes, updatedAt: now });
          due.push({ ...p, checkedOutAt: row.endsAt, minutes });
        } else skipped.push({ participationId: p.id, reason: 'no_checkout' });
      }
      const alreadyConfirmed = await countConfirmed(tx, row, participationIds);
      for (const p of due) {
        const booked =
          p.minutes! > 0
            ? await creditHours(this.ctx, tx, {
                volunteerId: p.volunteerId,
                areaCode: row.areaCode,
                activityId: row.id,
                participationId: p.id,
                serviceDate: chinaToday(row.startsAt),
                minutes: p.minutes!,
                content: row.title,
                activityType: row.type,
                organiserName: row.organiserName,
                confirmedBy: actor.userId,
              })
            : null;
        await updateParticipation(tx, p, ['attended'], {
          confirmedAt: now,
          confirmedBy: actor.userId,
          hoursEntryId: booked?.entryId ?? null,
          updatedAt: now,
        });
      }
      if (row.status === 'published' && row.endsAt <= now)
        await updateActivity(tx, row, ['published'], { status: 'finished', updatedAt: now });
      await auditInTx(this.ctx, tx, actor, {
        action: 'activities.confirm',
        objectType: 'activity_participation',
        objectIds: due.map((p) => p.id),
        fields: ['confirmedAt', 'checkedOutAt', 'minutes'],
        detail: `activity ${id}`,
      });
      return { confirmed: due.length, alreadyConfirmed, skipped };
    });
  }

  /** The code the organiser's screen shows: it rotates every 30 s and is signed for this activity. */
  async checkinCode(actor: Actor, id: string): Promise<CheckinCode> {
    const { row } = await this.activities.visible(actor, id, true);
    if (row.status !== 'published') throw new AppError('activities.invalid_state');
    const code = issueRotatingCode(this.ctx.keys, 'activity.checkin', id, this.ctx.clock.now());
    return { code: code.code, rotatesAt: code.rotatesAt.toISOString(), periodSeconds: ROTATION_MS / 1000 };
  }
}
