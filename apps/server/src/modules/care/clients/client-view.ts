import { type ClientCategory, type ClientDetail, type ClientSummary, TIMELINE_PAGE_SIZE } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { chinaToday, overdueDays } from '../../../platform/dates';
import type { EffectivePolicy } from '../policies/planning';
import { reassessmentDueOn } from '../policies/tier-policy';
import type { householdVisitFacts } from '../visits/visits.repository';
import { toVisit } from '../visits/visits.service';
import { actorIdsOf, historyEntries, timelinePage, withActorNames } from './client-timeline';
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

/** The first page of the client's history and the staff ids it names (the service looks their names up). */
export function firstTimelinePage(row: ClientRow, parts: ClientDetailParts) {
  const { page, nextCursor } = timelinePage(historyEntries(row, parts), undefined, TIMELINE_PAGE_SIZE);
  return { page, nextCursor, actorIds: actorIdsOf(page) };
}

/** The client's open obligation: the earliest due date and the earliest window end among its planned visits. */
export interface NextPlanned {
  due: string | null;
  windowEnd: string | null;
}

/** Overdue as the worklist counts it (platform/dates.ts overdueDays: from the window's end); null when not overdue. */
export function clientOverdueDays(next: NextPlanned, today: string): number | null {
  const days = next.windowEnd === null ? 0 : overdueDays(next.windowEnd, today);
  return days > 0 ? days : null;
}

export function clientSummary(row: ClientRow, next: NextPlanned, now: Date): ClientSummary {
  const today = chinaToday(now);
  const nextDue = next.due;
  const overdue = clientOverdueDays(next, today);
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

export function clientDetail(
  actor: Actor,
  row: ClientRow,
  parts: ClientDetailParts,
  timeline: ReturnType<typeof firstTimelinePage> & { names: ReadonlyMap<string, string> },
  now: Date,
): ClientDetail {
  const { assessments, policy } = parts;
  const today = chinaToday(now);
  const planned = parts.visits.filter((v) => v.status === 'planned').sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
  return {
    ...clientSummary(row, { due: parts.nextDue, windowEnd: firstWindowEnd(parts.visits) }, now),
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
    timeline: withActorNames(timeline.page, timeline.names),
    timelineCursor: timeline.nextCursor,
    nextVisit: planned[0] ? toVisit(planned[0], row.name, today) : null,
    today,
    allowedActions: allowedClientActions(actor, row, now),
    reassessmentDue:
      assessments[0] && row.tier && policy
        ? reassessmentDueOn(assessments[0].assessedAt, row.tier, policy.rules)
        : null,
  };
}

/** The earliest window end among a client's planned visits (its overdue counts from there). */
function firstWindowEnd(visits: ClientDetailParts['visits']): string | null {
  const ends = visits.filter((v) => v.status === 'planned').map((v) => v.windowEnd);
  return ends.length ? ends.reduce((a, b) => (b < a ? b : a)) : null;
}
