import { PRIVACY_NOTICE } from '@linli/contracts/modules/residents';
import type { AppContext } from '../../src/platform/context';
import { insertProfile } from '../../src/modules/residents/residents.repository';

/**
 * Resident accounts made by createUser() (roles ['resident']): each gets a phone and a resident profile, and the
 * test client signs it in on the mobile entry (/api/m/login) — the staff login refuses resident accounts.
 */
const phones = new Map<string, string>();
let counter = 0;

/** A phone no other test resident of this process has (139 + pid-derived digits + a counter). */
export function testResidentPhone(): string {
  counter += 1;
  return `139${String(process.pid % 10_000).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
}

/** The phone a test resident signs in with, or undefined for other accounts. */
export function residentPhoneOf(username: string): string | undefined {
  return phones.get(username);
}

export async function addResidentProfile(
  ctx: AppContext,
  user: { id: string; username: string; phone: string; areaCode: string },
): Promise<void> {
  const now = ctx.clock.now();
  await insertProfile(ctx.db, {
    userId: user.id,
    areaCode: user.areaCode,
    phoneBidx: ctx.cipher.blindIndex(user.phone),
    consentVersion: PRIVACY_NOTICE.version,
    consentedAt: now,
    createdAt: now,
  });
  phones.set(user.username, user.phone);
}
