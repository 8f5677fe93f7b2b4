import { CLIENT_EDIT_FIELDS, type ClientEditField, type TimelineEntry } from '@linli/contracts';
import type { ClientDetailParts } from './client-view';
import type { ClientRow } from './clients.repository';

/**
 * A client's history, newest first: creation, assessments, tier changes, visits made or missed, edits, cases,
 * referrals. Each entry carries codes and values only (the web app says them in the UI language) and the name of the
 * staff member who did it. Pages are cut by a keyset cursor (`<at>~<key>`, the last entry shown), so entries added
 * meanwhile never shift a page.
 */

/** An entry before names are filled in: the id of who did it, and a key unique within the client's history. */
interface Sourced {
  entry: TimelineEntry;
  actorId: string | null;
  key: string;
}

type HistoryParts = Pick<ClientDetailParts, 'assessments' | 'changes' | 'visits' | 'events' | 'cases' | 'referrals'> & {
  household: ClientDetailParts['household'];
};

/** A timeline entry without its actor's name (each kind keeps its own data shape). */
type Bare<E> = E extends unknown ? Omit<E, 'actorName'> : never;

const sourced = (entry: Bare<TimelineEntry>, actorId: string | null | undefined, key: string): Sourced => ({
  entry: { ...entry, actorName: null } as TimelineEntry,
  actorId: actorId ?? null,
  key,
});

/** Every entry of the client's history, sorted newest first (ties by key), with who did each. */
export function historyEntries(row: ClientRow, parts: HistoryParts): Sourced[] {
  const entries: Sourced[] = [
    sourced({ at: row.createdAt.toISOString(), kind: 'created', refId: null, data: {} }, row.createdBy, `n:${row.id}`),
    ...parts.assessments.map((a) =>
      sourced(
        {
          at: a.assessedAt.toISOString(),
          kind: 'assessment',
          refId: a.id,
          data: { suggestedTier: a.suggestedTier, confirmedTier: a.confirmedTier },
        },
        a.assessedBy,
        `a:${a.id}`,
      ),
    ),
    ...parts.changes.map((c) =>
      sourced(
        {
          at: c.createdAt.toISOString(),
          kind: 'tier_change',
          refId: c.id,
          data: { fromTier: c.fromTier ?? null, toTier: c.toTier, status: c.status },
        },
        c.requestedBy,
        `t:${c.id}`,
      ),
    ),
    ...visitEntries(parts.visits, parts.household),
    ...parts.events.map((e) => sourced(clientEventEntry(e), e.actorId, `e:${e.id}`)),
    ...parts.cases.map((c) =>
      sourced(
        { at: c.openedAt.toISOString(), kind: 'case', refId: c.id, data: { status: c.status } },
        c.openedBy,
        `c:${c.id}`,
      ),
    ),
    ...parts.referrals.map((r) =>
      sourced(
        {
          at: r.sentAt.toISOString(),
          kind: 'referral',
          refId: r.id,
          data: { providerName: r.providerName, service: r.service, status: r.status },
        },
        r.sentBy,
        `r:${r.id}`,
      ),
    ),
  ];
  return entries.sort((a, b) => (cursorOf(a) < cursorOf(b) ? 1 : cursorOf(a) > cursorOf(b) ? -1 : 0));
}

const cursorOf = (s: Sourced) => `${s.entry.at}~${s.key}`;

/** The page after `before` (from the newest when absent): its entries and the cursor of the next page, if any. */
export function timelinePage(entries: Sourced[], before: string | undefined, limit: number) {
  const rest = before ? entries.filter((s) => cursorOf(s) < before) : entries;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rest.length > limit && last ? cursorOf(last) : null };
}

/** The staff ids a page needs names for. */
export const actorIdsOf = (page: Sourced[]) => [
  ...new Set(page.map((s) => s.actorId).filter((id): id is string => id !== null)),
];

/** The page's entries with who did each, by display name. */
export const withActorNames = (page: Sourced[], names: ReadonlyMap<string, string>): TimelineEntry[] =>
  page.map((s) => ({ ...s.entry, actorName: s.actorId ? (names.get(s.actorId) ?? null) : null }));

/** The visits done or missed, each with the household visit it was part of (if any). */
function visitEntries(visits: HistoryParts['visits'], household: HistoryParts['household']): Sourced[] {
  const { membersSeen, closedByHouseholdVisit } = household;
  return visits.flatMap((v): Sourced[] =>
    v.status === 'done' || v.status === 'missed'
      ? [
          sourced(
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
            v.recordedBy,
            `v:${v.id}`,
          ),
        ]
      : [],
  );
}

/** An entry of the client's own history: a status change, a reassignment, or an edit (the fields it changed). */
function clientEventEntry(e: HistoryParts['events'][number]): Bare<TimelineEntry> {
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
