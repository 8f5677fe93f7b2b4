import { randomUUID } from 'node:crypto';
import type { Referral, ReferralInput } from '@linli/contracts';
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
import { resolveReferralProvider } from './referral-provider';
import type {} from './referrals.events';
import {
  findReferral,
  insertReferral,
  listReferrals,
  type ReferralRow,
  updateReferralIfVersion,
} from './referrals.repository';
type ResponseInput = { version: number; accepted: boolean; note?: string | undefined };
type Loaded = { row: ReferralRow; client: ClientRow };
const BY_PROVIDER = 'answered by the provider';
const ANSWERS: ReferralRow['status'][] = ['accepted', 'declined', 'done'];

/** The follow-up visit after a referral is done checks the service happened: due a week later. */
export const FOLLOW_UP_DAYS = 7;

function toReferral(row: ReferralRow, clientName: string): Referral {
  return {
    id: row.id,
    clientId: row.clientId,
    clientName,
    caseId: row.caseId,
    communityCode: row.areaCode,
    organisationId: row.organisationId,
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

  /** A referral the actor may work on as staff: its client visible and writable. */
  private async load(actor: Actor, id: string) {
    const row = await findReferral(this.ctx.db, id);
    const client = row ? await findClient(this.ctx.db, row.clientId) : null;
    if (!row || !client || !clientPolicy.canRead(actor, client, this.ctx.clock.now()))
      throw deniedNotFound(this.ctx, actor, 'referral', [id]);
    if (!clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw new AppError('common.forbidden');
    return { row, client };
  }

  /** A referral addressed to the actor's organisation (partners module), whatever its client's area; 404 otherwise. */
  private async loadForProvider(actor: Actor, organisationId: string, id: string) {
    const row = await findReferral(this.ctx.db, id);
    const client = row?.organisationId === organisationId ? await findClient(this.ctx.db, row.clientId) : null;
    if (!row || !client) throw deniedNotFound(this.ctx, actor, 'referral', [id], 'partners.not_found');
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

  async send(actor: Actor, clientId: string, input: ReferralInput) {
    const client = await this.clients.loadVisible(actor, clientId);
    if (!clientPolicy.canWrite(actor, client, this.ctx.clock.now())) throw new AppError('common.forbidden');
    const provider = await resolveReferralProvider(this.ctx.db, client.areaCode, input);
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
      ...provider,
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
        detail: `to ${provider.organisationId ? `organisation ${provider.organisationId}` : 'other'}; basis ${basis.basis}`,
      });
      if (provider.organisationId) {
        const payload = { referralId: row.id, organisationId: provider.organisationId };
        await this.ctx.events.emit(tx, 'care.referral.sent', payload, {
          actorId: actor.userId,
          areaCode: row.areaCode,
        });
      }
    });
    return toReferral(row, client.name);
  }

  /**
   * Sending a client's details to a third party needs a live consent for referral, or a statutory/emergency basis
   * (R-03, R-30); without one the attempt is audited as denied.
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
    { row, client }: { row: ReferralRow; client: ClientRow },
    version: number,
    from: ReferralRow['status'][],
    patch: Partial<ReferralRow>,
    action: string,
    options: { followUp?: boolean; detail?: string } = {},
  ) {
    const id = row.id;
    const { followUp = false, detail } = options;
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
        ...(detail ? { detail } : {}),
      });
      await this.notifySender(tx, actor, row, patch.status);
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
      areaCode: client.areaCode,
      status: 'planned',
      note: `follow-up of referral ${referralId}`,
      actorId: actor.userId,
      at: now,
    });
    return visitId;
  }

  async respond(actor: Actor, id: string, input: ResponseInput) {
    return this.respondTo(actor, await this.load(actor, id), input);
  }

  /** The provider's report-back closes the referral and books a follow-up visit to check the service happened. */
  async report(actor: Actor, id: string, input: { version: number; report: string }) {
    return this.reportOn(actor, await this.load(actor, id), input);
  }

  /**
   * The organisation a referral is addressed to answers it itself (partners module): the same steps and status
   * machine as staff recording the answer, authorised by the organisation instead of the client's area.
   */
  async respondAsProvider(actor: Actor, organisationId: string, id: string, input: ResponseInput) {
    return this.respondTo(actor, await this.loadForProvider(actor, organisationId, id), input, BY_PROVIDER);
  }

  async reportAsProvider(actor: Actor, organisationId: string, id: string, input: { version: number; report: string }) {
    return this.reportOn(actor, await this.loadForProvider(actor, organisationId, id), input, BY_PROVIDER);
  }

  private respondTo(actor: Actor, loaded: Loaded, input: ResponseInput, detail?: string) {
    const patch = {
      status: input.accepted ? ('accepted' as const) : ('declined' as const),
      respondedAt: this.ctx.clock.now(),
      responseNote: input.note ?? null,
    };
    return this.move(actor, loaded, input.version, ['sent'], patch, 'referral.respond', detail ? { detail } : {});
  }

  private reportOn(actor: Actor, loaded: Loaded, input: { version: number; report: string }, detail?: string) {
    const patch = { status: 'done' as const, reportBack: input.report, doneAt: this.ctx.clock.now() };
    return this.move(actor, loaded, input.version, ['accepted'], patch, 'referral.done', {
      followUp: true,
      ...(detail ? { detail } : {}),
    });
  }

  async withdraw(actor: Actor, id: string, input: { version: number; reason: string }) {
    const patch = { status: 'withdrawn' as const, responseNote: input.reason };
    return this.move(
      actor,
      await this.load(actor, id),
      input.version,
      ['sent', 'accepted'],
      patch,
      'referral.withdraw',
    );
  }

  /**
   * Tells whoever sent the referral that it was answered (accepted, declined, done) by someone else — the provider
   * itself, or a colleague recording the provider's answer — in the same transaction.
   */
  private async notifySender(tx: DbOrTx, actor: Actor, row: ReferralRow, status: ReferralRow['status'] | undefined) {
    if (!row.sentBy || row.sentBy === actor.userId || !status || !ANSWERS.includes(status)) return;
    await this.ctx.notifier.notify(tx, {
      userIds: [row.sentBy],
      event: 'referral.answered',
      objectType: 'referral',
      objectId: row.id,
      link: `/care/clients/${row.clientId}`,
      areaCode: row.areaCode,
      params: { status },
    });
  }
}
