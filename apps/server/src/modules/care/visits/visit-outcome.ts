import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import type { ClientRow } from '../clients/clients.repository';
import { bookNextVisit, type EffectivePolicy, planNextVisit, policyFor } from '../policies/planning';
import {
  addVisitEvent,
  clientVisitsPlanned,
  HOUSEHOLD_VISIT_NOTE,
  insertVisit,
  MEMBER_SEEN,
  supersedePlanned,
  updatePlannedVisitReturning,
  updateVisit,
  type VisitRow,
} from './visits.repository';

// The writes of recording a visit, in the caller's transaction: the outcome, the household members seen with it,
// and the visit that follows.

export interface RecordVisitInput {
  outcome: 'done' | 'missed';
  mode: 'home' | 'phone' | 'video' | 'centre';
  visitedOn: string;
  notes?: string | undefined;
  services?: string[] | undefined;
  missedReason?: 'not_home' | 'hospitalised' | 'refused' | 'moved' | 'other' | undefined;
  caseTaskIds?: string[] | undefined;
  membersSeen?: string[] | undefined;
}

/**
 * The outcome, its event and (when a next visit will be booked) the superseding of the client's other open visits,
 * queued together; returns the stored visit and the superseded ids.
 */
export async function saveOutcome(
  tx: DbOrTx,
  actor: Actor,
  visitId: string,
  client: ClientRow,
  input: RecordVisitInput,
  planNext: boolean,
  now: Date,
) {
  // One after another on the transaction's connection (pg queues concurrent queries anyway, and pg 9 refuses them).
  // Still planned at the update, not only when the service read it: a second request recording the same visit at
  // once (another process, another device) waits for this row lock and is then refused, instead of recording twice.
  // A visit lies in its client's community.
  const saved = await updatePlannedVisitReturning(
    tx,
    { id: visitId, areaCode: client.areaCode },
    {
      status: input.outcome,
      mode: input.mode,
      visitedOn: input.visitedOn,
      doneAt: now,
      outcomeNotes: input.notes ?? null,
      services: input.services ?? [],
      missedReason: input.outcome === 'missed' ? input.missedReason! : null,
      recordedBy: actor.userId,
      updatedAt: now,
    },
  );
  if (!saved) throw new AppError('care.visit_not_open');
  await addVisitEvent(tx, {
    id: randomUUID(),
    visitId,
    areaCode: saved.areaCode,
    status: input.outcome,
    note: input.missedReason ?? null,
    actorId: actor.userId,
    at: now,
  });
  // After the update, so the visit just recorded is no longer open.
  const superseded = planNext ? await supersedePlanned(tx, client, now) : [];
  return { saved, superseded };
}

/**
 * A household visit counts for every member seen: their open visits are done too, and re-planned. The link is kept
 * in visit_events (HOUSEHOLD_VISIT_NOTE, MEMBER_SEEN), not in the notes, which are the worker's own words.
 */
export async function recordMembersSeen(
  tx: DbOrTx,
  actor: Actor,
  members: ClientRow[],
  visit: Pick<VisitRow, 'id' | 'areaCode'>,
  input: RecordVisitInput,
  now: Date,
) {
  const visitId = visit.id;
  if (members.length)
    await addVisitEvent(
      tx,
      members.map((member) => ({
        id: randomUUID(),
        visitId,
        areaCode: visit.areaCode,
        status: MEMBER_SEEN,
        note: member.id,
        actorId: actor.userId,
        at: now,
      })),
    );
  for (const member of members) {
    const open = (await clientVisitsPlanned(tx, member))[0];
    if (open) {
      await updateVisit(tx, open, {
        status: 'done',
        mode: input.mode,
        visitedOn: input.visitedOn,
        doneAt: now,
        outcomeNotes: null,
        recordedBy: actor.userId,
        updatedAt: now,
      });
      await addVisitEvent(tx, {
        id: randomUUID(),
        visitId: open.id,
        areaCode: open.areaCode,
        status: 'done',
        note: `${HOUSEHOLD_VISIT_NOTE}${visitId}`,
        actorId: actor.userId,
        at: now,
      });
    }
    if (member.tier && member.status === 'active')
      await planNextVisit(
        tx,
        member,
        member.tier,
        input.visitedOn,
        await policyFor(tx, member.areaCode),
        actor.userId,
        now,
      );
  }
}

/**
 * What follows the visit: after a done visit of an active tiered client, the next one by the policy's cadence from
 * the visit date; after a missed one, a retry with the same window.
 */
export async function bookFollowUp(
  tx: DbOrTx,
  actor: Actor,
  visit: VisitRow,
  client: ClientRow,
  input: RecordVisitInput,
  policy: EffectivePolicy | null,
  now: Date,
): Promise<VisitRow | null> {
  if (policy) return bookNextVisit(tx, client, client.tier!, input.visitedOn, policy, actor.userId, now);
  if (input.outcome !== 'missed') return null;
  const retry = randomUUID();
  const row = await insertVisit(tx, {
    ...visit,
    id: retry,
    status: 'planned',
    visitedOn: null,
    doneAt: null,
    outcomeNotes: null,
    services: [],
    missedReason: null,
    recordedBy: null,
    createdAt: now,
    updatedAt: now,
  });
  await addVisitEvent(tx, {
    id: randomUUID(),
    visitId: retry,
    areaCode: visit.areaCode,
    status: 'planned',
    note: 'retry after missed visit',
    actorId: actor.userId,
    at: now,
  });
  return row;
}
