import { randomUUID } from 'node:crypto';
import { OVERDUE_TOP_DEFAULT, type Visit } from '@linli/contracts';
import { type Actor, codeInPrefixes } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { addDays, chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import { findUserWithGrants } from '../../users';
import { insertClientEvents, visibleClients } from '../clients/clients.repository';
import { clientVisibility } from '../clients/clients.policy';
import { policyFor } from '../policies/planning';
import { toVisit } from '../visits/visits.service';
import {
  dashboardAggregates,
  ensureOverdueRollup,
  onTimePeriod,
  overdueVisits,
  type OverdueRow,
  reassignClients,
  reassignPlannedOf,
} from './supervision.repository';

/**
 * The day each database's overdue rollup was last brought up to date by this process, so only the first
 * dashboard request of a day pays for the check (the rebuild itself is idempotent and locked in the database).
 */
const overdueRollupDay = new WeakMap<object, string>();

/** What supervisors do across a caseload rather than to one client: escalations, the overdue dashboard, reassignment. */
export class SupervisionService {
  constructor(private readonly ctx: AppContext) {}

  /**
   * Escalated overdue visits (computed, never stored): a supervisor sees those past the community's
   * supervisor threshold, a street or district officer those past the street threshold.
   */
  async escalations(actor: Actor) {
    const now = this.ctx.clock.now();
    const today = chinaToday(now);
    const level: 'supervisor' | 'street' = actor.permissions.has('care.tier.approve') ? 'supervisor' : 'street';
    // A dashboard read: on the replica when there is one (ADR 0008).
    const db = await this.ctx.readDb(actor);
    const rows = await overdueVisits(db, {
      prefixes: actor.scopePrefixes,
      before: addDays(today, -1),
      visibleClient: visibleClients(clientVisibility(actor, now)),
    });
    const thresholds = new Map<string, { supervisorAfterDays: number; streetAfterDays: number }>();
    const items: { level: 'supervisor' | 'street'; visit: Visit }[] = [];
    for (const row of rows) {
      if (!thresholds.has(row.visit.areaCode))
        thresholds.set(row.visit.areaCode, (await policyFor(db, row.visit.areaCode)).rules.escalation);
      const t = thresholds.get(row.visit.areaCode)!;
      const visit = toVisit(row.visit, row.clientName, today);
      const reached =
        visit.overdueDays >= t.streetAfterDays
          ? 'street'
          : visit.overdueDays >= t.supervisorAfterDays
            ? 'supervisor'
            : null;
      if (reached && (level === 'supervisor' || reached === 'street')) items.push({ level: reached, visit });
    }
    auditRead(this.ctx, actor, {
      action: 'visit.escalations',
      objectType: 'client',
      objectIds: items.map((i) => i.visit.clientId),
      fields: ['name', 'tier'],
    });
    return { items };
  }

  /** Supervisors' view: overdue visits in ageing buckets per worker, grid and community; on-time rate per tier (this month and the two before), all from maintained rollups. */
  async overdueQueue(actor: Actor, top: number = OVERDUE_TOP_DEFAULT) {
    const today = chinaToday(this.ctx.clock.now());
    if (overdueRollupDay.get(this.ctx.db) !== today) {
      await ensureOverdueRollup(this.ctx.db, today);
      // The rebuild ran on the primary: routed reads wait until the replica has replayed it (ADR 0008).
      await this.ctx.reads.fence();
      overdueRollupDay.set(this.ctx.db, today);
    }
    const { byWorker, byGrid, byCommunity, onTime } = await dashboardAggregates(
      await this.ctx.readDb(actor),
      actor.scopePrefixes,
      today,
      top,
    );
    // Visits of no worker or no grid fall in the bucket keyed 'none', with no label: the web app names it.
    const bucket = (r: OverdueRow) => ({
      key: r.key ?? 'none',
      label: r.label ?? r.key ?? '',
      d1to7: r.d1to7,
      d8to30: r.d8to30,
      over30: r.over30,
      total: r.d1to7 + r.d8to30 + r.over30,
    });
    auditRead(this.ctx, actor, { action: 'visit.overdue_queue', objectType: 'visit', fields: ['assignee'] });
    const { d1to7, d8to30, over30 } = byCommunity.sums;
    return {
      byWorker: byWorker.rows.map(bucket),
      byGrid: byGrid.rows.map(bucket),
      byCommunity: byCommunity.rows.map(bucket),
      groups: { byWorker: byWorker.groups, byGrid: byGrid.groups, byCommunity: byCommunity.groups },
      overdue: { d1to7, d8to30, over30, total: d1to7 + d8to30 + over30 },
      onTimeRateByTier: (['red', 'yellow', 'blue'] as const).map((tier) => {
        const row = onTime.find((r) => r.tier === tier);
        return {
          tier,
          done: row?.done ?? 0,
          onTime: row?.on_time ?? 0,
          rate: row && row.done ? row.on_time / row.done : null,
        };
      }),
      onTimePeriod: onTimePeriod(today),
    };
  }

  /** Moves a departing worker's caseload, or a whole grid's, to another worker: clients and their open visits. */
  async reassign(
    actor: Actor,
    input: { fromUserId?: string | undefined; gridCode?: string | undefined; toUserId: string },
  ) {
    if (input.gridCode && !codeInPrefixes(input.gridCode, actor.scopePrefixes)) throw new AppError('area.not_found');
    const target = await findUserWithGrants(this.ctx.db, input.toUserId);
    if (!target || target.status !== 'active' || !target.areaCodes.some((c) => codeInPrefixes(c, actor.scopePrefixes)))
      throw new AppError('user.not_found', [
        { path: 'toUserId', code: 'user.unknown', params: { id: input.toUserId } },
      ]);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction(async (tx) => {
      const moved = await reassignClients(tx, actor.scopePrefixes, input, target.id, now);
      const ids = moved.map((client) => client.id);
      let visitCount = 0;
      if (ids.length) {
        visitCount = await reassignPlannedOf(tx, ids, target.id, now);
        await insertClientEvents(
          tx,
          moved.map((client) => ({
            id: randomUUID(),
            clientId: client.id,
            areaCode: client.areaCode,
            kind: 'reassigned' as const,
            detail: { to: target.id, from: input.fromUserId ?? null, grid: input.gridCode ?? null },
            actorId: actor.userId,
            at: now,
          })),
        );
      }
      await auditInTx(this.ctx, tx, actor, {
        action: 'caseload.reassign',
        objectType: 'client',
        objectIds: ids.slice(0, 100),
        fields: ['assigneeId'],
        detail: `${ids.length} clients, ${visitCount} visits → ${target.username}`,
      });
      return { clients: ids.length, visits: visitCount };
    });
  }
}
