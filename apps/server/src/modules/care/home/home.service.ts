import { type CareHome, HOME_LIST_SIZE, type Tier, type Visit } from '@linli/contracts';
import { type Actor, hasPermission } from '../../../platform/access';
import { type AppContext, auditRead } from '../../../platform/context';
import { chinaToday, isoWeekEnd } from '../../../platform/dates';
import { type ClientVisibility, visibleClients } from '../clients/clients.repository';
import { clientVisibility } from '../clients/clients.policy';
import { type EffectivePolicy, policyFor } from '../policies/planning';
import { reassessmentDueAfter } from '../policies/tier-policy';
import type { SupervisionService } from '../supervision/supervision.service';
import { worklistHorizon } from '../visits/visit-buckets';
import { worklistPage, worklistTotals } from '../visits/visits.repository';
import { toVisit } from '../visits/visits.service';
import { approvalsWaiting } from './home-approvals';
import { activeClientsByTier, assignedTieredClients, openTasksOwnedBy, referralsWaitingOn } from './home.repository';

type Mine = NonNullable<CareHome['mine']>;
type Area = NonNullable<CareHome['area']>;

/** How many visits the 工作台 lists under "next" (overdue first, then today's). */
const NEXT_VISITS = 8;

/** The 工作台: each person's day, by what their roles let them do (docs/care.md "工作台"). */
export class HomeService {
  constructor(
    private readonly ctx: AppContext,
    private readonly supervision: SupervisionService,
  ) {}

  async summary(actor: Actor): Promise<CareHome> {
    const now = this.ctx.clock.now();
    const today = chinaToday(now);
    const visibility = clientVisibility(actor, now);
    const [mine, approvals, area] = await Promise.all([
      hasPermission(actor, 'care.visit.write') ? this.mine(actor, visibility, today) : null,
      approvalsWaiting(this.ctx.db, actor, visibility),
      hasPermission(actor, 'care.supervision.read') ? this.area(actor, visibility) : null,
    ]);
    const shown = mine
      ? [...mine.next, ...mine.reassessments.items, ...mine.tasks.items, ...mine.referrals.items].map((r) => r.clientId)
      : [];
    auditRead(this.ctx, actor, {
      action: 'care.home',
      objectType: 'client',
      objectIds: [...new Set(shown)],
      fields: ['name', 'tier'],
    });
    return { today, weekEnd: isoWeekEnd(today), mine, approvals, area };
  }

  /** The person's own day: the worklist's buckets (the same read and rule), reassessments, tasks, referrals. */
  private async mine(actor: Actor, visibility: ClientVisibility, today: string): Promise<Mine> {
    const visible = visibleClients(visibility);
    const worklist = {
      assigneeId: actor.userId,
      until: worklistHorizon(today),
      visibility,
    };
    const [totals, tiered, tasks, referrals] = await Promise.all([
      worklistTotals(this.ctx.db, worklist, today),
      assignedTieredClients(this.ctx.db, visible, actor.userId),
      openTasksOwnedBy(this.ctx.db, visible, actor.userId, HOME_LIST_SIZE),
      referralsWaitingOn(this.ctx.db, visible, actor.userId, HOME_LIST_SIZE),
    ]);
    // The next visits: overdue first, then today's — the worklist's own pages, read only as far as needed.
    const next: Visit[] = [];
    for (const bucket of ['overdue', 'dueToday'] as const) {
      if (next.length >= NEXT_VISITS || !totals[bucket]) continue;
      const rows = await worklistPage(this.ctx.db, worklist, {
        bucket,
        today,
        limit: NEXT_VISITS - next.length,
        offset: 0,
      });
      next.push(...rows.map((r) => toVisit(r.visit, r.clientName, today)));
    }
    const reassessments = await this.reassessmentsDue(tiered, isoWeekEnd(today));
    return {
      ...totals,
      next,
      reassessments: { count: reassessments.length, items: reassessments.slice(0, HOME_LIST_SIZE) },
      tasks: {
        count: tasks[0]?.total ?? 0,
        items: tasks.map(({ total: _, ...task }) => task),
      },
      referrals: {
        count: referrals[0]?.total ?? 0,
        items: referrals.map(({ total: _, sentAt, ...r }) => ({ ...r, sentAt: sentAt.toISOString() })),
      },
    };
  }

  /** Clients whose reassessment (last assessment + the policy's interval, as on the client page) falls by `until`. */
  private async reassessmentsDue(rows: Awaited<ReturnType<typeof assignedTieredClients>>, until: string) {
    const policies = new Map<string, Promise<EffectivePolicy>>();
    const policyOf = (area: string) => {
      if (!policies.has(area)) policies.set(area, policyFor(this.ctx.db, area));
      return policies.get(area)!;
    };
    const due: { clientId: string; clientName: string; tier: Tier; dueOn: string }[] = [];
    for (const row of rows) {
      if (row.lastAssessedOn === null || !row.tier) continue;
      const { rules } = await policyOf(row.areaCode);
      const dueOn = reassessmentDueAfter(row.lastAssessedOn, row.tier, rules);
      if (dueOn <= until) due.push({ clientId: row.id, clientName: row.name, tier: row.tier, dueOn });
    }
    return due.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  /** The jurisdiction's headline figures: active clients by tier, and the overdue dashboard's own rollups. */
  private async area(actor: Actor, visibility: ClientVisibility): Promise<Area> {
    // The headline figures are a dashboard: read on the replica when there is one (ADR 0008).
    const [byTier, queue] = await Promise.all([
      this.ctx.readDb(actor).then((db) => activeClientsByTier(db, visibleClients(visibility))),
      this.supervision.overdueQueue(actor),
    ]);
    const tierCount = (tier: Tier | null) => byTier.find((r) => (r.tier ?? null) === tier)?.n ?? 0;
    const done = queue.onTimeRateByTier.reduce((n, r) => n + r.done, 0);
    const onTime = queue.onTimeRateByTier.reduce((n, r) => n + r.onTime, 0);
    return {
      clientsByTier: {
        red: tierCount('red'),
        yellow: tierCount('yellow'),
        blue: tierCount('blue'),
        none: tierCount(null),
      },
      clients: byTier.reduce((n, r) => n + r.n, 0),
      overdue: queue.overdue,
      byWorker: queue.byWorker
        .filter((b) => b.total > 0)
        .sort((a, b) => b.total - a.total)
        .slice(0, HOME_LIST_SIZE),
      onTime: { done, onTime, rate: done ? onTime / done : null },
      onTimePeriod: queue.onTimePeriod,
    };
  }
}
