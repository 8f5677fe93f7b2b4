import { and, eq, inArray, ne } from 'drizzle-orm';
import { type Permission, ROLE_PERMISSIONS, ROLES, type Role } from '@linli/contracts';
import type { DbOrTx } from '../../platform/db';
import { userAreas, userRoles, users } from './users.tables';

/** The area itself and every area above it (statistical codes pad lower levels with zeros: 510107001000 is a street). */
function coveringCodes(areaCode: string): string[] {
  const community = areaCode.slice(0, 12);
  const codes = [areaCode, community, `${areaCode.slice(0, 9)}000`, `${areaCode.slice(0, 6)}000000`];
  codes.push(`${areaCode.slice(0, 4)}00000000`, `${areaCode.slice(0, 2)}0000000000`);
  return [...new Set(codes)];
}

/**
 * Active accounts whose roles grant `permission` and who hold an area covering `areaCode` (the area itself or one
 * above it — the approver rule of holdsEveryArea): whom to tell that something waits for them there.
 */
export async function usersHoldingPermissionOver(
  db: DbOrTx,
  permission: Permission,
  areaCode: string,
  exceptUserId?: string,
): Promise<string[]> {
  const roles = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
  return usersWithRolesOver(db, roles, areaCode, exceptUserId);
}

/** Active accounts holding one of `roles` and an area covering `areaCode`. */
export async function usersWithRolesOver(
  db: DbOrTx,
  roles: readonly Role[],
  areaCode: string,
  exceptUserId?: string,
): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(userAreas, eq(userAreas.userId, users.id))
    .where(
      and(
        eq(users.status, 'active'),
        inArray(userRoles.role, [...roles]),
        inArray(userAreas.areaCode, coveringCodes(areaCode)),
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}
