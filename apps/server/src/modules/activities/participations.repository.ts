import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { byKey, inSameArea, type AreaKey } from '../../platform/colocated';
import type { DbOrTx } from '../../platform/db';
import { preparedOn, UNNAMED } from '../../platform/prepared-queries';
import type { ParticipationRow, ParticipationState } from './activities.repository';

export type { ParticipationRow };
import { activities, activityParticipations } from './activities.tables';

/** States that count for a clash (the volunteer means to be there). */
const LIVE: ParticipationState[] = ['registered', 'waitlisted'];

export async function findLiveParticipation(
  db: DbOrTx,
  activityId: string,
  volunteerId: string,
): Promise<ParticipationRow | null> {
  // Every check-in reads it in its transaction: built once (prepared-queries.ts).
  const query = preparedOn(db, 'activities.findLiveParticipation', (d) =>
    d
      .select()
      .from(activityParticipations)
      .where(
        and(
          eq(activityParticipations.activityId, sql.placeholder('activityId')),
          eq(activityParticipations.volunteerId, sql.placeholder('volunteerId')),
          ne(activityParticipations.state, 'cancelled'),
        ),
      )
      .prepare(UNNAMED),
  );
  const [row] = await query.execute({ activityId, volunteerId });
  return row ?? null;
}

/** findLiveParticipation when the activity's community is known (a participation lies in it): one shard group. */
export async function findLiveParticipationIn(
  db: DbOrTx,
  activity: AreaKey,
  volunteerId: string,
): Promise<ParticipationRow | null> {
  const query = preparedOn(db, 'activities.findLiveParticipationIn', (d) =>
    d
      .select()
      .from(activityParticipations)
      .where(
        and(
          eq(activityParticipations.areaCode, sql.placeholder('areaCode')),
          eq(activityParticipations.activityId, sql.placeholder('activityId')),
          eq(activityParticipations.volunteerId, sql.placeholder('volunteerId')),
          ne(activityParticipations.state, 'cancelled'),
        ),
      )
      .prepare(UNNAMED),
  );
  const [row] = await query.execute({ areaCode: activity.areaCode, activityId: activity.id, volunteerId });
  return row ?? null;
}

export async function findParticipation(db: DbOrTx, id: string): Promise<ParticipationRow | null> {
  const [row] = await db.select().from(activityParticipations).where(eq(activityParticipations.id, id));
  return row ?? null;
}

/** Another live participation of the volunteer overlapping [startsAt, endsAt), with its activity's title. */
export async function findClash(db: DbOrTx, volunteerId: string, activityId: string, startsAt: Date, endsAt: Date) {
  const [row] = await db
    .select({ title: activities.title, startsAt: activities.startsAt, endsAt: activities.endsAt })
    .from(activityParticipations)
    .innerJoin(
      activities,
      inSameArea(eq(activities.id, activityParticipations.activityId), activities, activityParticipations),
    )
    .where(
      and(
        eq(activityParticipations.volunteerId, volunteerId),
        inArray(activityParticipations.state, LIVE),
        ne(activityParticipations.activityId, activityId),
        lt(activityParticipations.startsAt, endsAt),
        gt(activityParticipations.endsAt, startsAt),
        ne(activities.status, 'cancelled'),
      ),
    )
    .limit(1);
  return row ?? null;
}

export function insertParticipation(db: DbOrTx, row: typeof activityParticipations.$inferInsert) {
  return db.insert(activityParticipations).values(row);
}

/**
 * Moves a participation on only from the states given; null when it was not in one of them (a race lost). Named with
 * its community (the activity's): on Citus a write by id alone would reach every shard.
 */
export async function updateParticipation(
  db: DbOrTx,
  participation: AreaKey,
  fromStates: ParticipationState[],
  patch: Partial<typeof activityParticipations.$inferInsert>,
  only?: 'not_checked_in' | 'not_checked_out',
): Promise<ParticipationRow | null> {
  const extra =
    only === 'not_checked_in'
      ? isNull(activityParticipations.checkedInAt)
      : only === 'not_checked_out'
        ? isNull(activityParticipations.checkedOutAt)
        : undefined;
  const [row] = await db
    .update(activityParticipations)
    .set(patch)
    .where(
      and(
        byKey(activityParticipations.id, activityParticipations.areaCode, participation),
        inArray(activityParticipations.state, fromStates),
        extra,
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * The first of the role's waitlist (by the time they joined it), locked. Named with the role's community: Citus
 * locks rows only within one shard.
 */
export async function firstWaitlisted(db: DbOrTx, role: AreaKey): Promise<ParticipationRow | null> {
  const [row] = await db
    .select()
    .from(activityParticipations)
    .where(
      and(
        byKey(activityParticipations.roleId, activityParticipations.areaCode, role),
        eq(activityParticipations.state, 'waitlisted'),
      ),
    )
    .orderBy(asc(activityParticipations.waitlistedAt), asc(activityParticipations.id))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** 1-based place in the role's waitlist. */
export async function waitlistPosition(db: DbOrTx, p: ParticipationRow): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(activityParticipations)
    .where(
      and(
        eq(activityParticipations.roleId, p.roleId),
        eq(activityParticipations.state, 'waitlisted'),
        or(
          lt(activityParticipations.waitlistedAt, p.waitlistedAt!),
          and(eq(activityParticipations.waitlistedAt, p.waitlistedAt!), lt(activityParticipations.id, p.id)),
        ),
      ),
    );
  return Number(row?.n ?? 0) + 1;
}

export async function roster(db: DbOrTx, activityId: string): Promise<ParticipationRow[]> {
  return db
    .select()
    .from(activityParticipations)
    .where(eq(activityParticipations.activityId, activityId))
    .orderBy(asc(activityParticipations.registeredAt), asc(activityParticipations.id));
}

export async function participationsOf(
  db: DbOrTx,
  volunteerId: string,
  activityIds: readonly string[],
): Promise<ParticipationRow[]> {
  if (activityIds.length === 0) return [];
  return db
    .select()
    .from(activityParticipations)
    .where(
      and(
        eq(activityParticipations.volunteerId, volunteerId),
        inArray(activityParticipations.activityId, [...activityIds]),
      ),
    )
    .orderBy(desc(activityParticipations.registeredAt));
}

/** The volunteer's participations (not cancelled), upcoming (not ended) or past. */
export async function myParticipations(
  db: DbOrTx,
  volunteerId: string,
  when: 'upcoming' | 'past',
  now: Date,
  page: number,
  pageSize: number,
) {
  const where = and(
    eq(activityParticipations.volunteerId, volunteerId),
    ne(activityParticipations.state, 'cancelled'),
    when === 'upcoming' ? gt(activityParticipations.endsAt, now) : lte(activityParticipations.endsAt, now),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(activityParticipations)
      .where(where)
      .orderBy(
        when === 'upcoming' ? asc(activityParticipations.startsAt) : desc(activityParticipations.startsAt),
        asc(activityParticipations.id),
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(activityParticipations).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Attended participations of the activity not yet confirmed (optionally only these ids), locked (as above). */
export async function unconfirmedAttended(db: DbOrTx, activity: AreaKey, ids?: readonly string[]) {
  return db
    .select()
    .from(activityParticipations)
    .where(
      and(
        byKey(activityParticipations.activityId, activityParticipations.areaCode, activity),
        eq(activityParticipations.state, 'attended'),
        sql`${activityParticipations.confirmedAt} IS NULL`,
        ids ? inArray(activityParticipations.id, [...ids]) : undefined,
      ),
    )
    .orderBy(asc(activityParticipations.id))
    .for('update');
}

export async function countConfirmed(db: DbOrTx, activity: AreaKey, ids?: readonly string[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(activityParticipations)
    .where(
      and(
        byKey(activityParticipations.activityId, activityParticipations.areaCode, activity),
        sql`${activityParticipations.confirmedAt} IS NOT NULL`,
        ids ? inArray(activityParticipations.id, [...ids]) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}

/** Live participations of an activity (to tell them it was cancelled), with their user ids. */
export async function liveParticipations(db: DbOrTx, activityId: string): Promise<ParticipationRow[]> {
  return db
    .select()
    .from(activityParticipations)
    .where(and(eq(activityParticipations.activityId, activityId), inArray(activityParticipations.state, LIVE)));
}

export async function cancelAllLive(db: DbOrTx, activityId: string, now: Date): Promise<void> {
  await db
    .update(activityParticipations)
    .set({ state: 'cancelled', cancelledAt: now, updatedAt: now })
    .where(and(eq(activityParticipations.activityId, activityId), inArray(activityParticipations.state, LIVE)));
}
