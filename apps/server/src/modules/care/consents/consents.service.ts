import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findClient } from '../clients/clients.repository';
import { clientPolicy } from '../clients/clients.policy';
import type { ClientsService } from '../clients/clients.service';
import {
  type ConsentPurpose,
  type ConsentRow,
  consentsOf,
  findConsent,
  insertConsent,
  revokeConsent,
} from './consents.repository';

export function toConsent(row: ConsentRow) {
  return {
    id: row.id,
    clientId: row.clientId,
    purpose: row.purpose,
    basis: row.basis,
    statute: row.statute,
    grantedBy: row.grantedBy,
    guardianName: row.guardianName,
    noticeVersion: row.noticeVersion,
    grantedAt: row.grantedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Per-purpose, revocable consent records; revoking one blocks what depends on it. */
export class ConsentsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly clients: ClientsService,
  ) {}

  async list(actor: Actor, clientId: string) {
    await this.clients.loadVisible(actor, clientId);
    const rows = await consentsOf(this.ctx.db, clientId);
    auditRead(this.ctx, actor, {
      action: 'consent.list',
      objectType: 'client',
      objectIds: [clientId],
      fields: ['purpose', 'basis', 'guardianName'],
    });
    return { items: rows.map(toConsent) };
  }

  async record(
    actor: Actor,
    clientId: string,
    input: {
      purpose: ConsentPurpose;
      basis: 'consent' | 'statutory_duty' | 'emergency';
      statute?: string | undefined;
      grantedBy: 'self' | 'guardian' | 'not_applicable';
      guardianName?: string | undefined;
      noticeVersion: string;
    },
  ) {
    const client = await this.clients.loadVisible(actor, clientId);
    if (!clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw new AppError('common.forbidden');
    const row: ConsentRow = {
      id: randomUUID(),
      clientId,
      areaCode: client.areaCode,
      purpose: input.purpose,
      basis: input.basis,
      statute: input.statute ?? null,
      grantedBy: input.grantedBy,
      guardianName: input.guardianName ?? null,
      noticeVersion: input.noticeVersion,
      grantedAt: this.ctx.clock.now(),
      revokedAt: null,
      recordedBy: actor.userId,
    };
    await this.ctx.db.transaction(async (tx) => {
      await insertConsent(tx, row);
      await auditInTx(this.ctx, tx, actor, {
        action: 'consent.record',
        objectType: 'client',
        objectIds: [clientId, row.id],
        fields: ['purpose', 'basis'],
      });
    });
    return toConsent(row);
  }

  async revoke(actor: Actor, consentId: string) {
    const row = await findConsent(this.ctx.db, consentId);
    const client = row ? await findClient(this.ctx.db, row.clientId) : null;
    if (!row || !client || !clientPolicy.canWrite(actor, client, this.ctx.clock.now()))
      throw deniedNotFound(this.ctx, actor, 'consent', [consentId]);
    if (row.revokedAt) throw new AppError('care.invalid_state');
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await revokeConsent(tx, consentId, now);
      await auditInTx(this.ctx, tx, actor, {
        action: 'consent.revoke',
        objectType: 'client',
        objectIds: [row.clientId, consentId],
        fields: ['revokedAt'],
      });
    });
    return toConsent({ ...row, revokedAt: now });
  }
}
