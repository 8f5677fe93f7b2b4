import { inSameArea } from '../../../platform/colocated';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { type ClientVisibility, visibleClients } from '../clients/clients.repository';
import { clients } from '../clients/clients.tables';
import { referrals } from './referrals.tables';

export type ReferralRow = typeof referrals.$inferSelect;

export async function findReferral(db: DbOrTx, id: string): Promise<ReferralRow | null> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  return row ?? null;
}

/** Referrals of clients the actor may see, newest first, with the client's name. */
export function listReferrals(
  db: DbOrTx,
  visibility: ClientVisibility,
  filter: { status?: string | undefined; clientId?: string | undefined },
) {
  return db
    .select({ r: referrals, name: clients.name })
    .from(referrals)
    .innerJoin(clients, inSameArea(eq(clients.id, referrals.clientId), clients, referrals))
    .where(
      and(
        visibleClients(visibility),
        filter.status ? eq(referrals.status, filter.status as 'sent') : undefined,
        filter.clientId ? eq(referrals.clientId, filter.clientId) : undefined,
      ),
    )
    .orderBy(desc(referrals.sentAt))
    .limit(500);
}

export function insertReferral(db: DbOrTx, row: ReferralRow) {
  return db.insert(referrals).values(row);
}

/** Moves a referral on only if it still has `version`; false when someone else moved it first. */
export async function updateReferralIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<ReferralRow>,
): Promise<boolean> {
  const updated = await db
    .update(referrals)
    .set(patch)
    .where(and(eq(referrals.id, id), eq(referrals.version, version)))
    .returning({ id: referrals.id });
  return updated.length > 0;
}
