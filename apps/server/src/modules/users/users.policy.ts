import { type Role, SEPARATED_ADMIN_ROLES, separationConflict } from '@linli/contracts';
import { type Actor, codeInPrefixes, hasPermission, holdsEveryArea } from '../../platform/access';
import { AppError } from '../../platform/errors';

export interface UserTarget {
  id: string;
  roles: string[];
  areaCodes: string[];
  status: 'pending' | 'active' | 'disabled';
  locked: boolean;
  totpEnabled: boolean;
  totpResetRequestedBy: string | null;
  totpResetRequestedAt: Date | null;
}

/** A second-factor reset request waits this long for the second administrator. */
export const TOTP_RESET_WINDOW_MS = 24 * 3600_000;

/** Holds one of the three administrator roles (三员分立). */
export function isAdminAccount(user: Pick<UserTarget, 'roles'>): boolean {
  return user.roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r as Role));
}

/**
 * Who may hand out credentials for an account (F6): for an administrator account only the security administrator;
 * for a business account a supervisor holding every area of it (not the system administrator, who would otherwise
 * know the password of every account it creates or resets). Never one's own account.
 */
function mayIssueCredentials(actor: Actor, user: UserTarget): boolean {
  if (user.id === actor.userId) return false;
  if (isAdminAccount(user)) return hasPermission(actor, 'user.admin_credentials') && userPolicy.inScope(actor, user);
  return hasPermission(actor, 'user.activate') && holdsEveryArea(actor, user.areaCodes);
}

export const userPolicy = {
  inScope: (actor: Actor, user: Pick<UserTarget, 'areaCodes'>) =>
    user.areaCodes.some((c) => codeInPrefixes(c, actor.scopePrefixes)),
  canRead: (actor: Actor, user: UserTarget) => hasPermission(actor, 'user.read') && userPolicy.inScope(actor, user),
  canUpdate: (actor: Actor, user: UserTarget) => hasPermission(actor, 'user.manage') && userPolicy.inScope(actor, user),
  canAssignRoles: (actor: Actor, user: UserTarget) =>
    hasPermission(actor, 'user.assign_roles') && userPolicy.inScope(actor, user) && user.id !== actor.userId,
  /** Enable/disable: business accounts by the system admin, administrator accounts by the security admin. */
  canSetStatus: (actor: Actor, user: UserTarget) =>
    user.id !== actor.userId &&
    user.status !== 'pending' &&
    userPolicy.inScope(actor, user) &&
    hasPermission(actor, isAdminAccount(user) ? 'user.admin_credentials' : 'user.manage'),
  canUnlock: (actor: Actor, user: UserTarget) => hasPermission(actor, 'user.unlock') && userPolicy.inScope(actor, user),
  canActivate: (actor: Actor, user: UserTarget) => user.status === 'pending' && mayIssueCredentials(actor, user),
  canResetPassword: (actor: Actor, user: UserTarget) => user.status === 'active' && mayIssueCredentials(actor, user),
  canEndSessions: (actor: Actor, user: UserTarget) =>
    hasPermission(actor, 'user.end_sessions') && userPolicy.inScope(actor, user),
  canRequestTotpReset: (actor: Actor, user: UserTarget, now: Date) =>
    user.totpEnabled &&
    user.id !== actor.userId &&
    hasPermission(actor, 'user.admin_credentials') &&
    userPolicy.inScope(actor, user) &&
    !totpResetPending(user, now),
  /** The second administrator: neither the one who asked nor the account's owner. */
  canConfirmTotpReset: (actor: Actor, user: UserTarget, now: Date) =>
    totpResetPending(user, now) &&
    user.totpResetRequestedBy !== actor.userId &&
    user.id !== actor.userId &&
    hasPermission(actor, 'user.confirm_totp_reset') &&
    userPolicy.inScope(actor, user),
};

export function totpResetPending(user: Pick<UserTarget, 'totpResetRequestedAt'>, now: Date): boolean {
  return (
    user.totpResetRequestedAt !== null && now.getTime() - user.totpResetRequestedAt.getTime() < TOTP_RESET_WINDOW_MS
  );
}

export function allowedUserActions(actor: Actor, user: UserTarget, now: Date): string[] {
  const actions: string[] = [];
  if (userPolicy.canUpdate(actor, user)) actions.push('update');
  if (userPolicy.canAssignRoles(actor, user)) actions.push('assign_roles');
  if (userPolicy.canUnlock(actor, user) && user.locked) actions.push('unlock');
  if (userPolicy.canSetStatus(actor, user)) actions.push(user.status === 'active' ? 'disable' : 'enable');
  if (userPolicy.canActivate(actor, user)) actions.push('activate');
  if (userPolicy.canResetPassword(actor, user)) actions.push('reset_password');
  if (userPolicy.canEndSessions(actor, user)) actions.push('end_sessions');
  if (userPolicy.canRequestTotpReset(actor, user, now)) actions.push('request_totp_reset');
  if (userPolicy.canConfirmTotpReset(actor, user, now)) actions.push('confirm_totp_reset');
  return actions;
}

/**
 * 三员分立: the three admin roles exclude each other and casework roles. Only the security admin
 * grants admin roles, so the account manager cannot make themselves an auditor.
 */
export function assertRolesAllowed(actor: Actor, roles: Role[]): void {
  const conflict = separationConflict(roles);
  if (conflict) {
    throw new AppError('user.role_conflict', [
      { path: 'roles', code: 'user.roles_exclusive', params: { first: conflict[0], second: conflict[1] } },
    ]);
  }
  if (roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r)) && !hasPermission(actor, 'user.assign_roles')) {
    throw new AppError('common.forbidden', [{ path: 'roles', code: 'user.admin_roles_by_security_admin' }]);
  }
}
