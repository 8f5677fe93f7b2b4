import {
  CLIENT_EDIT_FIELDS,
  type ClientCategory,
  type ClientDetail,
  type ClientEditField,
  type ClientSummary,
  type TimelineEntry,
} from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { addMonths, chinaToday, daysBetween } from '../../../platform/dates';
import type { EffectivePolicy } from '../policies/planning';
import type { householdVisitFacts } from '../visits/visits.repository';
import type {
  clientAssessments,
  clientCases,
  clientEventsOf,
  clientReferrals,
  clientTierChanges,
  clientVisits,
} from './client-history.repository';
import type { ClientRow } from './clients.repository';
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
  household: Awaited<ReturnType<typeof householdVisitFacts>>;
  assigneeName: string | null;
  nextDue: string | null;
  /** The client's tier policy (it dates the next reassessment); null for an untiered client. */
  policy: EffectivePolicy | null;
}

export function clientSummary(row: ClientRow, nextDue: string | null, now: Date): ClientSummary {
  const today = chinaToday(now);
  const overdue = nextDue !== null && nextDue < today ? daysBetween(nextDue, today) : null;
  return {
    id: row.id,
    name: row.name,
    sex: row.sex ?? null,
    age: ageOn(row.birthDate, today),
    idNumberMasked: row.idNumberMasked,
    phoneMasked: row.phoneMasked,
    communityCode: row.areaCode,
    gridCode: row.gridCode,
    categories: row.categories as ClientCategory[],
    tier: row.tier ?? null,
    status: row.status,
    nextVisitDue: nextDue,
    overdueDays: overdue,
    isMinor: isMinor(row.birthDate, now),
  };
}

export function clientDetail(actor: Actor, row: ClientRow, parts: ClientDetailParts, now: Date): ClientDetail {
  const { assessments, policy } = parts;
  return {
    ...clientSummary(row, parts.nextDue, now),
    birthDate: clientPolicy.canReveal(actor, row, now) ? row.birthDate : null,
    birthYear: row.birthDate ? Number(row.birthDate.slice(0, 4)) : null,
    address: row.address,
    disabilityCardMasked: row.disabilityCardMasked,
    disabilityCategory: row.disabilityCategory,
    disabilityGrade: row.disabilityGrade,
    emergencyContactName: row.emergencyContactName,
    emergencyContactPhoneMasked: row.emergencyPhoneMasked,
    assigneeId: row.assigneeId,
    assigneeName: parts.assigneeName,
    householdId: row.householdId,
    notes: row.notes,
    version: row.version,
    timeline: clientTimeline(row, parts),
    allowedActions: allowedClientActions(actor, row, now),
    reassessmentDue:
      assessments[0] && row.tier && policy
        ? addMonths(chinaToday(assessments[0].assessedAt), policy.rules.reassessMonths[row.tier])
        : null,
  };
}

/**
 * The client's history, newest first: creation, assessments, tier changes, visits made or missed, edits, cases,
 * referrals. Each entry carries codes and values only; the web app says them in the UI language.
 */
function clientTimeline(row: ClientRow, parts: ClientDetailParts): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { at: row.createdAt.toISOString(), kind: 'created', refId: null, data: {} },
    ...parts.assessments.map((a): TimelineEntry => ({
      at: a.assessedAt.toISOString(),
      kind: 'assessment',
      refId: a.id,
      data: { suggestedTier: a.suggestedTier, confirmedTier: a.confirmedTier },
    })),
    ...parts.changes.map((c): TimelineEntry => ({
      at: c.createdAt.toISOString(),
      kind: 'tier_change',
      refId: c.id,
      data: { fromTier: c.fromTier ?? null, toTier: c.toTier, status: c.status },
    })),
    ...visitEntries(parts.visits, parts.household),
    ...parts.events.map(clientEventEntry),
    ...parts.cases.map((c): TimelineEntry => ({
      at: c.openedAt.toISOString(),
      kind: 'case',
      refId: c.id,
      data: { status: c.status },
    })),
    ...parts.referrals.map((r): TimelineEntry => ({
      at: r.sentAt.toISOString(),
      kind: 'referral',
      refId: r.id,
      data: { providerName: r.providerName, service: r.service, status: r.status },
    })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

/** The visits done or missed, each with the household visit it was part of (if any). */
function visitEntries(visits: ClientDetailParts['visits'], household: ClientDetailParts['household']): TimelineEntry[] {
  const { membersSeen, closedByHouseholdVisit } = household;
  return visits.flatMap((v): TimelineEntry[] =>
    v.status === 'done' || v.status === 'missed'
      ? [
          {
            at: (v.doneAt ?? v.updatedAt).toISOString(),
            kind: 'visit',
            refId: v.id,
            data: {
              status: v.status,
              mode: v.mode,
              visitedOn: v.visitedOn,
              missedReason: v.missedReason ?? null,
              notes:
                closedByHouseholdVisit.has(v.id) && v.outcomeNotes && LEGACY_HOUSEHOLD_NOTE.test(v.outcomeNotes)
                  ? null
                  : v.outcomeNotes,
              services: v.services,
              membersSeen: membersSeen.get(v.id) ?? null,
              householdVisit: closedByHouseholdVisit.has(v.id),
            },
          },
        ]
      : [],
  );
}

/** An entry of the client's own history: a status change, a reassignment, or an edit (the fields it changed). */
function clientEventEntry(e: ClientDetailParts['events'][number]): TimelineEntry {
  const at = e.at.toISOString();
  if (e.kind === 'status') {
    const d = e.detail as {
      from: ClientRow['status'];
      to: ClientRow['status'];
      reason?: string | null;
      resumeOn?: string | null;
    };
    return {
      at,
      kind: 'status',
      refId: null,
      data: { from: d.from, to: d.to, reason: d.reason ?? null, resumeOn: d.resumeOn ?? null },
    };
  }
  if (e.kind === 'reassigned') return { at, kind: 'reassigned', refId: null, data: {} };
  const fields = Array.isArray(e.detail.fields) ? (e.detail.fields as unknown[]) : [];
  return { at, kind: 'updated', refId: null, data: { fields: fields.filter(isEditField) } };
}

const isEditField = (field: unknown): field is ClientEditField =>
  (CLIENT_EDIT_FIELDS as readonly unknown[]).includes(field);

/** The note household visits once wrote into a member's own visit (before the link moved to visit_events). */
const LEGACY_HOUSEHOLD_NOTE = /^同户走访 \/ household visit \([0-9a-f-]+\)$/;
