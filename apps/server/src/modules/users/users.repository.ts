import { and, asc, count, desc, eq, exists, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { rowById } from '../../platform/prepared-queries';
import { passwordHistory, userAreas, userRoles, users } from './users.tables';

export type UserRow = typeof users.$inferSelect;
export interface UserWithGrants extends UserRow {
  roles: string[];
  areaCodes: string[];
}

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return row ?? null;
}

/** Built once per database handle (prepared-queries.ts): every client detail names its assignee through it. */
export function findUserById(db: DbOrTx, id: string): Promise<UserRow | null> {
  return rowById(db, users, id);
}

export async function loadGrants(
  db: DbOrTx,
  ids: string[],
): Promise<Map<string, { roles: string[]; areaCodes: string[] }>> {
  const map = new Map<string, { roles: string[]; areaCodes: string[] }>();
  if (ids.length === 0) return map;
  for (const id of ids) map.set(id, { roles: [], areaCodes: [] });
  const [roles, areas] = await Promise.all([
    db.select().from(userRoles).where(inArray(userRoles.userId, ids)).orderBy(asc(userRoles.role)),
    db.select().from(userAreas).where(inArray(userAreas.userId, ids)).orderBy(asc(userAreas.areaCode)),
  ]);
  for (const r of roles) map.get(r.userId)?.roles.push(r.role);
  for (const a of areas) map.get(a.userId)?.areaCodes.push(a.areaCode);
  return map;
}

export async function findUserWithGrants(db: DbOrTx, id: string): Promise<UserWithGrants | null> {
  const user = await findUserById(db, id);
  if (!user) return null;
  const grants = (await loadGrants(db, [id])).get(id)!;
  return { ...user, ...grants };
}

/** A user is inside a jurisdiction when any area they hold is. */
export function userInScope(prefixes: readonly string[]) {
  return exists(
    sql`(SELECT 1 FROM ${userAreas} WHERE ${userAreas.userId} = ${users.id} AND ${inScope(userAreas.areaCode, prefixes)})`,
  );
}

export async function listUsers(
  db: DbOrTx,
  filter: {
    prefixes: readonly string[];
    q?: string | undefined;
    areaPrefix?: string | undefined;
    role?: string | undefined;
    status?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: UserWithGrants[]; total: number }> {
  const conditions = [userInScope(filter.prefixes)];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
  }
  if (filter.areaPrefix) conditions.push(userInScope([filter.areaPrefix]));
  if (filter.status) conditions.push(eq(users.status, filter.status as 'active'));
  if (filter.role) {
    conditions.push(
      exists(
        sql`(SELECT 1 FROM ${userRoles} WHERE ${userRoles.userId} = ${users.id} AND ${userRoles.role} = ${filter.role})`,
      ),
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  const grants = await loadGrants(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => ({ ...r, ...grants.get(r.id)! })), total: Number(total?.n ?? 0) };
}

export function insertUser(db: DbOrTx, row: typeof users.$inferInsert) {
  return db.insert(users).values(row);
}

export function updateUser(db: DbOrTx, id: string, patch: Partial<typeof users.$inferInsert>) {
  return db.update(users).set(patch).where(eq(users.id, id));
}

/**
 * Records a one-time code's time step as used, only if it is later than the last one used: of two logins with the
 * same code at once (two tabs, two processes), one claims the step and the other is refused (RFC 6238 §5.2).
 */
export async function claimTotpStep(db: DbOrTx, id: string, step: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step, updatedAt: now })
    .where(and(eq(users.id, id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** pending → active, once (two supervisors activating at the same moment: one wins). */
export async function activatePendingUser(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ status: 'active', updatedAt: now })
    .where(and(eq(users.id, id), eq(users.status, 'pending')))
    .returning({ id: users.id });
  return rows.length > 0;
}

/**
 * Orders the transactions that write an account with its roles or areas: each takes this lock first, so they run one
 * after another. On a Citus cluster users, user_roles and user_areas are reference tables linked by foreign keys,
 * and two such transactions at once locked their shards on the nodes in opposite orders (a distributed deadlock;
 * ten accounts made at once kept meeting again however often they were run again). Accounts are written rarely:
 * waiting costs nothing there, and on one PostgreSQL too.
 */
export async function lockAccountWrites(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('linli.account_writes'))`);
}

export async function replaceRoles(db: DbOrTx, userId: string, roles: string[]): Promise<void> {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length) await db.insert(userRoles).values(roles.map((role) => ({ userId, role })));
}

export async function replaceAreas(db: DbOrTx, userId: string, areaCodes: string[]): Promise<void> {
  await db.delete(userAreas).where(eq(userAreas.userId, userId));
  if (areaCodes.length) await db.insert(userAreas).values(areaCodes.map((areaCode) => ({ userId, areaCode })));
}

export function recentPasswordHashes(db: DbOrTx, userId: string, limit: number) {
  return db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(limit);
}

export function addPasswordHistory(db: DbOrTx, userId: string, hash: string, at: Date) {
  return db.insert(passwordHistory).values({ userId, passwordHash: hash, createdAt: at });
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}
