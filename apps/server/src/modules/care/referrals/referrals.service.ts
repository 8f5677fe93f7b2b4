import { randomUUID } from 'node:crypto';
import type { Referral } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { addDays, chinaToday } from '../../../platform/dates';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findCase } from '../cases/cases.repository';
import { type ClientRow, findClient } from '../clients/clients.repository';
import { clientPolicy, clientVisibility } from '../clients/clients.policy';
import type { ClientsService } from '../clients/clients.service';
import { activeBasis } from '../consents/consents.repository';
import { addVisitEvent, insertVisit } from '../visits/visits.repository';
import {
  findReferral,
  insertReferral,
  listReferrals,
  type ReferralRow,
  updateReferralIfVersion,
} from './referrals.repository';
/** The follow-up visit after a referral is done checks the service happened: due a week later. */
export const FOLLOW_UP_DAYS = 7;

function toReferral(row: ReferralRow, clientName: string): Referral {
  return {
    id: row.id,
    clientId: row.clientId,
    clientName,
    caseId: row.caseId,
    communityCode: row.areaCode,
    providerName: row.providerName,
    providerType: row.providerType,
    service: row.service,
    status: row.status,
    sentAt: row.sentAt.toISOString(),
    respondedAt: row.respondedAt?.toISOString() ?? null,
    responseNote: row.responseNote,
    reportBack: row.reportBack,
    doneAt: row.doneAt?.toISOString() ?? null,
    followUpVisitId: row.followUpVisitId,
    version: row.version,
  };
}

/** Referrals (转介): sent → accepted | declined → done, or withdrawn; consent checked before sending. */
export class ReferralsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly clients: ClientsService,
  ) {}

  private async load(actor: Actor, id: string) {
    const row = await findReferral(this.ctx.db, id);
    const client = row ? await findClient(this.ctx.db, row.clientId) : null;
    if (!row || !client || !clientPolicy.canRead(actor, client, this.ctx.clock.now()))
      throw deniedNotFound(this.ctx, actor, 'referral', [id]);
    if (!clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw new AppError('common.forbidden');
    return { row, client };
  }

  async list(actor: Actor, query: { status?: string | undefined; clientId?: string | undefined }) {
    const rows = await listReferrals(this.ctx.db, clientVisibility(actor, this.ctx.clock.now()), query);
    auditRead(this.ctx, actor, {
      action: 'referral.list',
      objectType: 'referral',
      objectIds: rows.map((r) => r.r.id),
      fields: ['clientName', 'service', 'status'],
    });
    return { items: rows.map(({ r, name }) => toReferral(r, name)) };
  }

  async send(
    actor: Actor,
    clientId: string,
    input: {
      providerName: string;
      providerType: ReferralRow['providerType'];
      service: string;
      caseId?: string | undefined;
    },
  ) {
    const client = await this.clients.loadVisible(actor, clientId);
    if (!clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw new AppError('common.forbidden');
    const basis = await this.referralBasis(actor, clientId);
    if (input.caseId) {
      const kase = await findCase(this.ctx.db, input.caseId);
      if (!kase || kase.clientId !== clientId)
        throw new AppError('common.validation_failed', [{ path: 'caseId', code: 'care.case_of_other_client' }]);
    }
    const row: ReferralRow = {
      id: randomUUID(),
      clientId,
      caseId: input.caseId ?? null,
      areaCode: client.areaCode,
      providerName: input.providerName,
      providerType: input.providerType,
      service: input.service,
      status: 'sent',
      consentId: basis.id,
      sentBy: actor.userId,
      sentAt: this.ctx.clock.now(),
      respondedAt: null,
      responseNote: null,
      reportBack: null,
      doneAt: null,
      followUpVisitId: null,
      version: 1,
    };
    await this.ctx.db.transaction(async (tx) => {
      await insertReferral(tx, row);
      await auditInTx(this.ctx, tx, actor, {
        action: 'referral.send',
        objectType: 'referral',
        objectIds: [row.id, clientId],
        fields: ['name', 'service'],
        detail: `to ${input.providerName}; basis ${basis.basis}`,
      });
    });
    return toReferral(row, client.name);
  }

  /**
   * Sending a client's details to a third party needs a live consent for referral, or a statutory/emergency basis
   * without one the attempt is audited as denied.
   */
  private async referralBasis(actor: Actor, clientId: string) {
    const basis = await activeBasis(this.ctx.db, clientId, 'referral');
    if (basis) return basis;
    await this.ctx.db.transaction((tx) =>
      auditInTx(this.ctx, tx, actor, {
        action: 'referral.send',
        objectType: 'client',
        objectIds: [clientId],
        result: 'denied',
        detail: 'no consent for referral',
      }),
    );
    throw new AppError('care.consent_required');
  }

  private async move(
    actor: Actor,
    id: string,
    version: number,
    from: ReferralRow['status'][],
    patch: Partial<ReferralRow>,
    action: string,
    followUp = false,
  ) {
    const { row, client } = await this.load(actor, id);
    if (!from.includes(row.status)) throw new AppError('care.invalid_state');
    if (row.version !== version) throw new AppError('common.conflict');
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const followUpVisitId = followUp ? await this.bookFollowUpVisit(tx, actor, id, client, now) : null;
      if (
        !(await updateReferralIfVersion(tx, id, version, {
          ...patch,
          ...(followUpVisitId ? { followUpVisitId } : {}),
          version: row.version + 1,
        }))
      )
        throw new AppError('common.conflict');
      await auditInTx(this.ctx, tx, actor, {
        action,
        objectType: 'referral',
        objectIds: [id, client.id],
        fields: Object.keys(patch),
      });
    });
    const saved = await findReferral(this.ctx.db, id);
    return toReferral(saved!, client.name);
  }

  /** A phone visit FOLLOW_UP_DAYS after the report-back, to check the service happened; returns its id. */
  private async bookFollowUpVisit(
    tx: DbOrTx,
    actor: Actor,
    referralId: string,
    client: ClientRow,
    now: Date,
  ): Promise<string> {
    const visitId = randomUUID();
    const due = addDays(chinaToday(now), FOLLOW_UP_DAYS);
    await insertVisit(tx, {
      id: visitId,
      clientId: client.id,
      areaCode: client.areaCode,
      gridCode: client.gridCode,
      assigneeId: client.assigneeId,
      windowStart: addDays(due, -2),
      dueDate: due,
      windowEnd: addDays(due, 3),
      mode: 'phone',
      status: 'planned',
      tier: client.tier,
      services: [],
      outcomeNotes: null,
      createdAt: now,
      updatedAt: now,
    });
    await addVisitEvent(tx, {
      id: randomUUID(),
      visitId,
      status: 'planned',
      note: `follow-up of referral ${referralId}`,
      actorId: actor.userId,
      at: now,
    });
    return visitId;
  }

  respond(actor: Actor, id: string, input: { version: number; accepted: boolean; note?: string | undefined }) {
    return this.move(
      actor,
      id,
      input.version,
      ['sent'],
      {
        status: input.accepted ? 'accepted' : 'declined',
        respondedAt: this.ctx.clock.now(),
        responseNote: input.note ?? null,
      },
      'referral.respond',
    );
  }

  /** The provider's report-back closes the referral and books a follow-up visit to check the service happened. */
  report(actor: Actor, id: string, input: { version: number; report: string }) {
    return this.move(
      actor,
      id,
      input.version,
      ['accepted'],
      { status: 'done', reportBack: input.report, doneAt: this.ctx.clock.now() },
      'referral.done',
      true,
    );
  }

  withdraw(actor: Actor, id: string, input: { version: number; reason: string }) {
    return this.move(
      actor,
      id,
      input.version,
      ['sent', 'accepted'],
      { status: 'withdrawn', responseNote: input.reason },
      'referral.withdraw',
    );
  }
}
