import { type ClientDetail, parseIdNumber } from '@linli/contracts';
import { type Actor, codeInPrefixes, scopeCommunities } from '../../../platform/access';
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
  staffNames,
} from './client-history.repository';
import { actorIdsOf, historyEntries, timelinePage, withActorNames } from './client-timeline';
import { type ClientDetailParts, clientDetail, clientSummary, firstTimelinePage } from './client-view';
import { type ClientRow, findClient, listClients } from './clients.repository';
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
    const row = await findClient(this.ctx.db, id, scopeCommunities(actor.scopePrefixes));
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
      items: rows.map((r) => clientSummary(r.client, { due: r.nextDue, windowEnd: r.firstWindowEnd }, this.now())),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<ClientDetail> {
    const row = await this.loadVisible(actor, id);
    const parts = await this.detailParts(row);
    if (audit)
      auditRead(this.ctx, actor, {
        action: 'client.read',
        objectType: 'client',
        objectIds: [id],
        fields: DETAIL_FIELDS,
      });
    const first = firstTimelinePage(row, parts);
    const names = await staffNames(this.ctx.db, first.actorIds);
    return clientDetail(actor, row, parts, { ...first, names }, this.now());
  }

  /** An older page of the client's history (the detail carries the first): read like the detail, and audited. */
  async timeline(actor: Actor, id: string, query: { before?: string | undefined; limit: number }) {
    const row = await this.loadVisible(actor, id);
    const parts = await this.detailParts(row);
    const { page, nextCursor } = timelinePage(historyEntries(row, parts), query.before, query.limit);
    auditRead(this.ctx, actor, {
      action: 'client.read',
      objectType: 'client',
      objectIds: [id],
      // What a history page shows beyond codes: visit outcomes, notes and services, status-change reasons.
      fields: ['outcome', 'notes', 'services', 'reason'],
      detail: 'timeline',
    });
    const names = await staffNames(this.ctx.db, actorIdsOf(page));
    return { items: withActorNames(page, names), nextCursor };
  }

  /** Everything the detail page shows besides the row, in one wait (the policy too: it dates the next reassessment). */
  private async detailParts(row: ClientRow): Promise<ClientDetailParts> {
    const db = this.ctx.db;
    const [assessments, changes, visits, assignee, events, cases, referrals, policy, household] = await Promise.all([
      clientAssessments(db, row),
      clientTierChanges(db, row),
      clientVisits(db, row),
      row.assigneeId ? findUserById(db, row.assigneeId) : null,
      clientEventsOf(db, row),
      clientCases(db, row),
      clientReferrals(db, row),
      row.tier ? policyFor(db, row.areaCode) : null,
      householdVisitFacts(db, row),
    ]);
    const assigneeName = assignee?.displayName ?? null;
    // The earliest planned visit's due date, from the visits already read (one query fewer per detail page).
    const nextDue =
      visits
        .filter((v) => v.status === 'planned')
        .map((v) => v.dueDate)
        .sort()[0] ?? null;
    return { assessments, changes, visits, events, cases, referrals, household, assigneeName, nextDue, policy };
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
