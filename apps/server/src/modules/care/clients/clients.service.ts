import { type ClientDetail, parseIdNumber } from '@linli/contracts';
import { type Actor, codeInPrefixes } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findUserById } from '../../users';
import { policyFor } from '../policies/planning';
import { householdVisitFacts } from '../visits/visits.repository';
import {
  clientAssessments,
  clientCases,
  clientEventsOf,
  clientReferrals,
  clientTierChanges,
  clientVisits,
} from './client-history.repository';
import { clientDetail, clientSummary } from './client-view';
import { type ClientRow, findClient, listClients, nextDueFor } from './clients.repository';
import { clientPolicy, clientVisibility } from './clients.policy';
import { ExactLookupGuard } from './exact-lookup';

const LIST_FIELDS = ['name', 'sex', 'age', 'idNumberMasked', 'phoneMasked', 'categories', 'tier', 'status'];
const DETAIL_FIELDS = [
  ...LIST_FIELDS,
  'birthDate',
  'address',
  'disabilityCardMasked',
  'disability',
  'emergencyContact',
  'notes',
];

/**
 * Clients: the register (list, detail, reveal). Entry with its duplicate check is ClientEntryService
 * (client-entry.service.ts), edits and status changes ClientChangesService (client-changes.service.ts).
 */
export class ClientsService {
  /** Lookups by a full ID or mobile number, rationed per user: list searches, duplicate checks and entries share it. */
  readonly exactLookups: ExactLookupGuard;

  constructor(private readonly ctx: AppContext) {
    this.exactLookups = new ExactLookupGuard(ctx);
  }

  private now() {
    return this.ctx.clock.now();
  }

  /** Loads a client the actor may see, or answers 404 and audits the denial. */
  async loadVisible(actor: Actor, id: string): Promise<ClientRow> {
    const row = await findClient(this.ctx.db, id);
    if (!row || !clientPolicy.canRead(actor, row, this.now())) throw deniedNotFound(this.ctx, actor, 'client', [id]);
    return row;
  }

  async list(
    actor: Actor,
    query: {
      q?: string | undefined;
      communityCode?: string | undefined;
      gridCode?: string | undefined;
      tier?: string | undefined;
      category?: string | undefined;
      status?: string | undefined;
      overdue?: 'true' | 'false' | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    for (const code of [query.communityCode, query.gridCode]) {
      if (code && !codeInPrefixes(code, actor.scopePrefixes))
        throw deniedNotFound(this.ctx, actor, 'area', [code], 'area.not_found');
    }
    const q = query.q?.trim();
    const id = q ? parseIdNumber(q) : null;
    const phone = q && /^1\d{10}$/.test(q) ? q : null;
    if (id || phone) this.exactLookups.check(actor, id ? 'idNumber' : 'phone', 'search', true);
    const { rows, total } = await listClients(this.ctx.db, clientVisibility(actor, this.now()), {
      ...query,
      q: id || phone ? undefined : q,
      idBidx: id ? this.ctx.cipher.blindIndex(id.idNumber) : undefined,
      phoneBidx: phone ? this.ctx.cipher.blindIndex(phone) : undefined,
      overdueOn: query.overdue === 'true' ? chinaToday(this.now()) : undefined,
    });
    auditRead(this.ctx, actor, {
      action: 'client.list',
      objectType: 'client',
      objectIds: rows.map((r) => r.client.id),
      fields: LIST_FIELDS,
      detail: q ? 'search' : null,
    });
    return {
      items: rows.map((r) => clientSummary(r.client, r.nextDue, this.now())),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<ClientDetail> {
    const row = await this.loadVisible(actor, id);
    // One wait for everything the page shows (the policy too: it dates the next reassessment).
    const [assessments, changes, visits, assignee, nextDue, events, cases, referrals, policy, household] =
      await Promise.all([
        clientAssessments(this.ctx.db, id),
        clientTierChanges(this.ctx.db, id),
        clientVisits(this.ctx.db, id),
        row.assigneeId ? findUserById(this.ctx.db, row.assigneeId) : null,
        nextDueFor(this.ctx.db, id),
        clientEventsOf(this.ctx.db, id),
        clientCases(this.ctx.db, id),
        clientReferrals(this.ctx.db, id),
        row.tier ? policyFor(this.ctx.db, row.areaCode) : null,
        householdVisitFacts(this.ctx.db, id),
      ]);
    if (audit)
      auditRead(this.ctx, actor, {
        action: 'client.read',
        objectType: 'client',
        objectIds: [id],
        fields: DETAIL_FIELDS,
      });
    const parts = {
      assessments,
      changes,
      visits,
      events,
      cases,
      referrals,
      household,
      assigneeName: assignee?.displayName ?? null,
      nextDue,
      policy,
    };
    return clientDetail(actor, row, parts, this.now());
  }

  /** Full value of one masked field: needs the permission and a reason, and is audited with both. */
  async reveal(
    actor: Actor,
    id: string,
    field: 'idNumber' | 'phone' | 'disabilityCardNumber' | 'emergencyContactPhone',
    reason: string,
  ) {
    const row = await this.loadVisible(actor, id);
    if (!clientPolicy.canReveal(actor, row, this.now())) throw new AppError('common.forbidden');
    const encrypted = {
      idNumber: row.idNumberEnc,
      phone: row.phoneEnc,
      disabilityCardNumber: row.disabilityCardEnc,
      emergencyContactPhone: row.emergencyPhoneEnc,
    }[field];
    await this.ctx.db.transaction((tx) =>
      auditInTx(this.ctx, tx, actor, {
        action: 'client.reveal',
        objectType: 'client',
        objectIds: [id],
        fields: [field],
        detail: `reason: ${reason}`,
      }),
    );
    return { field, value: encrypted ? this.ctx.cipher.decrypt(encrypted) : null };
  }
}
