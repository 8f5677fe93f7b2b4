import { randomUUID } from 'node:crypto';
import type { Role } from '@linli/contracts';
import type { AppContext } from '../../src/platform/context';
import { hashPassword } from '../../src/modules/users/password-hash';
import { insertArea } from '../../src/modules/org/areas.repository';
import { insertUser, lockAccountWrites, replaceAreas, replaceRoles } from '../../src/modules/users/users.repository';
import { transactionRetried } from '../../src/platform/transaction-retry';
import { addResidentProfile, testResidentPhone } from './residents';

export const TEST_PASSWORD = 'Test-pass-2026!';

let districtCounter = 0;
const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string): Promise<string> {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

export interface TestOrg {
  district: string;
  streetA: string;
  streetB: string;
  communityA: string;
  communityB: string;
  communityC: string;
  gridsA: string[];
  gridsB: string[];
}

/**
 * A fresh district (fictional codes 9xxxxx, so never a real one) with two streets, three communities and
 * two grids each. Every test builds its own, so tests never see each other's data.
 */
export async function buildOrg(ctx: AppContext): Promise<TestOrg> {
  districtCounter += 1;
  const d = `9${String(process.pid % 100).padStart(2, '0')}${String(districtCounter).padStart(3, '0')}`;
  const org: TestOrg = {
    district: `${d}000000`,
    streetA: `${d}001000`,
    streetB: `${d}002000`,
    communityA: `${d}001001`,
    communityB: `${d}001002`,
    communityC: `${d}002001`,
    gridsA: [`${d}001001001`, `${d}001001002`],
    gridsB: [`${d}001002001`, `${d}001002002`],
  };
  const now = ctx.clock.now();
  const rows: [string, string | null, 'district' | 'street' | 'community' | 'grid', string][] = [
    [org.district, null, 'district', '测试区'],
    [org.streetA, org.district, 'street', '甲街道'],
    [org.streetB, org.district, 'street', '乙街道'],
    [org.communityA, org.streetA, 'community', '一号社区'],
    [org.communityB, org.streetA, 'community', '二号社区'],
    [org.communityC, org.streetB, 'community', '三号社区'],
    [org.gridsA[0]!, org.communityA, 'grid', '一号网格'],
    [org.gridsA[1]!, org.communityA, 'grid', '二号网格'],
    [org.gridsB[0]!, org.communityB, 'grid', '一号网格'],
    [org.gridsB[1]!, org.communityB, 'grid', '二号网格'],
  ];
  for (const [code, parentCode, level, name] of rows) {
    await insertArea(ctx.db, {
      code,
      parentCode,
      level,
      name,
      status: 'active',
      mergedInto: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }
  return org;
}

let userCounter = 0;

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

export async function createUser(
  ctx: AppContext,
  options: {
    roles: Role[];
    areas: string[];
    username?: string;
    password?: string;
    phone?: string;
    totpSecret?: string;
    mustChangePassword?: boolean;
    status?: 'pending' | 'active' | 'disabled';
    totpResetRequestedBy?: string;
  },
): Promise<TestUser> {
  userCounter += 1;
  const id = randomUUID();
  const username = options.username ?? `u${process.pid}-${userCounter}-${options.roles[0]}`;
  const password = options.password ?? TEST_PASSWORD;
  const now = ctx.clock.now();
  // A resident account has a phone (it signs in with it on /m).
  const phone = options.phone ?? (options.roles.includes('resident') ? testResidentPhone() : undefined);
  const passwordHash = await cachedHash(password);
  // As the server writes accounts: one at a time (lockAccountWrites), in a transaction run again if cancelled.
  await transactionRetried(ctx.db, async (tx) => {
    await lockAccountWrites(tx);
    await insertUser(tx, {
      id,
      username,
      displayName: `测试用户${userCounter}`,
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: options.mustChangePassword ?? false,
      status: options.status ?? 'active',
      createdAt: now,
      updatedAt: now,
      totpResetRequestedBy: options.totpResetRequestedBy ?? null,
      totpResetRequestedAt: options.totpResetRequestedBy ? now : null,
      phoneEnc: phone ? ctx.cipher.encrypt(phone) : null,
      phoneBidx: phone ? ctx.cipher.blindIndex(phone) : null,
      totpSecretEnc: options.totpSecret ? ctx.cipher.encrypt(options.totpSecret) : null,
    });
    await replaceRoles(tx, id, options.roles);
    await replaceAreas(tx, id, options.areas);
  });
  if (phone && options.roles.includes('resident'))
    await addResidentProfile(ctx, { id, username, phone, areaCode: options.areas[0]! });
  return { id, username, password };
}
