import { z } from 'zod';
import { Id, IsoDateTime } from './common';
import { AreaCode, AreaLevel } from './org';
import type { FieldCode } from './field-messages';
import { Permission, Role } from './permissions';

/** Ask to end the user's other sessions when this login succeeds (F13); honoured by whichever step opens the session. */
const EndOtherSessions = z.boolean().optional();

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  endOtherSessions: EndOtherSessions,
});

export const SessionInfo = z.object({
  user: z.object({ id: Id, username: z.string(), displayName: z.string() }),
  roles: z.array(Role),
  permissions: z.array(Permission),
  areas: z.array(z.object({ code: AreaCode, name: z.string(), level: AreaLevel })),
  /** The area the area switcher narrowed the view to, or null for the whole jurisdiction. */
  currentAreaCode: AreaCode.nullable(),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: IsoDateTime,
  demoMode: z.boolean(),
  totpEnabled: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionSummary = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const LoginResult = z.discriminatedUnion('status', [
  /** `otherSessions`: the user's other live sessions, so the login page can offer to end them (F13). */
  z.object({ status: z.literal('ok'), session: SessionInfo, otherSessions: z.array(SessionSummary) }),
  z.object({ status: z.literal('totp_required'), challengeId: z.string() }),
  z.object({
    status: z.literal('totp_setup_required'),
    challengeId: z.string(),
    secret: z.string(),
    otpauthUri: z.string(),
  }),
  z.object({
    status: z.literal('password_change_required'),
    challengeId: z.string(),
    reason: z.enum(['expired', 'reset']),
  }),
]);
export type LoginResult = z.infer<typeof LoginResult>;

export const TotpCode = z.string().regex(/^\d{6}$/, 'auth.totp_format' satisfies FieldCode);
export const LoginTotpInput = z.object({ challengeId: z.string(), code: TotpCode, endOtherSessions: EndOtherSessions });
export const LoginPasswordInput = z.object({
  challengeId: z.string(),
  newPassword: z.string().min(1).max(256),
  endOtherSessions: EndOtherSessions,
});

/** The browser's session probe: always 200, so a logged-out page load shows no failed request. */
export const CurrentSession = z.object({ session: SessionInfo.nullable(), expired: z.boolean() });

export const PublicConfig = z.object({
  demoMode: z.boolean(),
  passwordProfile: z.enum(['mlps', 'asvs']),
  version: z.string(),
});

export const PasswordChangeInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export const TotpSetup = z.object({ secret: z.string(), otpauthUri: z.string() });
export const TotpConfirmInput = z.object({ code: TotpCode });
export const CurrentAreaInput = z.object({ areaCode: AreaCode.nullable() });

export const SessionList = z.object({ items: z.array(SessionSummary) });
