import { type Actor, codeInPrefixes, scopePrefix } from '../../../platform/access';
import type { AppContext } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import { findArea } from '../../org';
import { findUserWithGrants } from '../../users';

// The areas and people a client entry or edit names, checked before anything is written.

/**
 * An assignee is an active staff member serving the client's community and inside the actor's jurisdiction; anyone
 * else answers as "no such user", whether they exist or not (ids inside bodies are scope-checked too, F5).
 */
export async function assertAssignee(
  ctx: AppContext,
  actor: Actor,
  userId: string | null | undefined,
  communityCode: string,
): Promise<void> {
  if (!userId) return;
  const user = await findUserWithGrants(ctx.db, userId);
  const serves =
    user?.status === 'active' &&
    user.areaCodes.some((c) => communityCode.startsWith(scopePrefix(c)) || c.startsWith(communityCode));
  if (!user || !serves || !user.areaCodes.some((c) => codeInPrefixes(c, actor.scopePrefixes))) {
    throw new AppError('user.not_found', [{ path: 'assigneeId', code: 'care.assignee_not_in_community' }]);
  }
}

/** A grid named in an entry or edit: an active grid of the client's community. */
export async function assertGrid(
  ctx: AppContext,
  gridCode: string | null | undefined,
  communityCode: string,
): Promise<void> {
  if (gridCode && !(gridCode.startsWith(communityCode) && (await findArea(ctx.db, gridCode))?.status === 'active')) {
    throw new AppError('area.not_found', [{ path: 'gridCode', code: 'area.unknown', params: { code: gridCode } }]);
  }
}
