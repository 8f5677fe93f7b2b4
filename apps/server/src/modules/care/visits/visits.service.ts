import './visits.events';
import { randomUUID } from 'node:crypto';
import type { Visit } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { addDays, chinaToday, daysBetween } from '../../../platform/dates';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { type ClientRow, findClient, visibleClients } from '../clients/clients.repository';
import { clientPolicy, clientVisibility } from '../clients/clients.policy';
import { bookNextVisit, type EffectivePolicy, planNextVisit, policyFor, supersededEvents } from '../policies/planning';
import {
  addVisitEvent,
  clientVisitsPlanned,
  findVisitWithClient,
  HOUSEHOLD_VISIT_NOTE,
  insertVisit,
  MEMBER_SEEN,
  plannedVisits,
  supersedePlanned,
  updateVisit,
  updateVisitReturning,
  type VisitRow,
} from './visits.repository';

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

export function toVisit(row: VisitRow, clientName: string, today: string): Visit {
  const overdueDays = row.status === 'planned' && row.windowEnd < today ? daysBetween(row.windowEnd, today) : 0;
  return {
    id: row.id,
    clientId: row.clientId,
    clientName,
    communityCode: row.areaCode,
    gridCode: row.gridCode,
    assigneeId: row.assigneeId,
    windowStart: row.windowStart,
    dueDate: row.dueDate,
    windowEnd: row.windowEnd,
    mode: row.mode,
    status: row.status,
    tier: row.tier ?? null,
    overdueDays,
    doneAt: row.doneAt?.toISOString() ?? null,
    outcomeNotes: row.outcomeNotes,
    missedReason: row.missedReason ?? null,
  };
}

export class VisitsService {
  constructor(private readonly ctx: AppContext) {}

  /** The worker's list: overdue (window closed), due today, and the rest of this week. Late visits stay on it. */
  async worklist(actor: Actor, scope: 'mine' | 'area') {
    const now = this.ctx.clock.now();
    const today = chinaToday(now);
    const rows = await plannedVisits(this.ctx.db, {
      assigneeId: scope === 'mine' ? actor.userId : undefined,
      prefixes: actor.scopePrefixes,
      until: addDays(today, 7),
      visibleClient: visibleClients(clientVisibility(actor, now)),
    });
    const visits = rows.map((r) => toVisit(r.visit, r.clientName, today));
    auditRead(this.ctx, actor, {
      action: 'visit.worklist',
      objectType: 'client',
      objectIds: visits.map((v) => v.clientId),
      fields: ['name', 'tier'],
    });
    return {
      today,
      overdue: visits.filter((v) => v.windowEnd < today),
      dueToday: visits.filter((v) => v.windowEnd >= today && v.windowStart <= today),
      thisWeek: visits.filter((v) => v.windowStart > today),
    };
  }

  /**
   * Records a planned visit as done (then books the next one from the tier policy) or as "could not visit" with a
   * reason (the obligation stays: a new planned visit keeps the same window). Late visits are accepted.
   */
  async record(actor: Actor, visitId: string, input: RecordVisitInput) {
    const now = this.ctx.clock.now();
    const { visit, client } = await this.loadOpenVisit(actor, visitId, input, now);
    const members = await this.householdMembersSeen(actor, client, input.membersSeen ?? [], now);
    const planNext = input.outcome === 'done' && Boolean(client.tier) && client.status === 'active';
    const policy = planNext ? await policyFor(this.ctx.db, client.areaCode) : null;
    const { saved, nextRow } = await this.ctx.db.transaction(async (tx) => {
      // Statements that do not need each other's results are queued together on the connection, so the whole
      // write waits for two round trips (plus BEGIN and COMMIT) in the usual case instead of six.
      const { saved, superseded } = await this.saveOutcome(tx, actor, visitId, client, input, planNext, now);
      // The cases feature (and later modules) react through the event, in this transaction (platform/events.ts).
      await this.ctx.events.emit(
        tx,
        'care.visit.recorded',
        {
          visitId,
          clientId: client.id,
          outcome: input.outcome,
          visitedOn: input.visitedOn,
          caseTaskIds: input.outcome === 'done' ? (input.caseTaskIds ?? []) : [],
        },
        { actorId: actor.userId, areaCode: client.areaCode },
      );
      if (input.outcome === 'done') await this.recordMembersSeen(tx, actor, members, visitId, input, now);
      const [nextRow] = await Promise.all([
        this.bookFollowUp(tx, actor, visit, client, input, policy, now),
        superseded.length ? addVisitEvent(tx, supersededEvents(superseded, actor.userId, now)) : null,
        auditInTx(this.ctx, tx, actor, {
          action: 'visit.record',
          objectType: 'visit',
          objectIds: [visitId, client.id, ...members.map((m) => m.id)],
          fields: ['outcome', 'notes', 'services'],
        }),
      ]);
      return { saved, nextRow };
    });
    const today = chinaToday(this.ctx.clock.now());
    return {
      visit: toVisit(saved, client.name, today),
      nextVisit: nextRow ? toVisit(nextRow, client.name, today) : null,
      membersRecorded: input.outcome === 'done' ? members.length : 0,
    };
  }

  /** The visit with its client, if the actor may record it: still planned, not dated in the future, a reason when missed. */
  private async loadOpenVisit(
    actor: Actor,
    visitId: string,
    input: RecordVisitInput,
    now: Date,
  ): Promise<{ visit: VisitRow; client: ClientRow }> {
    const found = await findVisitWithClient(this.ctx.db, visitId);
    const visit = found?.visit ?? null;
    const client = found?.client ?? null;
    if (!visit || !client || !clientPolicy.canRead(actor, client, now))
      throw deniedNotFound(this.ctx, actor, 'visit', [visitId]);
    if (!clientPolicy.canWrite(actor, client, now) || !actor.permissions.has('care.visit.write'))
      throw new AppError('common.forbidden');
    if (visit.status !== 'planned') throw new AppError('care.visit_not_open');
    if (input.visitedOn > chinaToday(now))
      throw new AppError('common.validation_failed', [{ path: 'visitedOn', code: 'field.not_in_future' }]);
    if (input.outcome === 'missed' && !input.missedReason)
      throw new AppError('common.validation_failed', [{ path: 'missedReason', code: 'field.required' }]);
    return { visit, client };
  }

  /** The other clients named as seen: each must share the visited client's household and be visible to the actor. */
  private async householdMembersSeen(actor: Actor, client: ClientRow, ids: string[], now: Date): Promise<ClientRow[]> {
    const members: ClientRow[] = [];
    for (const id of new Set(ids.filter((i) => i !== client.id))) {
      const member = await findClient(this.ctx.db, id);
      if (
        !member ||
        !client.householdId ||
        member.householdId !== client.householdId ||
        !clientPolicy.canWrite(actor, member, now)
      ) {
        throw new AppError('common.validation_failed', [
          { path: 'membersSeen', code: 'care.not_household_member', params: { id } },
        ]);
      }
      members.push(member);
    }
    return members;
  }

  /**
   * The outcome, its event and (when a next visit will be booked) the superseding of the client's other open visits,
   * queued together; returns the stored visit and the superseded ids.
   */
  private async saveOutcome(
    tx: DbOrTx,
    actor: Actor,
    visitId: string,
    client: ClientRow,
    input: RecordVisitInput,
    planNext: boolean,
    now: Date,
  ) {
    const [saved, , superseded] = await Promise.all([
      updateVisitReturning(tx, visitId, {
        status: input.outcome,
        mode: input.mode,
        visitedOn: input.visitedOn,
        doneAt: now,
        outcomeNotes: input.notes ?? null,
        services: input.services ?? [],
        missedReason: input.outcome === 'missed' ? input.missedReason! : null,
        recordedBy: actor.userId,
        updatedAt: now,
      }),
      addVisitEvent(tx, {
        id: randomUUID(),
        visitId,
        status: input.outcome,
        note: input.missedReason ?? null,
        actorId: actor.userId,
        at: now,
      }),
      // Runs after the update on the same connection, so the visit just recorded is no longer open.
      planNext ? supersedePlanned(tx, client.id, now) : Promise.resolve([] as string[]),
    ]);
    return { saved: saved!, superseded };
  }

  /**
   * A household visit counts for every member seen: their open visits are done too, and re-planned. The link is kept
   * in visit_events (HOUSEHOLD_VISIT_NOTE, MEMBER_SEEN), not in the notes, which are the worker's own words.
   */
  private async recordMembersSeen(
    tx: DbOrTx,
    actor: Actor,
    members: ClientRow[],
    visitId: string,
    input: RecordVisitInput,
    now: Date,
  ) {
    if (members.length)
      await addVisitEvent(
        tx,
        members.map((member) => ({
          id: randomUUID(),
          visitId,
          status: MEMBER_SEEN,
          note: member.id,
          actorId: actor.userId,
          at: now,
        })),
      );
    for (const member of members) {
      const open = (await clientVisitsPlanned(tx, member.id))[0];
      if (open) {
        await updateVisit(tx, open.id, {
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
   * the visit date; after a missed one, a retry with the same window. Not awaited here, so its statements are queued
   * with the caller's.
   */
  private bookFollowUp(
    tx: DbOrTx,
    actor: Actor,
    visit: VisitRow,
    client: ClientRow,
    input: RecordVisitInput,
    policy: EffectivePolicy | null,
    now: Date,
  ): Promise<VisitRow | null> {
    if (policy) return bookNextVisit(tx, client, client.tier!, input.visitedOn, policy, actor.userId, now);
    if (input.outcome !== 'missed') return Promise.resolve(null);
    const retry = randomUUID();
    return Promise.all([
      insertVisit(tx, {
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
      }),
      addVisitEvent(tx, {
        id: randomUUID(),
        visitId: retry,
        status: 'planned',
        note: 'retry after missed visit',
        actorId: actor.userId,
        at: now,
      }),
    ]).then(([row]) => row);
  }
}
