import type { Activity, ActivityRole, MyParticipation, RosterEntry } from '@linli/contracts/modules/activities';
import type { ActivityRow, ParticipationRow, RoleRow } from './activities.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export type RoleWithWaitlist = RoleRow & { waitlisted: number };

export function roleDto(r: RoleWithWaitlist): ActivityRole {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    capacity: r.capacity,
    registered: r.registeredCount,
    waitlisted: r.waitlisted,
  };
}

export function activityFields(row: ActivityRow, roles: RoleWithWaitlist[]): Omit<Activity, 'allowedActions'> {
  return {
    id: row.id,
    areaCode: row.areaCode,
    seriesId: row.seriesId,
    teamId: row.teamId,
    teamName: row.teamName,
    organiserName: row.organiserName,
    title: row.title,
    description: row.description,
    type: row.type as Activity['type'],
    placeId: row.placeId,
    placeName: row.placeName,
    address: row.address,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    recurrence: row.recurrence,
    signupOpensAt: row.signupOpensAt.toISOString(),
    signupClosesAt: row.signupClosesAt.toISOString(),
    requirements: row.requirements,
    servesKind: row.servesKind,
    servesId: row.servesId,
    servesRef: row.servesRef,
    status: row.status,
    roles: roles.filter((r) => r.activityId === row.id).map(roleDto),
    createdAt: row.createdAt.toISOString(),
  };
}

export function myParticipationDto(p: ParticipationRow, waitlistPosition: number | null): MyParticipation {
  return {
    id: p.id,
    roleId: p.roleId,
    state: p.state,
    waitlistPosition,
    checkedInAt: iso(p.checkedInAt),
    checkedOutAt: iso(p.checkedOutAt),
    minutes: p.minutes,
    confirmedAt: iso(p.confirmedAt),
  };
}

export function rosterEntryDto(p: ParticipationRow, volunteerName: string, roleName: string): RosterEntry {
  return {
    id: p.id,
    volunteerId: p.volunteerId,
    volunteerName,
    roleId: p.roleId,
    roleName,
    state: p.state,
    registeredAt: p.registeredAt.toISOString(),
    waitlistedAt: iso(p.waitlistedAt),
    cancelledAt: iso(p.cancelledAt),
    checkedInAt: iso(p.checkedInAt),
    checkedOutAt: iso(p.checkedOutAt),
    minutes: p.minutes,
    confirmedAt: iso(p.confirmedAt),
    hoursEntryId: p.hoursEntryId,
  };
}

/** Service time: check-out − check-in, counted only inside the activity's own times (travel is not service). */
export function serviceMinutes(
  activity: Pick<ActivityRow, 'startsAt' | 'endsAt'>,
  checkedInAt: Date,
  checkedOutAt: Date,
): number {
  const from = Math.max(checkedInAt.getTime(), activity.startsAt.getTime());
  const to = Math.min(checkedOutAt.getTime(), activity.endsAt.getTime());
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** A time as China reads it (3/9 09:00), for messages. */
export const shanghaiTime = (d: Date) =>
  d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
