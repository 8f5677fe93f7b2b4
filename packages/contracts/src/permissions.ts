import { z } from 'zod';
import { type ModulePermission, modulePermissions, moduleRoleGrants } from './modules';

/** Staff roles: accounts made by administrators, signing in at the staff login. */
export const STAFF_ROLES = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'district_officer',
  'street_officer',
  'community_supervisor',
  'community_worker',
  'social_worker',
  'grid_worker',
] as const;
/**
 * Accounts of people outside the staff: a partner organisation's member (signs in at the staff login, sees only
 * what is addressed to the organisation) and a resident (signs up and in on the mobile entry `/m`). An external
 * account holds exactly one of these and no staff role; a route it may not use answers 404, not 403, so it learns
 * nothing of what exists behind it.
 */
export const EXTERNAL_ROLES = ['partner_member', 'resident'] as const;
export const ROLES = [...STAFF_ROLES, ...EXTERNAL_ROLES] as const;
export const Role = z.enum(ROLES);
/** A role the staff account administration may give (external accounts are made by their own modules). */
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;
export type Role = z.infer<typeof Role>;

/** 三员分立: one person never holds two of these (MLPS; security.md R-10). */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];
/** Roles that must use a second factor and have the shorter idle timeout. */
export const ADMIN_ROLES: readonly Role[] = SEPARATED_ADMIN_ROLES;

const CORE_PERMISSIONS = [
  'area.read',
  'area.manage',
  'user.read',
  'user.manage',
  'user.assign_roles',
  'user.unlock',
  'user.end_sessions',
  /** Activate a pending account of one's area and issue one-time passwords to its business accounts (F6). */
  'user.activate',
  /** Handle administrator accounts' credentials and status (the security administrator's duty). */
  'user.admin_credentials',
  /** Confirm another administrator's request to reset someone's second factor (two-person rule). */
  'user.confirm_totp_reset',
  'audit.read',
  'care.client.read',
  'care.client.write',
  'care.client.reveal',
  'care.assessment.write',
  'care.tier.approve',
  'care.visit.read',
  'care.visit.write',
  'care.supervision.read',
  'care.caseload.manage',
  'care.policy.manage',
  'care.case.write',
  'care.case.approve',
  'care.export.approve',
] as const;
/** The core permissions and those of the modules listed in modules.ts. */
type AnyPermission = (typeof CORE_PERMISSIONS)[number] | ModulePermission;
export const PERMISSIONS = [...CORE_PERMISSIONS, ...modulePermissions()] as unknown as readonly [
  AnyPermission,
  ...AnyPermission[],
];
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

const staffRead: Permission[] = ['area.read', 'user.read'];
const caseworker: Permission[] = [
  ...staffRead,
  'care.client.read',
  'care.client.write',
  'care.assessment.write',
  'care.visit.read',
  'care.visit.write',
  'care.case.write',
];
const officer: Permission[] = [
  ...staffRead,
  'user.activate',
  'care.client.read',
  'care.visit.read',
  'care.supervision.read',
  'care.export.approve',
];
// District officers set the district's default tier policy.
const districtOfficer: Permission[] = [...officer, 'care.policy.manage'];

/** Role → permissions. The only place grants are decided; policies add scope and object rules. */
const CORE_ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // 系统管理员: accounts and areas, never the audit log.
  // Business accounts it creates start pending: a supervisor of the area activates them (F6).
  system_admin: ['area.read', 'area.manage', 'user.read', 'user.manage', 'user.confirm_totp_reset'],
  // 安全管理员: roles, unlocks, sessions, administrators' credentials; cannot create users or read audit.
  security_admin: [
    'area.read',
    'user.read',
    'user.assign_roles',
    'user.unlock',
    'user.end_sessions',
    'user.admin_credentials',
    'user.confirm_totp_reset',
  ],
  // 审计管理员: reads audit only; cannot change users.
  audit_admin: ['area.read', 'audit.read'],
  district_officer: districtOfficer,
  street_officer: officer,
  community_supervisor: [
    ...caseworker,
    'user.activate',
    'care.client.reveal',
    'care.tier.approve',
    'care.supervision.read',
    'care.caseload.manage',
    'care.policy.manage',
    'care.case.approve',
    'care.export.approve',
  ],
  community_worker: [...caseworker, 'care.client.reveal'],
  social_worker: [...caseworker, 'care.client.reveal'],
  // Grid workers visit and record, but do not see full ID or phone numbers.
  grid_worker: caseworker,
  // External accounts get what their modules grant (ROLE_GRANTS), nothing of the core table.
  partner_member: [],
  resident: [],
};

/** Role → permissions, the core table plus what each listed module grants. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = Object.fromEntries(
  ROLES.map((role) => [role, [...CORE_ROLE_PERMISSIONS[role], ...(moduleRoleGrants(role) as Permission[])]]),
) as unknown as Record<Role, readonly Permission[]>;

export function permissionsForRoles(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return [...set].sort();
}

/** Returns the conflicting pair when a role set breaks 三员分立, or null when it is allowed. */
export function separationConflict(roles: readonly Role[]): [Role, Role] | null {
  // An external account (partner member, resident) holds that one role and nothing else.
  const external = roles.find((r) => isExternalRole(r));
  const other = roles.find((r) => r !== external);
  if (external && other) return [external, other];
  const admins = roles.filter((r) => SEPARATED_ADMIN_ROLES.includes(r));
  const unique = [...new Set(admins)];
  if (unique.length > 1) return [unique[0]!, unique[1]!];
  // An admin account is a duty account: it may not also do casework.
  if (unique.length === 1 && roles.some((r) => !SEPARATED_ADMIN_ROLES.includes(r))) {
    return [unique[0]!, roles.find((r) => !SEPARATED_ADMIN_ROLES.includes(r))!];
  }
  return null;
}

export function isAdminRole(role: Role): boolean {
  return ADMIN_ROLES.includes(role);
}

export function isExternalRole(role: Role): boolean {
  return (EXTERNAL_ROLES as readonly Role[]).includes(role);
}
