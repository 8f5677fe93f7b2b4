import { randomUUID } from 'node:crypto';
import { ActivityInput } from '@linli/contracts/modules/activities';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { findUserById, findUserByUsername, seedActorOf } from '../users';
import { type VolunteerRef, VolunteersService, teamsLedBy, volunteerRefs } from '../volunteers';
import { findActivity, takeSeat } from './activities.repository';
import { insertParticipation } from './participations.repository';
import { ActivitiesService } from './activities.service';
import { serviceMinutes } from './activity-view';
import { type DemoActivity, FUTURE, PAST } from './activities-demo-data';
import { ParticipationService } from './participation.service';
import { RosterService } from './roster.service';

export interface VolunteerDemoAreas {
  districtCode: string;
  streetCode: string;
  communityA: string;
  communityB: string;
  /** The demo community supervisor (staff who confirm, approve, stock). */
  createdBy: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 09:00 China time `days` from today (negative: in the past). */
function at(now: Date, days: number, hour = 9): Date {
  const china = new Date(now.getTime() + 8 * HOUR);
  const day = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate());
  return new Date(day + days * DAY + (hour - 8) * HOUR);
}

function input(a: DemoActivity, areaCode: string, now: Date, teamId: string | null = null) {
  const startsAt = at(now, a.days, a.hour);
  const endsAt = new Date(startsAt.getTime() + a.hours * HOUR);
  return ActivityInput.parse({
    areaCode,
    teamId,
    title: a.title,
    type: a.type,
    address: a.address,
    description: a.description,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    signupOpensAt: new Date(startsAt.getTime() - 14 * DAY).toISOString(),
    roles: a.roles,
  });
}

interface Cast {
  ctx: AppContext;
  areas: VolunteerDemoAreas;
  staffA: Actor;
  staffB: Actor;
  volunteers: VolunteerRef[];
  organiser: ActivitiesService;
  now: Date;
}

const staffOf = (c: Cast, community: string) => (community === c.areas.communityA ? c.staffA : c.staffB);
const poolOf = (c: Cast, community: string) => c.volunteers.filter((v) => v.areaCode === community);

/** Past: volunteers checked in and out on site, one no-show now and then; the worker then confirms the roster. */
async function seedPast(c: Cast): Promise<void> {
  const roster = new RosterService(c.ctx, c.organiser);
  for (const [i, a] of PAST.entries()) {
    const community = i % 3 === 2 ? c.areas.communityB : c.areas.communityA;
    const staff = staffOf(c, community);
    const pool = poolOf(c, community);
    if (!pool.length) continue;
    const created = await c.organiser.create(staff, input(a, community, c.now));
    const row = (await findActivity(c.ctx.db, created.id))!;
    const people = pool.slice(0, Math.min(pool.length, 3 + (i % 3)));
    await c.ctx.db.transaction(async (tx) => {
      for (const [n, v] of people.entries()) {
        const role = created.roles[n % created.roles.length]!;
        if (!(await takeSeat(tx, { id: role.id, areaCode: row.areaCode }))) continue;
        const noShow = n === 3 && i % 2 === 1;
        const inAt = new Date(row.startsAt.getTime() - (5 + n) * 60_000);
        const outAt = new Date(row.endsAt.getTime() - n * 10 * 60_000);
        await insertParticipation(tx, {
          id: randomUUID(),
          activityId: row.id,
          roleId: role.id,
          areaCode: row.areaCode,
          volunteerId: v.id,
          userId: v.userId,
          state: noShow ? 'no_show' : 'attended',
          startsAt: row.startsAt,
          endsAt: row.endsAt,
          registeredAt: new Date(row.startsAt.getTime() - (7 - n) * DAY),
          checkedInAt: noShow ? null : inAt,
          checkedOutAt: noShow ? null : outAt,
          attendanceBy: noShow ? staff.userId : null,
          minutes: noShow ? null : serviceMinutes(row, inAt, outAt),
          updatedAt: outAt,
        });
      }
    });
    await roster.confirm(staff, created.id);
  }
}

/** Future: open for sign-up, the demo volunteers signed up (the companionship role fills and has a waitlist). */
async function seedFuture(c: Cast): Promise<void> {
  const participation = new ParticipationService(c.ctx);
  for (const [i, a] of FUTURE.entries()) {
    const community = i === 2 ? c.areas.communityB : c.areas.communityA;
    const created = await c.organiser.create(staffOf(c, community), input(a, community, c.now));
    for (const v of poolOf(c, community).slice(i === 0 ? 1 : 0, 4)) {
      const account = await findUserById(c.ctx.db, v.userId);
      const actor = account ? await seedActorOf(c.ctx, account.username, 'resident', [v.areaCode]) : null;
      if (actor) await participation.signup(actor, created.id, created.roles[0]!.id).catch(() => undefined);
    }
  }
}

/** The team r_demo_1 leads organises one activity of its own. */
async function seedLeader(c: Cast): Promise<void> {
  const leader = await seedActorOf(c.ctx, 'r_demo_1', 'resident', [c.areas.communityA]);
  const [team] = leader ? await teamsLedBy(c.ctx.db, leader.userId) : [];
  if (!leader || !team) return;
  const own: DemoActivity = {
    title: `${team.name}·社区微更新`,
    type: 'environment',
    address: '小区西门小广场',
    description: '粉刷宣传栏、修补花坛。',
    days: 6,
    hour: 9,
    hours: 3,
    roles: [{ name: '队员', capacity: 8 }],
  };
  await c.organiser.create(leader, input(own, team.areaCode, c.now, team.id));
}

/**
 * The activities module's demo rows (issue 12): past activities in both demo communities whose volunteers attended
 * and whose organiser confirmed the roster (so the hours module books their hours and the points module earns
 * points, through the real confirmation), and future activities open for sign-up, one organised by the team that
 * r_demo_1 leads, with the demo volunteers signed up.
 */
export async function seedActivitiesDemo(ctx: AppContext, areas: VolunteerDemoAreas): Promise<void> {
  const staffA = await seedActorOf(ctx, 'demo-worker-a', 'community_worker', [areas.communityA]);
  const staffB = await seedActorOf(ctx, 'demo-worker-b', 'community_worker', [areas.communityB]);
  if (!staffA || !staffB) return;
  const both = [areas.communityA, areas.communityB];
  const listed = await new VolunteersService(ctx).list(
    { ...staffA, areaCodes: both, scopePrefixes: both },
    { status: 'active', page: 1, pageSize: 100 },
  );
  const refs = await volunteerRefs(
    ctx.db,
    listed.items.map((v) => v.id),
  );
  const volunteers = [...refs.values()].filter((v) => v.status === 'active');
  if (volunteers.length === 0) return;
  // r_demo_1 first: they take part in every past activity of their community.
  const demo1 = await findUserByUsername(ctx.db, 'r_demo_1');
  volunteers.sort((a, b) => Number(b.userId === demo1?.id) - Number(a.userId === demo1?.id));
  const cast: Cast = {
    ctx,
    areas,
    staffA,
    staffB,
    volunteers,
    organiser: new ActivitiesService(ctx),
    now: ctx.clock.now(),
  };
  await seedPast(cast);
  await seedFuture(cast);
  await seedLeader(cast);
}
