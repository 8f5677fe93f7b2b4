import { type Role, isAdminRole, permissionsForRoles } from '@linli/contracts';
import { type Actor, scopePrefix } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import type { DbOrTx } from '../../platform/db';
import { type UserRow, recordLogin } from '../users';
import {
  deleteSession,
  deleteUserSessions,
  findSessionWithUser,
  insertSession,
  listUserSessions,
  touchSession,
} from './sessions.repository';

export const ABSOLUTE_SESSION_MS = 12 * 3600_000;
export const IDLE_SECONDS = 30 * 60;
export const ADMIN_IDLE_SECONDS = 15 * 60;
/** last_seen_at is written at most this often, so reads do not turn every request into a write. */
const TOUCH_EVERY_MS = 30_000;

export function idleSecondsFor(roles: readonly Role[]): number {
  return roles.some(isAdminRole) ? ADMIN_IDLE_SECONDS : IDLE_SECONDS;
}

/** Creates a session with a fresh token (rotation on login) and returns the cookie token. */
export async function openSession(
  ctx: AppContext,
  tx: DbOrTx,
  user: { id: string; roles: Role[] },
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: string }> {
  const token = randomToken(32);
  const id = sha256(token);
  const now = ctx.clock.now();
  await insertSession(tx, {
    id,
    userId: user.id,
    csrfToken: randomToken(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_SESSION_MS),
    idleSeconds: idleSecondsFor(user.roles),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
    currentAreaCode: null,
  });
  return { token, id };
}

export type ResolvedSession =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'active'; actor: Actor; csrfToken: string; expiresAt: Date; idleSeconds: number; totpEnabled: boolean };

/** Turns a cookie token into an actor, enforcing idle and absolute timeouts and the user's status. */
export async function resolveSession(
  ctx: AppContext,
  token: string,
  request: { ip: string | null; requestId: string | null },
): Promise<ResolvedSession> {
  const id = sha256(token);
  const row = await findSessionWithUser(ctx.db, id);
  if (!row) return { state: 'none' };
  const now = ctx.clock.now();
  const idleExpired = now.getTime() - row.lastSeenAt.getTime() > row.idleSeconds * 1000;
  const userGone = row.userStatus !== 'active' || (row.userExpiresAt !== null && row.userExpiresAt <= now);
  if (idleExpired || now >= row.expiresAt || userGone) {
    await deleteSession(ctx.db, id);
    return { state: 'expired' };
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(ctx.db, id, now);
  const roles = row.roles as Role[];
  const held = row.areaCodes;
  const current = row.currentAreaCode;
  return {
    state: 'active',
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    idleSeconds: row.idleSeconds,
    totpEnabled: row.totpEnabled,
    actor: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      roles,
      permissions: new Set(permissionsForRoles(roles)),
      areaCodes: held,
      scopePrefixes: current ? [scopePrefix(current)] : held.map(scopePrefix),
      currentAreaCode: current,
      sessionId: id,
      ip: request.ip,
      requestId: request.requestId,
    },
  };
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** End the user's other sessions when this login opens its session (F13); carried through the later steps. */
  endOtherSessions?: boolean;
}

/** The user's other sessions, shown after login so they can end them (F13). */
export interface OtherSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/**
 * The session a login ends with, in one transaction: the session opened, the login recorded and audited, the user's
 * other sessions ended when asked (F13), and those left listed.
 */
export async function startLoginSession(
  ctx: AppContext,
  user: UserRow,
  grants: { roles: Role[]; areaCodes: string[] },
  client: ClientInfo,
  method: string,
) {
  const now = ctx.clock.now();
  const { roles } = grants;
  return ctx.db.transaction(async (tx) => {
    const session = await openSession(ctx, tx, { id: user.id, roles }, client);
    await recordLogin(tx, user.id, now);
    await auditInTx(ctx, tx, null, {
      action: 'auth.login',
      actorId: user.id,
      actorName: user.username,
      role: roles.join(',') || null,
      areaCodes: grants.areaCodes,
      ip: client.ip,
      requestId: client.requestId,
      detail: method,
    });
    if (client.endOtherSessions) await endOtherSessionsAtLogin(ctx, tx, user, session.id, client);
    const others: OtherSession[] = (await listUserSessions(tx, user.id))
      .filter((s) => s.id !== session.id && s.expiresAt > now)
      .map((s) => ({
        id: s.id.slice(0, 12),
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        ip: s.ip,
        userAgent: s.userAgent,
      }));
    return { kind: 'session', token: session.token, userId: user.id, otherSessions: others } as const;
  });
}

async function endOtherSessionsAtLogin(
  ctx: AppContext,
  tx: DbOrTx,
  user: UserRow,
  sessionId: string,
  client: ClientInfo,
): Promise<void> {
  const ended = await deleteUserSessions(tx, user.id, sessionId);
  await auditInTx(ctx, tx, null, {
    action: 'auth.end_sessions',
    actorId: user.id,
    actorName: user.username,
    objectType: 'user',
    objectIds: [user.id],
    ip: client.ip,
    requestId: client.requestId,
    detail: `${ended} sessions, at login`,
  });
}
