import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { consents } from './consents.tables';

export type ConsentRow = typeof consents.$inferSelect;
export type ConsentPurpose = ConsentRow['purpose'];

/** The basis that currently allows `purpose` for a client (a live consent or a statutory/emergency basis), or null. */
export async function activeBasis(db: DbOrTx, clientId: string, purpose: ConsentPurpose): Promise<ConsentRow | null> {
  const [row] = await db
    .select()
    .from(consents)
    .where(and(eq(consents.clientId, clientId), eq(consents.purpose, purpose), isNull(consents.revokedAt)))
    .orderBy(desc(consents.grantedAt))
    .limit(1);
  return row ?? null;
}

export function consentsOf(db: DbOrTx, clientId: string) {
  return db.select().from(consents).where(eq(consents.clientId, clientId)).orderBy(desc(consents.grantedAt));
}

export async function findConsent(db: DbOrTx, id: string): Promise<ConsentRow | null> {
  const [row] = await db.select().from(consents).where(eq(consents.id, id));
  return row ?? null;
}

export function insertConsent(db: DbOrTx, row: ConsentRow) {
  return db.insert(consents).values(row);
}

export function revokeConsent(db: DbOrTx, id: string, at: Date) {
  return db.update(consents).set({ revokedAt: at }).where(eq(consents.id, id));
}
