import { z } from 'zod';
import { Id, IsoDateTime } from '../common';
import { DateOnly, ReferralStatus, Tier } from './values';
import { OverdueBucket, Visit } from './visits';

/**
 * The 工作台 (GET /api/care/home): what waits on the signed-in person today, scoped like every care read. Each part
 * is null when the person's roles do not give it: `mine` for those who visit (care.visit.write), `approvals` for
 * those who decide something, `area` for supervisors and officers (care.supervision.read).
 */

const count = z.number().int().min(0);
/** A count and the first few rows behind it (HOME_LIST_SIZE at most). */
const counted = <T extends z.ZodTypeAny>(item: T) => z.object({ count, items: z.array(item) });
export const HOME_LIST_SIZE = 5;

export const HomeReassessment = z.object({ clientId: Id, clientName: z.string(), tier: Tier, dueOn: DateOnly });
export const HomeTask = z.object({
  id: Id,
  caseId: Id,
  clientId: Id,
  clientName: z.string(),
  title: z.string(),
  dueDate: DateOnly.nullable(),
});
export const HomeReferral = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  providerName: z.string(),
  service: z.string(),
  status: ReferralStatus,
  sentAt: IsoDateTime,
});

export const CareHome = z.object({
  /** The server's calendar day (Asia/Shanghai) and the Sunday ending its ISO week. */
  today: DateOnly,
  weekEnd: DateOnly,
  mine: z
    .object({
      /** The worklist's buckets (GET /api/care/worklist?scope=mine), counted by the same rule. */
      overdue: count,
      dueToday: count,
      thisWeek: count,
      /** The first visits to make: overdue ones (oldest window first), then today's. */
      next: z.array(Visit),
      /** The person's clients whose reassessment falls due by the end of this week (or already has). */
      reassessments: counted(HomeReassessment),
      /** Open tasks in active case plans they own (or nobody owns, on their clients), earliest due first. */
      tasks: counted(HomeTask),
      /** Referrals of their clients (or sent by them) waiting for an answer (sent) or a report back (accepted). */
      referrals: counted(HomeReferral),
    })
    .nullable(),
  /** Requests this person may decide now (null: a kind they cannot decide). */
  approvals: z
    .object({
      tierChanges: count.nullable(),
      casePlans: count.nullable(),
      caseClosures: count.nullable(),
      exports: count.nullable(),
    })
    .nullable(),
  area: z
    .object({
      /** Active clients in the jurisdiction by tier (`none`: not yet assessed). */
      clientsByTier: z.object({ red: count, yellow: count, blue: count, none: count }),
      clients: count,
      /** Overdue visits in the jurisdiction (the overdue dashboard's rollups), by age. */
      overdue: z.object({ total: count, d1to7: count, d8to30: count, over30: count }),
      /** The workers with the most overdue visits (the team's overdue). */
      byWorker: z.array(OverdueBucket),
      /** Visits done in the on-time period and how many within their window. */
      onTime: z.object({ done: count, onTime: count, rate: z.number().nullable() }),
      onTimePeriod: z.object({ from: DateOnly, until: DateOnly }),
    })
    .nullable(),
});
export type CareHome = z.infer<typeof CareHome>;
