import { and, asc, count, desc, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import { inCommunities, inScope } from '../../platform/access';
import { byKey, inSameArea, lockByKey, type AreaKey } from '../../platform/colocated';
import type { DbOrTx } from '../../platform/db';
import { rowById } from '../../platform/prepared-queries';
import { activities, activityParticipations, activityRoles } from './activities.tables';

export type ActivityRow = typeof activities.$inferSelect;
export type RoleRow = typeof activityRoles.$inferSelect;
export type ParticipationRow = typeof activityParticipations.$inferSelect;
export type ParticipationState = ParticipationRow['state'];

/** States that hold a seat of the role. */
export const SEATED: ParticipationState[] = ['registered', 'attended', 'no_show'];

export function insertActivities(db: DbOrTx, rows: (typeof activities.$inferInsert)[]) {
  return db.insert(activities).values(rows);
}

export function insertRoles(db: DbOrTx, rows: (typeof activityRoles.$inferInsert)[]) {
  return db.insert(activityRoles).values(rows);
}

export function findActivity(db: DbOrTx, id: string): Promise<ActivityRow | null> {
  // Every check-in reads it in its transaction: built once (prepared-queries.ts).
  return rowById(db, activities, id);
}

/**
 * An activity by id in one of `communities` (the reader's: one shard group on a Citus cluster), then, when not there,
 * anywhere: a team leader may organise an activity outside their own jurisdiction.
 */
export async function findActivityIn(
  db: DbOrTx,
  id: string,
  communities: readonly string[] | null,
): Promise<ActivityRow | null> {
  if (!communities) return findActivity(db, id);
  const [row] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.id, id), inCommunities(activities.areaCode, communities)));
  return row ?? findActivity(db, id);
}

/** The activity row locked for the transaction (confirmations), by its community and id: one shard on Citus. */
export async function lockActivity(db: DbOrTx, key: AreaKey): Promise<ActivityRow | null> {
  const [row] = await db
    .select()
    .from(activities)
    .where(byKey(activities.id, activities.areaCode, key))
    .for('update');
  return row ?? null;
}

export async function updateActivity(
  db: DbOrTx,
  activity: AreaKey,
  fromStatuses: ActivityRow['status'][],
  patch: Partial<typeof activities.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(activities)
    .set(patch)
    .where(and(byKey(activities.id, activities.areaCode, activity), inArray(activities.status, fromStatuses)))
    .returning({ id: activities.id });
  return rows.length > 0;
}

export interface ActivityFilter {
  prefixes: readonly string[];
  areaCode?: string | undefined;
  status?: ActivityRow['status'] | undefined;
  teamId?: string | undefined;
  teamIds?: readonly string[] | undefined;
  when?: 'upcoming' | 'past' | 'all';
  now: Date;
}

function activityWhere(f: ActivityFilter) {
  return and(
    inScope(activities.areaCode, f.prefixes),
    f.areaCode ? eq(activities.areaCode, f.areaCode) : undefined,
    f.status ? eq(activities.status, f.status) : undefined,
    f.teamId ? eq(activities.teamId, f.teamId) : undefined,
    f.teamIds ? (f.teamIds.length ? inArray(activities.teamId, [...f.teamIds]) : sql`false`) : undefined,
    f.when === 'upcoming' ? gt(activities.endsAt, f.now) : undefined,
    f.when === 'past' ? lte(activities.endsAt, f.now) : undefined,
  );
}

export async function listActivities(db: DbOrTx, f: ActivityFilter, page: number, pageSize: number) {
  const where = activityWhere(f);
  const order =
    f.when === 'upcoming'
      ? [asc(activities.startsAt), asc(activities.id)]
      : [desc(activities.startsAt), desc(activities.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(activities)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(activities).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Published activities of these areas a volunteer may still sign up for (sign-up not closed, not started). */
export async function listOpenActivities(
  db: DbOrTx,
  prefixes: readonly string[],
  now: Date,
  page: number,
  pageSize: number,
) {
  const where = and(
    inScope(activities.areaCode, prefixes),
    eq(activities.status, 'published'),
    gt(activities.signupClosesAt, now),
    gt(activities.startsAt, now),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(activities)
      .where(where)
      .orderBy(asc(activities.startsAt), asc(activities.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(activities).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function activitiesByIds(db: DbOrTx, ids: readonly string[]): Promise<ActivityRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(activities)
    .where(inArray(activities.id, [...ids]));
}

/** Roles of these activities with their waitlist lengths, in their order. */
export async function rolesOf(db: DbOrTx, activityIds: readonly string[]) {
  if (activityIds.length === 0) return [];
  const waiting = db
    .select({
      roleId: activityParticipations.roleId,
      areaCode: activityParticipations.areaCode,
      n: count().as('n'),
    })
    .from(activityParticipations)
    .where(
      and(inArray(activityParticipations.activityId, [...activityIds]), eq(activityParticipations.state, 'waitlisted')),
    )
    // Grouped and joined with the community too: on Citus the count then runs inside each shard group (issue 14).
    .groupBy(activityParticipations.roleId, activityParticipations.areaCode)
    .as('waiting');
  const rows = await db
    .select({ role: activityRoles, waitlisted: waiting.n })
    .from(activityRoles)
    .leftJoin(waiting, inSameArea(eq(waiting.roleId, activityRoles.id), waiting, activityRoles))
    .where(inArray(activityRoles.activityId, [...activityIds]))
    .orderBy(asc(activityRoles.activityId), asc(activityRoles.position));
  return rows.map((r) => ({ ...r.role, waitlisted: Number(r.waitlisted ?? 0) }));
}

export async function findRole(db: DbOrTx, activityId: string, roleId: string): Promise<RoleRow | null> {
  const [row] = await db
    .select()
    .from(activityRoles)
    .where(and(eq(activityRoles.id, roleId), eq(activityRoles.activityId, activityId)));
  return row ?? null;
}

/**
 * Takes a seat of the role when one is free: one conditional UPDATE. Under concurrency PostgreSQL re-checks the
 * condition on the locked row, so a role never holds more than its capacity (a CHECK backs it up).
 */
/** Takes a seat of the role if one is free (named with the role's community, as every write here). */
export async function takeSeat(db: DbOrTx, role: AreaKey): Promise<boolean> {
  const rows = await db
    .update(activityRoles)
    .set({ registeredCount: sql`${activityRoles.registeredCount} + 1` })
    .where(
      and(
        byKey(activityRoles.id, activityRoles.areaCode, role),
        lt(activityRoles.registeredCount, activityRoles.capacity),
      ),
    )
    .returning({ id: activityRoles.id });
  return rows.length > 0;
}

export async function releaseSeat(db: DbOrTx, role: AreaKey): Promise<void> {
  await db
    .update(activityRoles)
    .set({ registeredCount: sql`${activityRoles.registeredCount} - 1` })
    .where(byKey(activityRoles.id, activityRoles.areaCode, role));
}

/** Serialises one volunteer's sign-ups (the clash check reads, then writes) across server processes. */
export async function lockVolunteer(db: DbOrTx, volunteerId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`activities.volunteer:${volunteerId}`}))`);
}

/** Serialises a role's waitlist promotion (a cancellation and a sign-up of the same role). */
export async function lockRole(db: DbOrTx, roleId: string): Promise<void> {
  await lockByKey(db, activityRoles, roleId);
}
