import { randomUUID } from 'node:crypto';
import type { Visit } from '@linli/contracts';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { CasesService } from './cases.service';
import { type ClientRow, findClient, visibleClients } from './clients.repository';
import { clientPolicy, clientVisibility } from './clients.policy';
import { bookNextVisit, planNextVisit, policyFor, supersededEvents } from './planning';
import { addDays, chinaToday, daysBetween } from './tier-policy';
import {
  addVisitEvent, clientVisitsPlanned, dashboardAggregates, ensureOverdueRollup, findVisitWithClient, insertVisit, onTimePeriod, overdueVisits,
  plannedVisits, supersedePlanned, updateVisit, updateVisitReturning, type VisitRow,
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

/**
 * The day each database's overdue rollup was last brought up to date by this process, so only the first
 * dashboard request of a day pays for the check (the rebuild itself is idempotent and locked in the database).
 */
const overdueRollupDay = new WeakMap<object, string>();

export class VisitsService {
  constructor(private readonly ctx: AppContext) {}

  toVisit(row: VisitRow, clientName: string, today = chinaToday(this.ctx.clock.now())): Visit {
    const overdueDays = row.status === 'planned' && row.windowEnd < today ? daysBetween(row.windowEnd, today) : 0;
    return {
      id: row.id, clientId: row.clientId, clientName, communityCode: row.areaCode, gridCode: row.gridCode, assigneeId: row.assigneeId,
      windowStart: row.windowStart, dueDate: row.dueDate, windowEnd: row.windowEnd, mode: row.mode, status: row.status, tier: row.tier ?? null,
      overdueDays, doneAt: row.doneAt?.toISOString() ?? null, outcomeNotes: row.outcomeNotes, missedReason: row.missedReason ?? null,
    };
  }

  /** The worker's list: overdue (window closed), due today, and the rest of this week. Late visits stay on it. */
  async worklist(actor: Actor, scope: 'mine' | 'area') {
    const now = this.ctx.clock.now();
    const today = chinaToday(now);
    const rows = await plannedVisits(this.ctx.db, {
      assigneeId: scope === 'mine' ? actor.userId : undefined, prefixes: actor.scopePrefixes, until: addDays(today, 7),
      visibleClient: visibleClients(clientVisibility(actor, now)),
    });
    const visits = rows.map((r) => this.toVisit(r.visit, r.clientName, today));
    auditRead(this.ctx, actor, { action: 'visit.worklist', objectType: 'client', objectIds: visits.map((v) => v.clientId), fields: ['name', 'tier'] });
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
    const found = await findVisitWithClient(this.ctx.db, visitId);
    const visit = found?.visit ?? null;
    const client = found?.client ?? null;
    if (!visit || !client || !clientPolicy.canRead(actor, client, now)) throw deniedNotFound(this.ctx, actor, 'visit', [visitId]);
    if (!clientPolicy.canWrite(actor, client, now) || !actor.permissions.has('care.visit.write')) throw new AppError('common.forbidden');
    if (visit.status !== 'planned') throw new AppError('care.visit_not_open');
    if (input.visitedOn > chinaToday(now)) throw new AppError('common.validation_failed', [{ path: 'visitedOn', message: '不能晚于今天 / cannot be in the future' }]);
    if (input.outcome === 'missed' && !input.missedReason) throw new AppError('common.validation_failed', [{ path: 'missedReason', message: 'required' }]);
    const members = await this.householdMembersSeen(actor, client, input.membersSeen ?? [], now);
    const planNext = input.outcome === 'done' && client.tier && client.status === 'active';
    const policy = planNext ? await policyFor(this.ctx.db, client.areaCode) : null;
    const { saved, nextRow } = await this.ctx.db.transaction(async (tx) => {
      // Statements that do not need each other's results are queued together on the connection, so the whole
      // write waits for two round trips (plus BEGIN and COMMIT) in the usual case instead of six.
      const [saved, , superseded] = await Promise.all([
        updateVisitReturning(tx, visitId, {
          status: input.outcome, mode: input.mode, visitedOn: input.visitedOn, doneAt: now, outcomeNotes: input.notes ?? null,
          services: input.services ?? [], missedReason: input.outcome === 'missed' ? input.missedReason! : null, recordedBy: actor.userId, updatedAt: now,
        }),
        addVisitEvent(tx, { id: randomUUID(), visitId, status: input.outcome, note: input.missedReason ?? null, actorId: actor.userId, at: now }),
        // Runs after the update on the same connection, so the visit just recorded is no longer open.
        planNext ? supersedePlanned(tx, client.id, now) : Promise.resolve([] as string[]),
      ]);
      if (input.outcome === 'done') await CasesService.completeTasksFromVisit(tx, client.id, input.caseTaskIds ?? [], visitId, actor.userId, now);
      // A household visit counts for every member seen: their open visits are done too, and re-planned.
      if (input.outcome === 'done') {
        for (const member of members) {
          const open = (await clientVisitsPlanned(tx, member.id))[0];
          if (open) {
            await updateVisit(tx, open.id, { status: 'done', mode: input.mode, visitedOn: input.visitedOn, doneAt: now, outcomeNotes: `同户走访 / household visit (${visitId})`, recordedBy: actor.userId, updatedAt: now });
            await addVisitEvent(tx, { id: randomUUID(), visitId: open.id, status: 'done', note: `household visit ${visitId}`, actorId: actor.userId, at: now });
          }
          if (member.tier && member.status === 'active') await planNextVisit(tx, member, member.tier, input.visitedOn, await policyFor(tx, member.areaCode), actor.userId, now);
        }
      }
      let next: Promise<VisitRow | null> = Promise.resolve(null);
      if (planNext && policy) {
        next = bookNextVisit(tx, client, client.tier!, input.visitedOn, policy, actor.userId, now);
      } else if (input.outcome === 'missed') {
        const retry = randomUUID();
        next = Promise.all([
          insertVisit(tx, { ...visit, id: retry, status: 'planned', visitedOn: null, doneAt: null, outcomeNotes: null, services: [], missedReason: null, recordedBy: null, createdAt: now, updatedAt: now }),
          addVisitEvent(tx, { id: randomUUID(), visitId: retry, status: 'planned', note: 'retry after missed visit', actorId: actor.userId, at: now }),
        ]).then(([row]) => row);
      }
      const [nextRow] = await Promise.all([
        next,
        superseded.length ? addVisitEvent(tx, supersededEvents(superseded, actor.userId, now)) : null,
        auditInTx(this.ctx, tx, actor, { action: 'visit.record', objectType: 'visit', objectIds: [visitId, client.id, ...members.map((m) => m.id)], fields: ['outcome', 'notes', 'services'] }),
      ]);
      return { saved: saved!, nextRow };
    });
    return { visit: this.toVisit(saved, client.name), nextVisit: nextRow ? this.toVisit(nextRow, client.name) : null, membersRecorded: input.outcome === 'done' ? members.length : 0 };
  }

  /** The other clients named as seen: each must share the visited client's household and be visible to the actor. */
  private async householdMembersSeen(actor: Actor, client: ClientRow, ids: string[], now: Date): Promise<ClientRow[]> {
    const members: ClientRow[] = [];
    for (const id of new Set(ids.filter((i) => i !== client.id))) {
      const member = await findClient(this.ctx.db, id);
      if (!member || !client.householdId || member.householdId !== client.householdId || !clientPolicy.canWrite(actor, member, now)) {
        throw new AppError('common.validation_failed', [{ path: 'membersSeen', message: `${id}: 不是同户成员 / not a member of this household` }]);
      }
      members.push(member);
    }
    return members;
  }

  /**
   * Escalated overdue visits (computed, never stored): a supervisor sees those past the community's
   * supervisor threshold, a street or district officer those past the street threshold.
   */
  async escalations(actor: Actor) {
    const now = this.ctx.clock.now();
    const today = chinaToday(now);
    const level: 'supervisor' | 'street' = actor.permissions.has('care.tier.approve') ? 'supervisor' : 'street';
    const rows = await overdueVisits(this.ctx.db, { prefixes: actor.scopePrefixes, before: addDays(today, -1), visibleClient: visibleClients(clientVisibility(actor, now)) });
    const thresholds = new Map<string, { supervisorAfterDays: number; streetAfterDays: number }>();
    const items: { level: 'supervisor' | 'street'; visit: Visit }[] = [];
    for (const row of rows) {
      if (!thresholds.has(row.visit.areaCode)) thresholds.set(row.visit.areaCode, (await policyFor(this.ctx.db, row.visit.areaCode)).rules.escalation);
      const t = thresholds.get(row.visit.areaCode)!;
      const visit = this.toVisit(row.visit, row.clientName, today);
      const reached = visit.overdueDays >= t.streetAfterDays ? 'street' : visit.overdueDays >= t.supervisorAfterDays ? 'supervisor' : null;
      if (reached && (level === 'supervisor' || reached === 'street')) items.push({ level: reached, visit });
    }
    auditRead(this.ctx, actor, { action: 'visit.escalations', objectType: 'client', objectIds: items.map((i) => i.visit.clientId), fields: ['name', 'tier'] });
    return { items };
  }

  /** Supervisors' view: overdue visits in ageing buckets per worker, grid and community; on-time rate per tier (this month and the two before), all from maintained rollups. */
  async overdueQueue(actor: Actor) {
    const today = chinaToday(this.ctx.clock.now());
    if (overdueRollupDay.get(this.ctx.db) !== today) {
      await ensureOverdueRollup(this.ctx.db, today);
      overdueRollupDay.set(this.ctx.db, today);
    }
    const { byWorker, byGrid, byCommunity, onTime } = await dashboardAggregates(this.ctx.db, actor.scopePrefixes, today);
    const bucket = (fallback: (key: string | null) => string) => (r: (typeof byWorker)[number]) => ({
      key: r.key ?? 'none', label: r.label ?? fallback(r.key), d1to7: r.d1to7, d8to30: r.d8to30, over30: r.over30, total: r.d1to7 + r.d8to30 + r.over30,
    });
    auditRead(this.ctx, actor, { action: 'visit.overdue_queue', objectType: 'visit', fields: ['assignee'] });
    return {
      byWorker: byWorker.map(bucket((k) => k ?? '未分配 / unassigned')),
      byGrid: byGrid.map(bucket((k) => k ?? '未划网格 / no grid')),
      byCommunity: byCommunity.map(bucket((k) => k ?? '')),
      onTimeRateByTier: (['red', 'yellow', 'blue'] as const).map((tier) => {
        const row = onTime.find((r) => r.tier === tier);
        return { tier, done: row?.done ?? 0, onTime: row?.on_time ?? 0, rate: row && row.done ? row.on_time / row.done : null };
      }),
      onTimePeriod: onTimePeriod(today),
    };
  }
}
