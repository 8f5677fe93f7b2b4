import type { ClientCategory, ClientDetail, ClientSummary } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { addMonths, chinaToday, daysBetween } from '../../../platform/dates';
import type { EffectivePolicy } from '../policies/planning';
import type {
  ClientRow, clientAssessments, clientCases, clientEventsOf, clientReferrals, clientTierChanges, clientVisits,
} from './clients.repository';
import { ageOn, allowedClientActions, clientPolicy, isMinor } from './clients.policy';

type Rows<F extends (...args: never[]) => PromiseLike<unknown[]>> = Awaited<ReturnType<F>>;

/** Everything the detail page shows besides the client's own row, loaded in one wait by the service. */
export interface ClientDetailParts {
  assessments: Rows<typeof clientAssessments>;
  changes: Rows<typeof clientTierChanges>;
  visits: Rows<typeof clientVisits>;
  events: Rows<typeof clientEventsOf>;
  cases: Rows<typeof clientCases>;
  referrals: Rows<typeof clientReferrals>;
  assigneeName: string | null;
  nextDue: string | null;
  /** The client's tier policy (it dates the next reassessment); null for an untiered client. */
  policy: EffectivePolicy | null;
}

export function clientSummary(row: ClientRow, nextDue: string | null, now: Date): ClientSummary {
  const today = chinaToday(now);
  const overdue = nextDue !== null && nextDue < today ? daysBetween(nextDue, today) : null;
  return {
    id: row.id, name: row.name, sex: row.sex ?? null, age: ageOn(row.birthDate, today), idNumberMasked: row.idNumberMasked,
    phoneMasked: row.phoneMasked, communityCode: row.areaCode, gridCode: row.gridCode, categories: row.categories as ClientCategory[],
    tier: row.tier ?? null, status: row.status, nextVisitDue: nextDue, overdueDays: overdue, isMinor: isMinor(row.birthDate, now),
  };
}

export function clientDetail(actor: Actor, row: ClientRow, parts: ClientDetailParts, now: Date): ClientDetail {
  const { assessments, policy } = parts;
  return {
    ...clientSummary(row, parts.nextDue, now),
    birthDate: clientPolicy.canReveal(actor, row, now) ? row.birthDate : null,
    birthYear: row.birthDate ? Number(row.birthDate.slice(0, 4)) : null, address: row.address, disabilityCardMasked: row.disabilityCardMasked,
    disabilityCategory: row.disabilityCategory, disabilityGrade: row.disabilityGrade, emergencyContactName: row.emergencyContactName,
    emergencyContactPhoneMasked: row.emergencyPhoneMasked, assigneeId: row.assigneeId, assigneeName: parts.assigneeName,
    householdId: row.householdId,
    notes: row.notes, version: row.version, timeline: clientTimeline(row, parts), allowedActions: allowedClientActions(actor, row, now),
    reassessmentDue: assessments[0] && row.tier && policy ? addMonths(chinaToday(assessments[0].assessedAt), policy.rules.reassessMonths[row.tier]) : null,
  };
}

/** The client's history, newest first: creation, assessments, tier changes, visits made or missed, edits, cases, referrals. */
function clientTimeline(row: ClientRow, parts: ClientDetailParts): ClientDetail['timeline'] {
  return [
    { at: row.createdAt.toISOString(), kind: 'created' as const, summary: '建档 / record created', refId: null },
    ...parts.assessments.map((a) => ({ at: a.assessedAt.toISOString(), kind: 'assessment' as const, summary: `评估：建议 ${a.suggestedTier}，确认 ${a.confirmedTier}`, refId: a.id })),
    ...parts.changes.map((c) => ({ at: c.createdAt.toISOString(), kind: 'tier_change' as const, summary: `等级 ${c.fromTier ?? '—'} → ${c.toTier}（${c.status}）`, refId: c.id })),
    ...parts.visits.filter((v) => v.status === 'done' || v.status === 'missed').map((v) => ({
      at: (v.doneAt ?? v.updatedAt).toISOString(), kind: 'visit' as const,
      summary: v.status === 'done' ? `走访（${v.mode}）${v.visitedOn}` : `未能走访：${v.missedReason ?? ''} ${v.visitedOn ?? ''}`, refId: v.id,
    })),
    ...parts.events.map((e) => ({
      at: e.at.toISOString(), kind: e.kind as 'status' | 'updated' | 'reassigned',
      summary: e.kind === 'status' ? `状态 ${String(e.detail.from)} → ${String(e.detail.to)}：${String(e.detail.reason ?? '')}` : e.kind === 'reassigned' ? '更换负责人 / reassigned' : `修改：${((e.detail.fields as string[]) ?? []).join('、')}`,
      refId: null,
    })),
    ...parts.cases.map((c) => ({ at: c.openedAt.toISOString(), kind: 'case' as const, summary: `个案（${c.status}）`, refId: c.id })),
    ...parts.referrals.map((r) => ({ at: r.sentAt.toISOString(), kind: 'referral' as const, summary: `转介 ${r.providerName}：${r.service}（${r.status}）`, refId: r.id })),
  ].sort((a, b) => b.at.localeCompare(a.at));
}
