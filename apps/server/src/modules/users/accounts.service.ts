import { randomUUID } from 'node:crypto';
import type { Role } from '@linli/contracts';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { revokeSessions } from './users.events';
import {
  claimTotpStep,
  insertUser,
  lockAccountWrites,
  replaceAreas,
  replaceRoles,
  updateUser,
} from './users.repository';

/**
 * What other modules may change on an account, by intent (the table writers stay inside this module): the login
 * flow records logins and second-factor state; the CLI and the demo seed create ready-to-use accounts.
 */

/** An active account with a known password hash (the CLI's first administrator, the demo accounts). */
export async function createAccount(
  tx: DbOrTx,
  input: {
    username: string;
    displayName: string;
    passwordHash: string;
    roles: Role[];
    areaCodes: string[];
    at: Date;
    /** A partner member's organisation (partners module). */
    organisationId?: string;
    /** The encrypted phone number and its blind index. */
    phone?: { enc: string; bidx: string };
  },
): Promise<string> {
  const id = randomUUID();
  await lockAccountWrites(tx);
  await insertUser(tx, {
    id,
    username: input.username,
    displayName: input.displayName,
    organisationId: input.organisationId ?? null,
    ...(input.phone ? { phoneEnc: input.phone.enc, phoneBidx: input.phone.bidx } : {}),
    passwordHash: input.passwordHash,
    passwordChangedAt: input.at,
    mustChangePassword: false,
    status: 'active',
    createdAt: input.at,
    updatedAt: input.at,
  });
  await replaceRoles(tx, id, [...new Set(input.roles)]);
  await replaceAreas(tx, id, [...new Set(input.areaCodes)]);
  return id;
}

/**
 * Enables or disables an account another module administers (partner members); disabling ends its sessions. The
 * staff account administration has its own rules (users.service.ts setStatus).
 */
export async function setAccountStatus(ctx: AppContext, tx: DbOrTx, userId: string, enabled: boolean, at: Date) {
  await updateUser(tx, userId, { status: enabled ? 'active' : 'disabled', updatedAt: at });
  if (!enabled) await revokeSessions(ctx, tx, userId, 'account disabled');
}

export function recordLogin(db: DbOrTx, userId: string, at: Date) {
  return updateUser(db, userId, { lastLoginAt: at });
}

/** Second-factor state: a pending secret while enrolling, the confirmed secret, the last time step used. */
export function setSecondFactor(
  db: DbOrTx,
  userId: string,
  at: Date,
  patch: { totpSecretEnc?: string | null; totpPendingEnc?: string | null; totpLastStep?: number | null },
) {
  return updateUser(db, userId, { ...patch, updatedAt: at });
}

/** Marks a one-time code's time step used if no later or equal step was used before; false when another login took it. */
export function useTotpStep(db: DbOrTx, userId: string, step: number, at: Date): Promise<boolean> {
  return claimTotpStep(db, userId, step, at);
}
