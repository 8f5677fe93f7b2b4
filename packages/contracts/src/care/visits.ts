import { z } from 'zod';
import type { FieldCode } from '../field-messages';
import { Id, IsoDateTime } from '../common';
import { AreaCode } from '../org';
import { DateOnly, MissedReason, Tier, VisitMode, VisitStatus } from './values';

/** Visits: the worklist, recording a visit; supervision: escalations, the overdue dashboard, caseload reassignment. */

export const Visit = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  communityCode: AreaCode,
  gridCode: AreaCode.nullable(),
  assigneeId: Id.nullable(),
  windowStart: DateOnly,
  dueDate: DateOnly,
  windowEnd: DateOnly,
  mode: VisitMode,
  status: VisitStatus,
  tier: Tier.nullable(),
  overdueDays: z.number().int(),
  doneAt: IsoDateTime.nullable(),
  outcomeNotes: z.string().nullable(),
  missedReason: MissedReason.nullable(),
});
export type Visit = z.infer<typeof Visit>;

/** The worklist's three lists (the 工作台 links straight to one: /care/worklist?bucket=overdue). */
export const WorklistBucket = z.enum(['overdue', 'dueToday', 'thisWeek']);
export type WorklistBucket = z.infer<typeof WorklistBucket>;
/** How many visits each of the worklist's lists shows at once (the rest is paged, overdue first). */
export const WORKLIST_PAGE_SIZE = 50;
export const WORKLIST_MAX_PAGE_SIZE = 500;
/**
 * Without `bucket`: the first `pageSize` visits of each list. With `bucket`: page `page` of that list only (the
 * other two come back empty); `totals` always counts all three.
 */
export const WorklistQuery = z.object({
  scope: z.enum(['mine', 'area']).default('mine'),
  bucket: WorklistBucket.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(WORKLIST_MAX_PAGE_SIZE).default(WORKLIST_PAGE_SIZE),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;
export const WorklistTotals = z.object({
  overdue: z.number().int(),
  dueToday: z.number().int(),
  thisWeek: z.number().int(),
});
export const Worklist = z.object({
  today: DateOnly,
  overdue: z.array(Visit),
  dueToday: z.array(Visit),
  thisWeek: z.array(Visit),
  /** Every planned visit in each list, shown or not. */
  totals: WorklistTotals,
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const RecordVisitInput = z.object({
  outcome: z.enum(['done', 'missed']),
  mode: VisitMode,
  visitedOn: DateOnly,
  notes: z.string().trim().max(1000).optional(),
  services: z.array(z.string().trim().max(40)).max(20).optional(),
  missedReason: MissedReason.optional(),
  /** Other members of the client's household seen in the same visit: their open visits count as done too. */
  membersSeen: z.array(Id).max(20).optional(),
  /** Case-plan tasks this visit completed (ticked off from the visit). */
  caseTaskIds: z.array(Id).max(50).optional(),
});
export const RecordVisitResult = z.object({
  visit: Visit,
  nextVisit: Visit.nullable(),
  membersRecorded: z.number().int(),
});

export const Escalation = z.object({ level: z.enum(['supervisor', 'street']), visit: Visit });
export const EscalationList = z.object({ items: z.array(Escalation) });

export const OverdueBucket = z.object({
  key: z.string(),
  label: z.string(),
  d1to7: z.number().int(),
  d8to30: z.number().int(),
  over30: z.number().int(),
  total: z.number().int(),
});
/** How many of the worst groups each list of the overdue dashboard carries (a district has thousands of workers). */
export const OVERDUE_TOP_DEFAULT = 100;
export const OverdueQueueQuery = z.object({
  top: z.coerce.number().int().min(1).max(1000).default(OVERDUE_TOP_DEFAULT),
});
export const OverdueCounts = z.object({
  d1to7: z.number().int(),
  d8to30: z.number().int(),
  over30: z.number().int(),
  total: z.number().int(),
});
export const OverdueQueue = z.object({
  /** The worst `top` groups of each kind, most over-30-day visits first. */
  byWorker: z.array(OverdueBucket),
  byGrid: z.array(OverdueBucket),
  byCommunity: z.array(OverdueBucket),
  /** How many groups of each kind have overdue visits in all (a list shows at most `top` of them). */
  groups: z.object({ byWorker: z.number().int(), byGrid: z.number().int(), byCommunity: z.number().int() }),
  /** The jurisdiction's overdue visits in all, whatever the lists show. */
  overdue: OverdueCounts,
  onTimeRateByTier: z.array(
    z.object({ tier: Tier, done: z.number().int(), onTime: z.number().int(), rate: z.number().nullable() }),
  ),
  /** The on-time period: this calendar month and the two before it, [from, until). */
  onTimePeriod: z.object({ from: DateOnly, until: DateOnly }),
});

export const CaseloadReassignInput = z
  .object({
    fromUserId: Id.optional(),
    gridCode: AreaCode.optional(),
    toUserId: Id,
  })
  .refine((v) => Boolean(v.fromUserId) !== Boolean(v.gridCode), 'care.reassign_one_source' satisfies FieldCode);
export const CaseloadReassignResult = z.object({ clients: z.number().int(), visits: z.number().int() });
