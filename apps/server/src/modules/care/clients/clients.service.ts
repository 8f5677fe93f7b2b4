import { randomUUID } from 'node:crypto';
import { type ClientDetail, type ClientInput, parseIdNumber } from '@linli/contracts';
import { type Actor, codeInPrefixes, scopePrefix } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { addDays, chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findArea } from '../../org';
import { findUserById, findUserWithGrants } from '../../users';
import { findHousehold } from '../households/households.repository';
import { planNextVisit, policyFor } from '../policies/planning';
import { addVisitEvent, cancelPlanned, householdVisitFacts, reassignPlanned } from '../visits/visits.repository';
import { type ClientEdit, clientEditPatch, newClientRow } from './client-record';
import { clientDetail, clientSummary } from './client-view';
import {
  type ClientRow,
  clientAssessments,
  clientCases,
  clientEventsOf,
  clientReferrals,
  clientTierChanges,
  clientVisits,
  findClient,
  findDuplicateCandidates,
  insertClient,
  insertClientEvents,
  listClients,
  nextDueFor,
  updateClient,
  updateClientIfVersion,
} from './clients.repository';
import { clientPolicy, clientVisibility } from './clients.policy';
import { ExactLookupGuard } from './exact-lookup';
import { nameSearchKeys } from './names';

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

type DuplicateKeys = Pick<ClientInput, 'name' | 'idNumber' | 'phone' | 'birthDate' | 'communityCode'>;
type ClientStatusChange = {
  version: number;
  status: 'active' | 'paused' | 'moved_out' | 'deceased' | 'closed';
  resumeOn?: string | undefined;
  reason: string;
};

/** Clients: the register (list, detail, reveal, duplicate check, entry) and the edits that carry open visits with them. */
export class ClientsService {
  private readonly exactLookups: ExactLookupGuard;

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

  /**
   * The duplicate check before entry; audited, since it can disclose that a person is a client. The community must lie
   * in the caller's jurisdiction, and a match the caller may not see is reported only as "may exist elsewhere" (F5).
   */
  async duplicates(actor: Actor, input: DuplicateKeys) {
    if (!codeInPrefixes(input.communityCode, actor.scopePrefixes))
      throw deniedNotFound(this.ctx, actor, 'area', [input.communityCode], 'area.not_found');
    const found = await this.findDuplicates(actor, input, 'duplicate check');
    auditRead(this.ctx, actor, {
      action: 'client.duplicate_check',
      objectType: 'client',
      objectIds: found.duplicates.map((d) => d.clientId),
      fields: ['name', 'idNumber', 'phone', 'birthDate'],
      detail: found.elsewhere ? 'a match outside the caller\'s view (reported as "may exist elsewhere")' : null,
    });
    return found;
  }

  private async findDuplicates(actor: Actor, input: DuplicateKeys, via: string) {
    if (input.idNumber) this.exactLookups.check(actor, 'idNumber', via, false);
    else if (input.phone) this.exactLookups.check(actor, 'phone', via, false);
    const id = input.idNumber ? parseIdNumber(input.idNumber) : null;
    const birthDate = id?.birthDate ?? input.birthDate;
    const candidates = await findDuplicateCandidates(this.ctx.db, {
      idBidx: id ? this.ctx.cipher.blindIndex(id.idNumber) : undefined,
      phoneBidx: input.phone ? this.ctx.cipher.blindIndex(input.phone) : undefined,
      pinyin: nameSearchKeys(input.name).pinyin,
      birthDate,
      areaCode: input.communityCode,
    });
    const pinyin = nameSearchKeys(input.name).pinyin;
    // Only what the actor may see is reported; a match outside their view (another community, a minor hidden from
    // them) only sets `elsewhere`: no id, no name, no community.
    const visible = candidates.filter((c) => clientPolicy.canRead(actor, c, this.now()));
    return {
      duplicates: visible.map((c) => {
        const matchedOn: ('id_number' | 'phone' | 'pinyin_birth_date')[] = [];
        if (id && c.idNumberBidx === this.ctx.cipher.blindIndex(id.idNumber)) matchedOn.push('id_number');
        if (input.phone && c.phoneBidx === this.ctx.cipher.blindIndex(input.phone)) matchedOn.push('phone');
        if (birthDate && c.namePinyin === pinyin && c.birthDate === birthDate && c.areaCode === input.communityCode)
          matchedOn.push('pinyin_birth_date');
        return { clientId: c.id, name: c.name, communityCode: c.areaCode, matchedOn };
      }),
      elsewhere: visible.length < candidates.length,
    };
  }

  /**
   * An assignee is an active staff member serving the client's community and inside the actor's jurisdiction; anyone
   * else answers as "no such user", whether they exist or not (ids inside bodies are scope-checked too, F5).
   */
  private async assertAssignee(actor: Actor, userId: string | null | undefined, communityCode: string): Promise<void> {
    if (!userId) return;
    const user = await findUserWithGrants(this.ctx.db, userId);
    const serves =
      user?.status === 'active' &&
      user.areaCodes.some((c) => communityCode.startsWith(scopePrefix(c)) || c.startsWith(communityCode));
    if (!user || !serves || !user.areaCodes.some((c) => codeInPrefixes(c, actor.scopePrefixes))) {
      throw new AppError('user.not_found', [{ path: 'assigneeId', code: 'care.assignee_not_in_community' }]);
    }
  }

  /** A grid named in an entry or edit: an active grid of the client's community. */
  private async assertGrid(gridCode: string | null | undefined, communityCode: string): Promise<void> {
    if (
      gridCode &&
      !(gridCode.startsWith(communityCode) && (await findArea(this.ctx.db, gridCode))?.status === 'active')
    ) {
      throw new AppError('area.not_found', [{ path: 'gridCode', code: 'area.unknown', params: { code: gridCode } }]);
    }
  }

  async create(actor: Actor, input: ClientInput): Promise<ClientDetail> {
    const community = await findArea(this.ctx.db, input.communityCode);
    if (
      !community ||
      community.level !== 'community' ||
      community.status !== 'active' ||
      !codeInPrefixes(community.code, actor.scopePrefixes)
    ) {
      throw new AppError('area.not_found', [
        { path: 'communityCode', code: 'area.unknown', params: { code: input.communityCode } },
      ]);
    }
    await this.assertGrid(input.gridCode, community.code);
    await this.assertAssignee(actor, input.assigneeId, community.code);
    const id = input.idNumber ? parseIdNumber(input.idNumber)! : null;
    if (id && input.birthDate && input.birthDate !== id.birthDate) {
      throw new AppError('common.validation_failed', [{ path: 'birthDate', code: 'care.birth_date_mismatch' }]);
    }
    if (id && input.sex && input.sex !== id.sex) {
      throw new AppError('common.validation_failed', [{ path: 'sex', code: 'care.sex_mismatch' }]);
    }
    if (!input.confirmDuplicates) {
      const found = await this.findDuplicates(actor, input, 'create');
      if (found.duplicates.length || found.elsewhere) {
        auditRead(this.ctx, actor, {
          action: 'client.duplicate_check',
          objectType: 'client',
          objectIds: found.duplicates.map((d) => d.clientId),
          fields: ['name', 'idNumber', 'phone', 'birthDate'],
          detail: found.elsewhere ? "at create; a match outside the caller's view" : 'at create',
        });
        throw new AppError('care.duplicate_suspected', [
          ...found.duplicates.map((d) => ({
            path: 'duplicates',
            code: 'care.duplicate_candidate' as const,
            params: {
              clientId: d.clientId,
              matchedOn: d.matchedOn.join('+'),
              communityCode: d.communityCode,
              name: d.name,
            },
          })),
          ...(found.elsewhere ? [{ path: 'elsewhere', code: 'care.record_elsewhere' as const }] : []),
        ]);
      }
    }
    const clientId = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertClient(tx, newClientRow(this.ctx, actor, clientId, input, community.code));
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.create',
        objectType: 'client',
        objectIds: [clientId],
        fields: Object.keys(input).filter((k) => k !== 'confirmDuplicates'),
      });
    });
    return this.detail(actor, clientId, false);
  }

  /** An edit with the version read; changing the grid or the assignee moves the client's open visits along. */
  async update(actor: Actor, id: string, input: ClientEdit): Promise<ClientDetail> {
    const client = await this.loadVisible(actor, id);
    const now = this.now();
    if (!clientPolicy.canWrite(actor, client, now)) throw new AppError('common.forbidden');
    if (client.version !== input.version) throw new AppError('common.conflict');
    await this.assertGrid(input.gridCode, client.areaCode);
    await this.assertAssignee(actor, input.assigneeId, client.areaCode);
    if (input.householdId) {
      const household = await findHousehold(this.ctx.db, input.householdId);
      if (!household || household.areaCode !== client.areaCode)
        throw new AppError('common.validation_failed', [
          { path: 'householdId', code: 'care.household_other_community' },
        ]);
    }
    const patch = clientEditPatch(this.ctx, input);
    const fields = Object.keys(input).filter(
      (k) => k !== 'version' && (input as Record<string, unknown>)[k] !== undefined,
    );
    await this.ctx.db.transaction(async (tx) => {
      if (
        !(await updateClientIfVersion(tx, id, input.version, { ...patch, version: client.version + 1, updatedAt: now }))
      )
        throw new AppError('common.conflict');
      if (input.assigneeId !== undefined || input.gridCode !== undefined) {
        await reassignPlanned(
          tx,
          id,
          input.assigneeId !== undefined ? input.assigneeId : client.assigneeId,
          input.gridCode !== undefined ? input.gridCode : client.gridCode,
          now,
        );
      }
      await insertClientEvents(tx, {
        id: randomUUID(),
        clientId: id,
        kind: input.assigneeId !== undefined ? 'reassigned' : 'updated',
        detail: { fields },
        actorId: actor.userId,
        at: now,
      });
      await auditInTx(this.ctx, tx, actor, { action: 'client.update', objectType: 'client', objectIds: [id], fields });
    });
    return this.detail(actor, id, false);
  }

  /**
   * Status changes: leaving active (paused, moved out, deceased, closed) cancels open visits; a pause books the
   * next visit on the resume date; back to active plans from today by the tier.
   */
  async setStatus(actor: Actor, id: string, input: ClientStatusChange): Promise<ClientDetail> {
    const client = await this.loadVisible(actor, id);
    const now = this.now();
    if (!clientPolicy.canWrite(actor, client, now)) throw new AppError('common.forbidden');
    if (client.version !== input.version) throw new AppError('common.conflict');
    if (input.status === 'paused' && (!input.resumeOn || input.resumeOn <= chinaToday(now))) {
      throw new AppError('common.validation_failed', [{ path: 'resumeOn', code: 'care.resume_date_required' }]);
    }
    await this.ctx.db.transaction(async (tx) => {
      await updateClient(tx, id, {
        status: input.status,
        resumeOn: input.status === 'paused' ? input.resumeOn! : null,
        version: client.version + 1,
        updatedAt: now,
      });
      for (const visitId of await cancelPlanned(tx, id, now)) {
        await addVisitEvent(tx, {
          id: randomUUID(),
          visitId,
          status: 'cancelled',
          note: `client ${input.status}`,
          actorId: actor.userId,
          at: now,
        });
      }
      if (client.tier && (input.status === 'active' || input.status === 'paused')) {
        const from = input.status === 'paused' ? input.resumeOn! : chinaToday(now);
        const policy = await policyFor(tx, client.areaCode);
        // Plan so that the visit falls due on the resume date (or one cadence from today when reactivated).
        const start = input.status === 'paused' ? addDays(from, -policy.rules.cadenceDays[client.tier]) : from;
        await planNextVisit(tx, client, client.tier, start, policy, actor.userId, now);
      }
      await insertClientEvents(tx, {
        id: randomUUID(),
        clientId: id,
        kind: 'status',
        detail: { from: client.status, to: input.status, reason: input.reason, resumeOn: input.resumeOn ?? null },
        actorId: actor.userId,
        at: now,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.status',
        objectType: 'client',
        objectIds: [id],
        fields: ['status'],
        detail: `${client.status} → ${input.status}`,
      });
    });
    return this.detail(actor, id, false);
  }
}
