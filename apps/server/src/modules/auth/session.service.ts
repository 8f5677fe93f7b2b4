import { type Role, isAdminRole, permissionsForRoles } from '@linli/contracts';
import { type Actor, scopePrefix } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import type { DbOrTx } from '../../platform/db';
import { deleteSession, findSessionWithUser, insertSession, touchSession } from './sessions.repository';

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
