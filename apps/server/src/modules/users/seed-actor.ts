import { ROLE_PERMISSIONS, type Role } from '@linli/contracts';
import { type Actor, scopePrefix } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { findUserByUsername } from './users.repository';

/**
 * The actor an account would be when signed in with this role and these areas: the demo seed goes through the same
 * services as the routes, as these people. Null when the account does not exist.
 */
export async function seedActorOf(
  ctx: AppContext,
  username: string,
  role: Role,
  areas: string[],
): Promise<Actor | null> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) return null;
  return {
    userId: user.id,
    username,
    displayName: user.displayName,
    roles: [role],
    permissions: new Set(ROLE_PERMISSIONS[role]),
    areaCodes: areas,
    scopePrefixes: areas.map(scopePrefix),
    currentAreaCode: null,
    sessionId: 'demo-seed',
    ip: null,
    requestId: null,
  };
}
