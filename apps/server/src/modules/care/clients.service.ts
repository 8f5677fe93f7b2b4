import { randomUUID } from 'node:crypto';
import { type ClientCategory, type ClientDetail, type ClientInput, type ClientSummary, parseIdNumber } from '@linli/contracts';
import { type Actor, codeInPrefixes, hasPermission, scopePrefix } from '../../platform/access';
import { RateLimiter } from '../../platform/rate-limit';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { maskIdNumber, maskPhone } from '../../platform/masking';
import type { clients } from './care.tables';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { findUserById, findUserWithGrants } from '../users';
import {
  type ClientRow, clientAssessments, clientCases, clientEventsOf, clientReferrals, clientTierChanges, clientVisits, findClient, findDuplicateCandidates, insertClient,
  listClients, nextDueFor,
} from './clients.repository';
import { ageOn, allowedClientActions, clientPolicy, clientVisibility, isMinor } from './clients.policy';
import { nameSearchKeys } from './names';
import { addMonths, chinaToday, daysBetween } from './tier-policy';
import { policyFor } from './planning';

const LIST_FIELDS = ['name', 'sex', 'age', 'idNumberMasked', 'phoneMasked', 'categories', 'tier', 'status'];
const DETAIL_FIELDS = [...LIST_FIELDS, 'birthDate', 'address', 'disabilityCardMasked', 'disability', 'emergencyContact', 'notes'];

/** 残疾人证号 = ID number + category digit + grade digit; masking hides the last two digits too. */
export function maskDisabilityCard(card: string | null | undefined): string | null {
  if (!card) return null;
  return `${card.slice(0, 3)}${'*'.repeat(Math.max(0, card.length - 3))}`;
}

/**
 * Looking a person up by full ID or mobile number answers "is this the number?" — repeated, it rebuilds a masked
 * number (F4). So it is privileged (the reveal permission, for searches), counted per user per hour (searches,
 * duplicate checks, creates that check), refused past the budget, and audited with the field name (never the value).
 */
export class ExactLookupGuard {
  private readonly limiter: RateLimiter;
  constructor(private readonly ctx: AppContext) {
    this.limiter = new RateLimiter(ctx.clock, ctx.config.exactLookupsPerHour, 3600_000);
  }

  check(actor: Actor, field: 'idNumber' | 'phone', via: string, needsReveal: boolean): void {
    if (needsReveal && !hasPermission(actor, 'care.client.reveal')) {
      auditRead(this.ctx, actor, { action: 'client.lookup_exact', objectType: 'client', fields: [field], result: 'denied', detail: `${via}: no reveal permission` });
      throw new AppError('care.exact_lookup_forbidden');
    }
    if (!this.limiter.hit(actor.userId)) {
      auditRead(this.ctx, actor, { action: 'client.lookup_exact', objectType: 'client', fields: [field], result: 'denied', detail: `${via}: over ${this.ctx.config.exactLookupsPerHour} per hour` });
      throw new AppError('care.exact_lookup_limited');
    }
    auditRead(this.ctx, actor, { action: 'client.lookup_exact', objectType: 'client', fields: [field], detail: via });
  }
}

/**
 * An assignee is an active staff member serving the client's community and inside the actor's jurisdiction; anyone
 * else answers as "no such user", whether they exist or not (ids inside bodies are scope-checked too, F5).
 */
export async function assertAssignee(ctx: AppContext, actor: Actor, userId: string | null | undefined, communityCode: string): Promise<void> {
  if (!userId) return;
  const user = await findUserWithGrants(ctx.db, userId);
  const serves = user?.status === 'active' && user.areaCodes.some((c) => communityCode.startsWith(scopePrefix(c)) || c.startsWith(communityCode));
  if (!user || !serves || !user.areaCodes.some((c) => codeInPrefixes(c, actor.scopePrefixes))) {
    throw new AppError('user.not_found', [{ path: 'assigneeId', message: '该工作人员不负责这个社区 / not a worker of this community' }]);
  }
}

export class ClientsService {
  private readonly exactLookups: ExactLookupGuard;

  constructor(private readonly ctx: AppContext) {
    this.exactLookups = new ExactLookupGuard(ctx);
  }

  private now() {
    return this.ctx.clock.now();
  }

  summary(row: ClientRow, nextDue: string | null): ClientSummary {
    const today = chinaToday(this.now());
    const overdue = nextDue !== null && nextDue < today ? daysBetween(nextDue, today) : null;
    return {
      id: row.id, name: row.name, sex: row.sex ?? null, age: ageOn(row.birthDate, today), idNumberMasked: row.idNumberMasked,
      phoneMasked: row.phoneMasked, communityCode: row.areaCode, gridCode: row.gridCode, categories: row.categories as ClientCategory[],
      tier: row.tier ?? null, status: row.status, nextVisitDue: nextDue, overdueDays: overdue, isMinor: isMinor(row.birthDate, this.now()),
    };
  }

  /** Loads a client the actor may see, or answers 404 and audits the denial. */
  async loadVisible(actor: Actor, id: string): Promise<ClientRow> {
    const row = await findClient(this.ctx.db, id);
    if (!row || !clientPolicy.canRead(actor, row, this.now())) throw deniedNotFound(this.ctx, actor, 'client', [id]);
    return row;
  }

  async list(actor: Actor, query: { q?: string | undefined; communityCode?: string | undefined; gridCode?: string | undefined; tier?: string | undefined; category?: string | undefined; status?: string | undefined; overdue?: 'true' | 'false' | undefined; page: number; pageSize: number }) {
    for (const code of [query.communityCode, query.gridCode]) {
      if (code && !codeInPrefixes(code, actor.scopePrefixes)) throw deniedNotFound(this.ctx, actor, 'area', [code], 'area.not_found');
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
    auditRead(this.ctx, actor, { action: 'client.list', objectType: 'client', objectIds: rows.map((r) => r.client.id), fields: LIST_FIELDS, detail: q ? 'search' : null });
    return { items: rows.map((r) => this.summary(r.client, r.nextDue)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<ClientDetail> {
    const row = await this.loadVisible(actor, id);
    // One wait for everything the page shows (the policy too: it dates the next reassessment).
    const [assessments, changes, visits, assignee, nextDue, events, caseRows, referralRows, policy] = await Promise.all([
      clientAssessments(this.ctx.db, id), clientTierChanges(this.ctx.db, id), clientVisits(this.ctx.db, id),
      row.assigneeId ? findUserById(this.ctx.db, row.assigneeId) : null, nextDueFor(this.ctx.db, id),
      clientEventsOf(this.ctx.db, id), clientCases(this.ctx.db, id), clientReferrals(this.ctx.db, id),
      row.tier ? policyFor(this.ctx.db, row.areaCode) : null,
    ]);
    if (audit) auditRead(this.ctx, actor, { action: 'client.read', objectType: 'client', objectIds: [id], fields: DETAIL_FIELDS });
    const timeline: ClientDetail['timeline'] = [
      { at: row.createdAt.toISOString(), kind: 'created' as const, summary: '建档 / record created', refId: null },
      ...assessments.map((a) => ({ at: a.assessedAt.toISOString(), kind: 'assessment' as const, summary: `评估：建议 ${a.suggestedTier}，确认 ${a.confirmedTier}`, refId: a.id })),
      ...changes.map((c) => ({ at: c.createdAt.toISOString(), kind: 'tier_change' as const, summary: `等级 ${c.fromTier ?? '—'} → ${c.toTier}（${c.status}）`, refId: c.id })),
      ...visits.filter((v) => v.status === 'done' || v.status === 'missed').map((v) => ({
        at: (v.doneAt ?? v.updatedAt).toISOString(), kind: 'visit' as const,
        summary: v.status === 'done' ? `走访（${v.mode}）${v.visitedOn}` : `未能走访：${v.missedReason ?? ''} ${v.visitedOn ?? ''}`, refId: v.id,
      })),
      ...events.map((e) => ({
        at: e.at.toISOString(), kind: e.kind as 'status' | 'updated' | 'reassigned',
        summary: e.kind === 'status' ? `状态 ${String(e.detail.from)} → ${String(e.detail.to)}：${String(e.detail.reason ?? '')}` : e.kind === 'reassigned' ? '更换负责人 / reassigned' : `修改：${((e.detail.fields as string[]) ?? []).join('、')}`,
        refId: null,
      })),
      ...caseRows.map((c) => ({ at: c.openedAt.toISOString(), kind: 'case' as const, summary: `个案（${c.status}）`, refId: c.id })),
      ...referralRows.map((r) => ({ at: r.sentAt.toISOString(), kind: 'referral' as const, summary: `转介 ${r.providerName}：${r.service}（${r.status}）`, refId: r.id })),
    ].sort((a, b) => b.at.localeCompare(a.at));
    return {
      ...this.summary(row, nextDue),
      birthDate: clientPolicy.canReveal(actor, row, this.now()) ? row.birthDate : null,
      birthYear: row.birthDate ? Number(row.birthDate.slice(0, 4)) : null, address: row.address, disabilityCardMasked: row.disabilityCardMasked,
      disabilityCategory: row.disabilityCategory, disabilityGrade: row.disabilityGrade, emergencyContactName: row.emergencyContactName,
      emergencyContactPhoneMasked: row.emergencyPhoneMasked, assigneeId: row.assigneeId, assigneeName: assignee?.displayName ?? null,
      householdId: row.householdId,
      notes: row.notes, version: row.version, timeline, allowedActions: allowedClientActions(actor, row, this.now()),
      reassessmentDue: assessments[0] && row.tier && policy ? addMonths(chinaToday(assessments[0].assessedAt), policy.rules.reassessMonths[row.tier]) : null,
    };
  }

  /** Full value of one masked field: needs the permission and a reason, and is audited with both. */
  async reveal(actor: Actor, id: string, field: 'idNumber' | 'phone' | 'disabilityCardNumber' | 'emergencyContactPhone', reason: string) {
    const row = await this.loadVisible(actor, id);
    if (!clientPolicy.canReveal(actor, row, this.now())) throw new AppError('common.forbidden');
    const encrypted = { idNumber: row.idNumberEnc, phone: row.phoneEnc, disabilityCardNumber: row.disabilityCardEnc, emergencyContactPhone: row.emergencyPhoneEnc }[field];
    await this.ctx.db.transaction((tx) => auditInTx(this.ctx, tx, actor, { action: 'client.reveal', objectType: 'client', objectIds: [id], fields: [field], detail: `reason: ${reason}` }));
    return { field, value: encrypted ? this.ctx.cipher.decrypt(encrypted) : null };
  }

  /**
   * The duplicate check before entry; audited, since it can disclose that a person is a client. The community must lie
   * in the caller's jurisdiction, and a match the caller may not see is reported only as "may exist elsewhere" (F5).
   */
  async duplicates(actor: Actor, input: Pick<ClientInput, 'name' | 'idNumber' | 'phone' | 'birthDate' | 'communityCode'>) {
    if (!codeInPrefixes(input.communityCode, actor.scopePrefixes)) throw deniedNotFound(this.ctx, actor, 'area', [input.communityCode], 'area.not_found');
    const found = await this.findDuplicates(actor, input, 'duplicate check');
    auditRead(this.ctx, actor, {
      action: 'client.duplicate_check', objectType: 'client', objectIds: found.duplicates.map((d) => d.clientId), fields: ['name', 'idNumber', 'phone', 'birthDate'],
      detail: found.elsewhere ? 'a match outside the caller\'s view (reported as "may exist elsewhere")' : null,
    });
    return found;
  }

  private async findDuplicates(actor: Actor, input: Pick<ClientInput, 'name' | 'idNumber' | 'phone' | 'birthDate' | 'communityCode'>, via: string) {
    if (input.idNumber) this.exactLookups.check(actor, 'idNumber', via, false);
    else if (input.phone) this.exactLookups.check(actor, 'phone', via, false);
    const id = input.idNumber ? parseIdNumber(input.idNumber) : null;
    const birthDate = id?.birthDate ?? input.birthDate;
    const candidates = await findDuplicateCandidates(this.ctx.db, {
      idBidx: id ? this.ctx.cipher.blindIndex(id.idNumber) : undefined,
      phoneBidx: input.phone ? this.ctx.cipher.blindIndex(input.phone) : undefined,
      pinyin: nameSearchKeys(input.name).pinyin, birthDate, areaCode: input.communityCode,
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
        if (birthDate && c.namePinyin === pinyin && c.birthDate === birthDate && c.areaCode === input.communityCode) matchedOn.push('pinyin_birth_date');
        return { clientId: c.id, name: c.name, communityCode: c.areaCode, matchedOn };
      }),
      elsewhere: visible.length < candidates.length,
    };
  }

  /** The row for a new client: numbers encrypted with blind indexes and masked copies, pinyin keys, ID-derived facts. */
  newClientRow(actor: Actor, clientId: string, input: ClientInput, communityCode: string): typeof clients.$inferInsert {
    const id = input.idNumber ? parseIdNumber(input.idNumber) : null;
    const keys = nameSearchKeys(input.name);
    const now = this.now();
    const enc = (v: string | undefined) => (v ? this.ctx.cipher.encrypt(v) : null);
    const bidx = (v: string | undefined) => (v ? this.ctx.cipher.blindIndex(v) : null);
    return {
      id: clientId, areaCode: communityCode, gridCode: input.gridCode ?? null, name: input.name, namePinyin: keys.pinyin, nameInitials: keys.initials,
      idNumberEnc: enc(id?.idNumber), idNumberBidx: bidx(id?.idNumber), idNumberMasked: maskIdNumber(id?.idNumber),
      sex: id?.sex ?? input.sex ?? null, birthDate: id?.birthDate ?? input.birthDate ?? null,
      phoneEnc: enc(input.phone), phoneBidx: bidx(input.phone), phoneMasked: maskPhone(input.phone),
      address: input.address ?? null, categories: [...new Set(input.categories)],
      disabilityCardEnc: enc(input.disabilityCardNumber), disabilityCardMasked: maskDisabilityCard(input.disabilityCardNumber),
      disabilityCategory: input.disabilityCategory ?? null, disabilityGrade: input.disabilityGrade ?? null,
      emergencyContactName: input.emergencyContactName ?? null, emergencyPhoneEnc: enc(input.emergencyContactPhone),
      emergencyPhoneMasked: maskPhone(input.emergencyContactPhone), tier: null, status: 'active',
      assigneeId: input.assigneeId ?? (actor.permissions.has('care.visit.write') ? actor.userId : null),
      notes: input.notes ?? null, version: 1, createdBy: actor.userId, createdAt: now, updatedAt: now,
    };
  }

  async create(actor: Actor, input: ClientInput): Promise<ClientDetail> {
    const community = await findArea(this.ctx.db, input.communityCode);
    if (!community || community.level !== 'community' || community.status !== 'active' || !codeInPrefixes(community.code, actor.scopePrefixes)) {
      throw new AppError('area.not_found', [{ path: 'communityCode', message: input.communityCode }]);
    }
    if (input.gridCode && !(input.gridCode.startsWith(community.code) && (await findArea(this.ctx.db, input.gridCode))?.status === 'active')) {
      throw new AppError('area.not_found', [{ path: 'gridCode', message: input.gridCode }]);
    }
    await assertAssignee(this.ctx, actor, input.assigneeId, community.code);
    const id = input.idNumber ? parseIdNumber(input.idNumber)! : null;
    if (id && input.birthDate && input.birthDate !== id.birthDate) {
      throw new AppError('common.validation_failed', [{ path: 'birthDate', message: '出生日期与身份证号不符 / birth date differs from the ID number' }]);
    }
    if (id && input.sex && input.sex !== id.sex) {
      throw new AppError('common.validation_failed', [{ path: 'sex', message: '性别与身份证号不符 / sex differs from the ID number' }]);
    }
    if (!input.confirmDuplicates) {
      const found = await this.findDuplicates(actor, input, 'create');
      if (found.duplicates.length || found.elsewhere) {
        auditRead(this.ctx, actor, { action: 'client.duplicate_check', objectType: 'client', objectIds: found.duplicates.map((d) => d.clientId), fields: ['name', 'idNumber', 'phone', 'birthDate'], detail: found.elsewhere ? 'at create; a match outside the caller\'s view' : 'at create' });
        throw new AppError('care.duplicate_suspected', [
          ...found.duplicates.map((d) => ({ path: 'duplicates', message: `${d.clientId}:${d.matchedOn.join('+')}:${d.communityCode}:${d.name}` })),
          ...(found.elsewhere ? [{ path: 'elsewhere', message: '此人可能已在其他辖区建档，请联系主管核实 / a record may exist elsewhere; ask your supervisor' }] : []),
        ]);
      }
    }
    const clientId = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertClient(tx, this.newClientRow(actor, clientId, input, community.code));
      await auditInTx(this.ctx, tx, actor, { action: 'client.create', objectType: 'client', objectIds: [clientId], fields: Object.keys(input).filter((k) => k !== 'confirmDuplicates') });
    });
    return this.detail(actor, clientId, false);
  }
}
