import { and, eq, ne, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db';
import { authChallenges, sessions } from './auth.tables';

export interface SessionWithUser {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  idleSeconds: number;
  currentAreaCode: string | null;
  username: string;
  displayName: string;
  userStatus: 'active' | 'disabled';
  userExpiresAt: Date | null;
  totpEnabled: boolean;
  roles: string[];
  areaCodes: string[];
}

/** One round trip per request: the session, its user, roles and areas together. */
export async function findSessionWithUser(db: DbOrTx, id: string): Promise<SessionWithUser | null> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.idle_seconds,
           s.current_area_code, u.username, u.display_name, u.status, u.expires_at AS user_expires_at,
           (u.totp_secret_enc IS NOT NULL) AS totp_enabled,
           coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles,
           coalesce((SELECT array_agg(a.area_code ORDER BY a.area_code) FROM user_areas a WHERE a.user_id = u.id), '{}') AS area_codes
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${id}`,
  );
  const row = rows[0];
  if (!row) return null;
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  return {
    id: String(row.id),
    userId: String(row.user_id),
    csrfToken: String(row.csrf_token),
    createdAt: date(row.created_at),
    lastSeenAt: date(row.last_seen_at),
    expiresAt: date(row.expires_at),
    idleSeconds: Number(row.idle_seconds),
    currentAreaCode: (row.current_area_code as string | null) ?? null,
    username: String(row.username),
    displayName: String(row.display_name),
    userStatus: row.status as 'active' | 'disabled',
    userExpiresAt: row.user_expires_at ? date(row.user_expires_at) : null,
    totpEnabled: Boolean(row.totp_enabled),
    roles: parseTextArray(row.roles),
    areaCodes: parseTextArray(row.area_codes),
  };
}

/** node-postgres and PGlite both parse text[]; this also accepts the '{a,b}' literal defensively. */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean);
  return [];
}

export function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert) {
  return db.insert(sessions).values(row);
}

export function touchSession(db: DbOrTx, id: string, at: Date) {
  return db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export function setSessionArea(db: DbOrTx, id: string, areaCode: string | null) {
  return db.update(sessions).set({ currentAreaCode: areaCode }).where(eq(sessions.id, id));
}

export function deleteSession(db: DbOrTx, id: string) {
  return db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: DbOrTx, userId: string, exceptId?: string): Promise<number> {
  const condition = exceptId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId))
    : eq(sessions.userId, userId);
  const deleted = await db.delete(sessions).where(condition).returning({ id: sessions.id });
  return deleted.length;
}

export function listUserSessions(db: DbOrTx, userId: string) {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(sessions.createdAt);
}

export function insertChallenge(db: DbOrTx, row: typeof authChallenges.$inferInsert) {
  return db.insert(authChallenges).values(row);
}

export async function findChallenge(db: DbOrTx, id: string) {
  const [row] = await db.select().from(authChallenges).where(eq(authChallenges.id, id));
  return row ?? null;
}

/** Deletes a challenge and says whether this call did: a challenge completes once, even when sent twice at once. */
export async function consumeChallenge(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(authChallenges).where(eq(authChallenges.id, id)).returning({ id: authChallenges.id });
  return rows.length > 0;
}
