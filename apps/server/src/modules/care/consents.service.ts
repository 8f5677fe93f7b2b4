import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { consents } from './cases.tables';
import { findClient } from './clients.repository';
import { clientPolicy } from './clients.policy';
import type { ClientsService } from './clients.service';

type Purpose = 'care_services' | 'referral' | 'sensitive_data' | 'disclosure';
type ConsentRow = typeof consents.$inferSelect;

export function toConsent(row: ConsentRow) {
  return {
    id: row.id, clientId: row.clientId, purpose: row.purpose, basis: row.basis, statute: row.statute, grantedBy: row.grantedBy,
    guardianName: row.guardianName, noticeVersion: row.noticeVersion, grantedAt: row.grantedAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The basis that currently allows `purpose` for a client (a live consent or a statutory/emergency basis), or null. */
export async function activeBasis(db: DbOrTx, clientId: string, purpose: Purpose): Promise<ConsentRow | null> {
  const [row] = await db.select().from(consents).where(and(eq(consents.clientId, clientId), eq(consents.purpose, purpose), isNull(consents.revokedAt))).orderBy(desc(consents.grantedAt)).limit(1);
  return row ?? null;
}

/** Per-purpose, revocable consent records; revoking one blocks what depends on it. */
export class ConsentsService {
  constructor(private readonly ctx: AppContext, private readonly clients: ClientsService) {}

  async list(actor: Actor, clientId: string) {
    await this.clients.loadVisible(actor, clientId);
    const rows = await this.ctx.db.select().from(consents).where(eq(consents.clientId, clientId)).orderBy(desc(consents.grantedAt));
    auditRead(this.ctx, actor, { action: 'consent.list', objectType: 'client', objectIds: [clientId], fields: ['purpose', 'basis', 'guardianName'] });
    return { items: rows.map(toConsent) };
  }

  async record(actor: Actor, clientId: string, input: { purpose: Purpose; basis: 'consent' | 'statutory_duty' | 'emergency'; statute?: string | undefined; grantedBy: 'self' | 'guardian' | 'not_applicable'; guardianName?: string | undefined; noticeVersion: string }) {
    const client = await this.clients.loadVisible(actor, clientId);
    if (!clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw new AppError('common.forbidden');
    const row: ConsentRow = {
      id: randomUUID(), clientId, areaCode: client.areaCode, purpose: input.purpose, basis: input.basis, statute: input.statute ?? null,
      grantedBy: input.grantedBy, guardianName: input.guardianName ?? null, noticeVersion: input.noticeVersion, grantedAt: this.ctx.clock.now(),
      revokedAt: null, recordedBy: actor.userId,
    };
    await this.ctx.db.transaction(async (tx) => {
      await tx.insert(consents).values(row);
      await auditInTx(this.ctx, tx, actor, { action: 'consent.record', objectType: 'client', objectIds: [clientId, row.id], fields: ['purpose', 'basis'] });
    });
    return toConsent(row);
  }

  async revoke(actor: Actor, consentId: string) {
    const [row] = await this.ctx.db.select().from(consents).where(eq(consents.id, consentId));
    const client = row ? await findClient(this.ctx.db, row.clientId) : null;
    if (!row || !client || !clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw deniedNotFound(this.ctx, actor, 'consent', [consentId]);
    if (row.revokedAt) throw new AppError('care.invalid_state');
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await tx.update(consents).set({ revokedAt: now }).where(eq(consents.id, consentId));
      await auditInTx(this.ctx, tx, actor, { action: 'consent.revoke', objectType: 'client', objectIds: [row.clientId, consentId], fields: ['revokedAt'] });
    });
    return toConsent({ ...row, revokedAt: now });
  }
}
