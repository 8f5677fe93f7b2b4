// Contracts of the points module (爱心积分, love-bank points, issue 12): a double-entry ledger between accounts (a
// community's issuer, a volunteer, a charity supermarket), earning rules per district, staff adjustments and
// statements. The server and the web import it as '@linli/contracts/modules/points'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { DateOnly } from '../care/values';
import { AreaCode } from '../org';
import type { Role } from '../permissions';
import { ACTIVITY_TYPES, ActivityType } from './activities';

export const PERMISSIONS = [
  /** See accounts, transfers and statements of the jurisdiction. */
  'points.read',
  /** Award or take back points by hand (a commendation, a correction), with a reason. */
  'points.adjust',
  /** Set a district's earning rules. */
  'points.rules',
  /** A resident volunteer's own balance and history on /m. */
  'points.own',
] as const;
export type PointsPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['points.read', 'points.rules'],
  street_officer: ['points.read'],
  community_supervisor: ['points.read', 'points.adjust'],
  community_worker: ['points.read', 'points.adjust'],
  social_worker: ['points.read'],
  grid_worker: ['points.read'],
  resident: ['points.own'],
} as const satisfies Partial<Record<Role, readonly PointsPermission[]>>;

export const ERRORS = {
  'points.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
  'points.insufficient': {
    status: 409,
    zh: '积分余额不足',
    en: 'Not enough points in the account',
  },
  'points.invalid_transfer': {
    status: 422,
    zh: '积分转账无效（账户不存在、同一账户或积分不是正整数）',
    en: 'Invalid points transfer (unknown account, same account, or points not a positive whole number)',
  },
  'points.rule_exists': {
    status: 409,
    zh: '该生效日期已有一版规则；规则不可修改，请另选生效日期',
    en: 'A rule version already takes effect on that date; rules are never edited, pick another date',
  },
  'points.not_volunteer': {
    status: 404,
    zh: '您还不是志愿者，暂无积分',
    en: 'You are not a volunteer yet, so you have no points',
  },
} as const;

export const POINT_ACCOUNT_KINDS = ['issuer', 'volunteer', 'supermarket'] as const;
export const PointAccountKind = z.enum(POINT_ACCOUNT_KINDS);
export const POINT_TRANSFER_KINDS = ['earn', 'redeem', 'return', 'reverse', 'adjust'] as const;
export const PointTransferKind = z.enum(POINT_TRANSFER_KINDS);
export type PointTransferKind = z.infer<typeof PointTransferKind>;

/** Defaults of a district without rules: 10 points per confirmed hour, at most 300 points a month per volunteer. */
export const DEFAULT_POINTS_PER_HOUR = 10;
export const DEFAULT_MONTHLY_CAP = 300;

const Rate = z.number().int().min(0).max(1000);
export const TypeRates = z.partialRecord(ActivityType, Rate);

export const PointRuleInput = z.object({
  /** A district's 12-digit code. */
  districtCode: AreaCode,
  effectiveFrom: DateOnly,
  pointsPerHour: Rate,
  /** Per activity type: points per hour instead of pointsPerHour. */
  typeRates: TypeRates.default({}),
  monthlyCap: z.number().int().min(0).max(100000),
  note: z.string().trim().max(200).default(''),
});
export type PointRuleInput = z.input<typeof PointRuleInput>;

export const PointRule = z.object({
  id: Id,
  districtCode: AreaCode,
  effectiveFrom: z.string(),
  pointsPerHour: z.number().int(),
  typeRates: z.record(z.string(), z.number().int()),
  monthlyCap: z.number().int(),
  note: z.string(),
  createdAt: IsoDateTime,
});
export type PointRule = z.infer<typeof PointRule>;

export const PointRules = z.object({
  districtCode: AreaCode,
  /** The rule in force today (defaults when no version has taken effect). */
  inForce: z.object({
    effectiveFrom: z.string().nullable(),
    pointsPerHour: z.number().int(),
    typeRates: z.record(z.string(), z.number().int()),
    monthlyCap: z.number().int(),
  }),
  versions: z.array(PointRule),
  allowedActions: z.array(z.string()),
});
export type PointRules = z.infer<typeof PointRules>;

export const PointAccount = z.object({
  id: Id,
  areaCode: AreaCode,
  kind: PointAccountKind,
  ownerId: z.string(),
  /** Volunteer: masked name; issuer: the community; supermarket: its name. */
  ownerLabel: z.string(),
  balance: z.number().int(),
  allowedActions: z.array(z.string()),
});
export type PointAccount = z.infer<typeof PointAccount>;

export const PointAccountListQuery = PageQuery.extend({
  areaCode: AreaCode.optional(),
  kind: PointAccountKind.optional(),
});
export const PointAccountList = Paged(PointAccount);
export type PointAccountList = z.infer<typeof PointAccountList>;

/** One line of a statement, seen from the account: in (+) or out (−). */
export const PointStatementLine = z.object({
  id: Id,
  kind: PointTransferKind,
  /** Signed: + into the account, − out of it. */
  points: z.number().int(),
  memo: z.string(),
  refType: z.string(),
  refId: z.string(),
  reversesTransferId: Id.nullable(),
  counterpartKind: PointAccountKind,
  createdAt: IsoDateTime,
});
export type PointStatementLine = z.infer<typeof PointStatementLine>;

export const PointTotals = z.object({
  earned: z.number().int(),
  spent: z.number().int(),
  returned: z.number().int(),
  reversed: z.number().int(),
  adjusted: z.number().int(),
});
export const PointStatement = z.object({
  account: PointAccount,
  totals: PointTotals,
  lines: Paged(PointStatementLine),
});
export type PointStatement = z.infer<typeof PointStatement>;

export const PointCommunitySummary = z.object({
  areaCode: AreaCode,
  /** Points issued (net) by the community's issuer account = − its balance. */
  issued: z.number().int(),
  volunteerAccounts: z.number().int(),
  volunteerBalance: z.number().int(),
  supermarketBalance: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  /** Points that could not be taken back on reversals (already spent). */
  shortfall: z.number().int(),
});
export type PointCommunitySummary = z.infer<typeof PointCommunitySummary>;

export const PointAdjustInput = z.object({
  volunteerId: Id,
  /** Positive: award (e.g. a commendation); negative: take back. */
  points: z
    .number()
    .int()
    .min(-100000)
    .max(100000)
    .refine((n) => n !== 0),
  reason: z.string().trim().min(2).max(200),
});
export type PointAdjustInput = z.infer<typeof PointAdjustInput>;
export const PointAdjustResult = z.object({ transferId: Id, balance: z.number().int() });

export const PointExportQuery = z.object({ areaCode: AreaCode.optional() });

/** A team's statement: a period of China dates, either end open (none: the current members, all time). */
export const PointTeamQuery = z.object({ from: DateOnly.optional(), to: DateOnly.optional() });
export type PointTeamQuery = z.infer<typeof PointTeamQuery>;

/** One member's account: the balance now, and what was earned (kind earn) and spent (kind redeem) in the period. */
export const PointTeamMember = z.object({
  volunteerId: Id,
  /** Null when the volunteer has never had points. */
  accountId: Id.nullable(),
  /** The masked name. */
  ownerLabel: z.string(),
  /** The volunteer's home community (where the account is kept). */
  areaCode: AreaCode,
  balance: z.number().int(),
  earned: z.number().int(),
  spent: z.number().int(),
});
export type PointTeamMember = z.infer<typeof PointTeamMember>;

/**
 * The members of a volunteer team with their points (per-team statement): members whose spell overlaps the period,
 * or the current members without one; members whose home community is outside the caller's scope are left out.
 */
export const PointTeamStatement = z.object({
  teamId: Id,
  teamName: z.string(),
  areaCode: AreaCode,
  from: DateOnly.nullable(),
  to: DateOnly.nullable(),
  members: z.array(PointTeamMember),
  totals: z.object({ balance: z.number().int(), earned: z.number().int(), spent: z.number().int() }),
});
export type PointTeamStatement = z.infer<typeof PointTeamStatement>;

export const MyPoints = z.object({
  balance: z.number().int(),
  totals: PointTotals,
  lines: Paged(PointStatementLine),
});
export type MyPoints = z.infer<typeof MyPoints>;

export { ACTIVITY_TYPES };
