import type { Role, UserSummary } from '@linli/contracts';
import type { UserWithGrants } from './users.repository';
import type { UserTarget } from './users.policy';

/** An account as the directory lists it; an active account locked out by failed logins shows as 'locked'. */
export function userSummary(user: UserWithGrants, locked: boolean): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles as Role[],
    areaCodes: user.areaCodes,
    status: user.status === 'active' && locked ? 'locked' : user.status,
    totpEnabled: user.totpSecretEnc !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** An account as the policy judges it (users.policy.ts). */
export function userTarget(user: UserWithGrants, locked: boolean): UserTarget {
  return {
    id: user.id,
    roles: user.roles,
    areaCodes: user.areaCodes,
    status: user.status,
    locked,
    totpEnabled: user.totpSecretEnc !== null,
    totpResetRequestedBy: user.totpResetRequestedBy,
    totpResetRequestedAt: user.totpResetRequestedAt,
  };
}
