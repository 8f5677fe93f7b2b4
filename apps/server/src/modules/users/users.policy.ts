import { type Role, SEPARATED_ADMIN_ROLES, separationConflict } from '@linli/contracts';
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import { AppError } from '../../platform/errors';

export interface UserTarget {
  id: string;
  areaCodes: string[];
  status: 'active' | 'disabled';
  locked: boolean;
}

export const userPolicy = {
  inScope: (actor: Actor, user: Pick<UserTarget, 'areaCodes'>) => user.areaCodes.some((c) => codeInPrefixes(c, actor.scopePrefixes)),
  canRead: (actor: Actor, user: UserTarget) => hasPermission(actor, 'user.read') && userPolicy.inScope(actor, user),
  canUpdate: (actor: Actor, user: UserTarget) => hasPermission(actor, 'user.manage') && userPolicy.inScope(actor, user),
  canAssignRoles: (actor: Actor, user: UserTarget) =>
    hasPermission(actor, 'user.assign_roles') && userPolicy.inScope(actor, user) && user.id !== actor.userId,
  canSetStatus: (actor: Actor, user: UserTarget) => userPolicy.canUpdate(actor, user) && user.id !== actor.userId,
  canUnlock: (actor: Actor, user: UserTarget) => hasPermission(actor, 'user.unlock') && userPolicy.inScope(actor, user),
  canResetPassword: (actor: Actor, user: UserTarget) => userPolicy.canUpdate(actor, user) && user.id !== actor.userId,
  canEndSessions: (actor: Actor, user: UserTarget) => hasPermission(actor, 'user.end_sessions') && userPolicy.inScope(actor, user),
};

export function allowedUserActions(actor: Actor, user: UserTarget): string[] {
  const actions: string[] = [];
  if (userPolicy.canUpdate(actor, user)) actions.push('update');
  if (userPolicy.canAssignRoles(actor, user)) actions.push('assign_roles');
  if (userPolicy.canUnlock(actor, user) && user.locked) actions.push('unlock');
  if (userPolicy.canSetStatus(actor, user)) actions.push(user.status === 'active' ? 'disable' : 'enable');
  if (userPolicy.canResetPassword(actor, user)) actions.push('reset_password');
  if (userPolicy.canEndSessions(actor, user)) actions.push('end_sessions');
  return actions;
}

/**
 * 三员分立: the three admin roles exclude each other and casework roles. Only the security admin
 * grants admin roles, so the account manager cannot make themselves an auditor.
 */
export function assertRolesAllowed(actor: Actor, roles: Role[]): void {
  const conflict = separationConflict(roles);
  if (conflict) {
    throw new AppError('user.role_conflict', [{ path: 'roles', message: `${conflict[0]} + ${conflict[1]}` }]);
  }
  if (roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r)) && !hasPermission(actor, 'user.assign_roles')) {
    throw new AppError('common.forbidden', [{ path: 'roles', message: '管理员角色由安全管理员授予 / admin roles are granted by the security admin' }]);
  }
}
