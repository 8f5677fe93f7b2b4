import { bigint, boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  phoneEnc: text('phone_enc'),
  phoneBidx: text('phone_bidx'),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: ts('password_changed_at'),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  status: text('status').$type<'pending' | 'active' | 'disabled'>().notNull().default('active'),
  totpSecretEnc: text('totp_secret_enc'),
  totpPendingEnc: text('totp_pending_enc'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  expiresAt: ts('expires_at'),
  lastLoginAt: ts('last_login_at'),
  totpResetRequestedBy: uuid('totp_reset_requested_by'),
  totpResetRequestedAt: ts('totp_reset_requested_at'),
  /** A partner member's organisation (migration 0016, partners module); null for staff. */
  organisationId: uuid('organisation_id'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const userRoles = pgTable(
  'user_roles',
  { userId: uuid('user_id').notNull(), role: text('role').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const userAreas = pgTable(
  'user_areas',
  { userId: uuid('user_id').notNull(), areaCode: text('area_code').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.areaCode] })],
);

export const passwordHistory = pgTable('password_history', {
  userId: uuid('user_id').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** Consecutive login failures per typed username (lockout, security.md decision 4). */
export const loginThrottle = pgTable('login_throttle', {
  usernameKey: text('username_key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: ts('locked_until'),
  updatedAt: ts('updated_at').notNull(),
});
