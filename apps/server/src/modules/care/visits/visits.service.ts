import './visits.events';
import type { Visit, WorklistQuery } from '@linli/contracts';
import { type Actor, scopeCommunities } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday, overdueDays } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { type ClientRow, findClient } from '../clients/clients.repository';
import { clientPolicy, clientVisibility } from '../clients/clients.policy';
import { policyFor, supersededEvents } from '../policies/planning';
import { type RecordVisitInput, bookFollowUp, recordMembersSeen, saveOutcome } from './visit-outcome';
import { worklistHorizon } from './visit-buckets';
import {
  addVisitEvent,
  findVisitWithClient,
  type VisitRow,
  type WorklistBucketName as WorklistBucket,
  worklistPage,
  worklistTotals,
} from './visits.repository';

const WORKLIST_BUCKETS: readonly WorklistBucket[] = ['overdue', 'dueToday', 'thisWeek'];

export function toVisit(row: VisitRow, clientName: string, today: string): Visit {
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
    overdueDays: row.status === 'planned' ? overdueDays(row.windowEnd, today) : 0,
    doneAt: row.doneAt?.toISOString() ?? null,
    outcomeNotes: row.outcomeNotes,
    missedReason: row.missedReason ?? null,
  };
}

export class VisitsService {
  constructor(private readonly ctx: AppContext) {}

  /**
   * The worker's list: overdue (window closed before today), due today (window contains today) and the rest of this
   * ISO week (visit-buckets.ts). Late visits stay on it. Each list is paged (earliest due first) with its total, so a
   * caseload of thousands still answers one screen; the read audit names every client returned, in one row.
   */
  async worklist(actor: Actor, query: WorklistQuery) {
    const now = this.ctx.clock.now();
    const today = chinaToday(now);
    const filter = {
      assigneeId: query.scope === 'mine' ? actor.userId : undefined,
      until: worklistHorizon(today),
      visibility: clientVisibility(actor, now),
    };
    const { pageSize, page } = query;
    const offset = query.bucket ? (page - 1) * pageSize : 0;
    const read = (bucket: WorklistBucket) =>
      !query.bucket || query.bucket === bucket
        ? worklistPage(this.ctx.db, filter, { bucket, today, limit: pageSize, offset })
        : Promise.resolve([]);
    // The totals and the pages at once: on PostgreSQL each goes to its own pooled connection; on PGlite they queue on
    // its one connection without a turn of this code between them.
    const [totals, ...pages] = await Promise.all([
      worklistTotals(this.ctx.db, filter, today),
      ...WORKLIST_BUCKETS.map(read),
    ]);
    const lists = {} as Record<WorklistBucket, Visit[]>;
    WORKLIST_BUCKETS.forEach((bucket, i) => {
      lists[bucket] = totals[bucket] > offset ? pages[i]!.map((r) => toVisit(r.visit, r.clientName, today)) : [];
    });
    auditRead(this.ctx, actor, {
      action: 'visit.worklist',
      objectType: 'client',
      objectIds: [...new Set(WORKLIST_BUCKETS.flatMap((b) => lists[b].map((v) => v.clientId)))],
      fields: ['name', 'tier'],
    });
    return { today, ...lists, totals, page: query.bucket ? page : 1, pageSize };
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
      const { saved, superseded } = await saveOutcome(tx, actor, visitId, client, input, planNext, now);
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
      if (input.outcome === 'done') await recordMembersSeen(tx, actor, members, visit, input, now);
      const nextRow = await bookFollowUp(tx, actor, visit, client, input, policy, now);
      if (superseded.length) await addVisitEvent(tx, supersededEvents(superseded, actor.userId, now));
      await auditInTx(this.ctx, tx, actor, {
        action: 'visit.record',
        objectType: 'visit',
        objectIds: [visitId, client.id, ...members.map((m) => m.id)],
        fields: ['outcome', 'notes', 'services'],
      });
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
    const found = await findVisitWithClient(this.ctx.db, visitId, scopeCommunities(actor.scopePrefixes));
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
}
