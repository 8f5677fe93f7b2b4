import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from './common';
import { AreaCode } from './org';
import { Role } from './permissions';

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, . _ - only');

export const UserSummary = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  areaCodes: z.array(AreaCode),
  status: z.enum(['active', 'disabled', 'locked']),
  totpEnabled: z.boolean(),
  lastLoginAt: IsoDateTime.nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserDetail = UserSummary.extend({
  phoneMasked: z.string().nullable(),
  createdAt: IsoDateTime,
  passwordChangedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  allowedActions: z.array(z.string()),
});
export type UserDetail = z.infer<typeof UserDetail>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(40).optional(),
  areaCode: AreaCode.optional(),
  role: Role.optional(),
});
export const UserList = Paged(UserSummary);

export const Phone = z.string().regex(/^1\d{10}$/, '11-digit mobile number');

export const UserCreateInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(40),
  phone: Phone.optional(),
  roles: z.array(Role).min(1),
  areaCodes: z.array(AreaCode).min(1),
  password: z.string().min(1).max(256),
  expiresAt: IsoDateTime.nullable().optional(),
});
export const UserUpdateInput = z.object({
  displayName: z.string().trim().min(1).max(40).optional(),
  phone: Phone.nullable().optional(),
  areaCodes: z.array(AreaCode).min(1).optional(),
  expiresAt: IsoDateTime.nullable().optional(),
});
export const UserRolesInput = z.object({ roles: z.array(Role).min(1) });
export const UserStatusInput = z.object({ enabled: z.boolean() });
export const PasswordResetInput = z.object({ newPassword: z.string().min(1).max(256) });
