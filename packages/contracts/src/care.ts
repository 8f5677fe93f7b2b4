import { z } from 'zod';
import {
  DATE_RANGE,
  FieldParamValues,
  Id,
  IsoDateTime,
  MAX_YEAR,
  MIN_YEAR,
  PageQuery,
  Paged,
  UNSTORABLE_TEXT,
  isStorableText,
} from './common';
import type { FieldCode } from './field-messages';
import { isValidIdNumber } from './id-number';
import { AreaCode } from './org';

export const CLIENT_CATEGORIES = [
  'elderly_alone',
  'dibao',
  'tekun',
  'disability',
  'left_behind',
  'child_in_difficulty',
  'other',
] as const;
export const ClientCategory = z.enum(CLIENT_CATEGORIES);
export type ClientCategory = z.infer<typeof ClientCategory>;

/** 服务对象类别 as written in ledgers. */
export const CATEGORY_LABELS: Record<ClientCategory, string> = {
  elderly_alone: '独居老人',
  dibao: '低保',
  tekun: '特困',
  disability: '残疾人',
  left_behind: '留守人员',
  child_in_difficulty: '困境儿童',
  other: '其他',
};

export const TIERS = ['red', 'yellow', 'blue'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;
export const TIER_LABELS: Record<Tier, string> = { red: '红', yellow: '黄', blue: '蓝' };

export const CLIENT_STATUSES = ['active', 'paused', 'moved_out', 'deceased', 'closed'] as const;
export const ClientStatus = z.enum(CLIENT_STATUSES);

export const NEED_DOMAINS = [
  'health',
  'mobility',
  'living_safety',
  'income',
  'social_support',
  'mental_wellbeing',
  'child_welfare',
] as const;
export const NeedDomain = z.enum(NEED_DOMAINS);
export type NeedDomain = z.infer<typeof NeedDomain>;

export const VISIT_MODES = ['home', 'phone', 'video', 'centre'] as const;
export const VisitMode = z.enum(VISIT_MODES);
export const VISIT_STATUSES = ['planned', 'done', 'missed', 'cancelled', 'superseded'] as const;
export const VisitStatus = z.enum(VISIT_STATUSES);
export const MISSED_REASONS = ['not_home', 'hospitalised', 'refused', 'moved', 'other'] as const;
export const MissedReason = z.enum(MISSED_REASONS);
export const TIER_CHANGE_STATUSES = ['applied', 'pending_approval', 'rejected'] as const;
export const TierChangeStatus = z.enum(TIER_CHANGE_STATUSES);
// Case and referral statuses live here rather than in cases.ts (which imports this file): the timeline names them.
export const CASE_STATUSES = ['draft', 'plan_pending', 'active', 'closure_pending', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'done', 'withdrawn'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);

// A schema's own message is a field code (field-messages.ts): the server and the web app say its words.
export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((v) => !/[<>{}\\]/.test(v), 'field.name_characters' satisfies FieldCode)
  .refine(isStorableText, UNSTORABLE_TEXT);
export const IdNumberInput = z
  .string()
  .trim()
  .refine(isValidIdNumber, 'care.id_number_invalid' satisfies FieldCode);
export const MobileInput = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'field.mobile_invalid' satisfies FieldCode);

/** True for a YYYY-MM-DD that exists in the calendar (not 2026-02-30, 2025-02-29, 2026-13-01). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date between two years; format, existence and range each give their own message (F11). */
function calendarDate(minYear: number, maxYear: number, rangeMessage: FieldCode) {
  const formatOk = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date_format' satisfies FieldCode)
    .refine((v) => !formatOk(v) || isCalendarDate(v), 'field.date_invalid' satisfies FieldCode)
    .refine(
      (v) => !isCalendarDate(v) || (Number(v.slice(0, 4)) >= minYear && Number(v.slice(0, 4)) <= maxYear),
      rangeMessage,
    );
}
export const DateOnly = calendarDate(MIN_YEAR, MAX_YEAR, DATE_RANGE);
/** Birth dates go back as far as ID numbers do (parseIdNumber accepts 1880 on), so a client read back always fits. */
export const BirthDate = calendarDate(1880, MAX_YEAR, 'care.birth_date_range');
/** Free text stored as it is: ledger rows are checked with ClientInput outside any HTTP request, so it says so itself. */
const StoredText = (max: number) => z.string().trim().max(max).refine(isStorableText, UNSTORABLE_TEXT);

export const ClientInput = z.object({
  name: PersonName,
  idNumber: IdNumberInput.optional(),
  sex: z.enum(['male', 'female']).optional(),
  birthDate: BirthDate.optional(),
  phone: MobileInput.optional(),
  communityCode: AreaCode,
  gridCode: AreaCode.optional(),
  address: StoredText(120).optional(),
  categories: z.array(ClientCategory).min(1),
  disabilityCardNumber: StoredText(24).optional(),
  disabilityCategory: StoredText(20).optional(),
  disabilityGrade: StoredText(10).optional(),
  emergencyContactName: PersonName.optional(),
  emergencyContactPhone: MobileInput.optional(),
  assigneeId: Id.optional(),
  notes: StoredText(500).optional(),
  /** Set after the user saw duplicate warnings and chose to go on. */
  confirmDuplicates: z.boolean().optional(),
});
export type ClientInput = z.infer<typeof ClientInput>;

export const ClientSummary = z.object({
  id: Id,
  name: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  age: z.number().int().nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  communityCode: AreaCode,
  gridCode: AreaCode.nullable(),
  categories: z.array(ClientCategory),
  tier: Tier.nullable(),
  status: ClientStatus,
  nextVisitDue: DateOnly.nullable(),
  overdueDays: z.number().int().nullable(),
  isMinor: z.boolean(),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

export const ClientListQuery = PageQuery.extend({
  q: z.string().trim().max(40).optional(),
  communityCode: AreaCode.optional(),
  gridCode: AreaCode.optional(),
  tier: Tier.optional(),
  category: ClientCategory.optional(),
  status: ClientStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const ClientList = Paged(ClientSummary);

export const DuplicateWarning = z.object({
  clientId: Id,
  name: z.string(),
  communityCode: AreaCode,
  matchedOn: z.array(z.enum(['id_number', 'phone', 'pinyin_birth_date'])),
});
export const DuplicateWarnings = z.object({
  /** Matches the caller may see. */
  duplicates: z.array(DuplicateWarning),
  /** A record may exist outside the caller's area (or be hidden from them): nothing more is said (F5). */
  elsewhere: z.boolean(),
});

/** The fields a client edit may change (ClientUpdateInput without `version`), as the timeline names them. */
export const CLIENT_EDIT_FIELDS = [
  'name',
  'phone',
  'address',
  'gridCode',
  'categories',
  'disabilityCategory',
  'disabilityGrade',
  'emergencyContactName',
  'emergencyContactPhone',
  'assigneeId',
  'householdId',
  'notes',
] as const;
export const ClientEditField = z.enum(CLIENT_EDIT_FIELDS);
export type ClientEditField = z.infer<typeof ClientEditField>;

/**
 * One event in a client's history: when, what kind, the object it concerns (`refId`) and, in `data`, what happened
 * as codes and values — the web app says it in the UI language (no words are built here).
 */
const timelineEntry = <K extends string, D extends z.ZodRawShape>(kind: K, data: D) =>
  z.object({ at: IsoDateTime, kind: z.literal(kind), refId: Id.nullable(), data: z.object(data) });
export const TimelineEntry = z.discriminatedUnion('kind', [
  timelineEntry('created', {}),
  timelineEntry('assessment', { suggestedTier: Tier, confirmedTier: Tier }),
  timelineEntry('tier_change', { fromTier: Tier.nullable(), toTier: Tier, status: TierChangeStatus }),
  timelineEntry('visit', {
    status: z.enum(['done', 'missed']),
    mode: VisitMode,
    visitedOn: z.string().nullable(),
    missedReason: MissedReason.nullable(),
    /** The worker's outcome notes. */
    notes: z.string().nullable(),
    services: z.array(z.string()),
    /** Other household members recorded as seen in this visit (null when none were). */
    membersSeen: z.number().int().nullable(),
    /** True when this visit was recorded as seen during another member's household visit. */
    householdVisit: z.boolean(),
  }),
  timelineEntry('status', {
    from: ClientStatus,
    to: ClientStatus,
    reason: z.string().nullable(),
    resumeOn: z.string().nullable(),
  }),
  timelineEntry('updated', { fields: z.array(ClientEditField) }),
  timelineEntry('reassigned', {}),
  timelineEntry('case', { status: CaseStatus }),
  timelineEntry('referral', { providerName: z.string(), service: z.string(), status: ReferralStatus }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type TimelineKind = TimelineEntry['kind'];

export const ClientDetail = ClientSummary.extend({
  /**
   * The full birth date only for those who may reveal the ID number; others see the year (F4: the full date plus the
   * masked ID and the area code would rebuild the number).
   */
  birthDate: BirthDate.nullable(),
  birthYear: z.number().int().nullable(),
  address: z.string().nullable(),
  disabilityCardMasked: z.string().nullable(),
  disabilityCategory: z.string().nullable(),
  disabilityGrade: z.string().nullable(),
  emergencyContactName: z.string().nullable(),
  emergencyContactPhoneMasked: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  householdId: Id.nullable(),
  notes: z.string().nullable(),
  /** Last assessment + the policy's re-assessment interval for the tier; null before the first assessment. */
  reassessmentDue: DateOnly.nullable(),
  version: z.number().int(),
  timeline: z.array(TimelineEntry),
  allowedActions: z.array(z.string()),
});
export type ClientDetail = z.infer<typeof ClientDetail>;

export const RevealInput = z.object({
  field: z.enum(['idNumber', 'phone', 'disabilityCardNumber', 'emergencyContactPhone']),
  reason: z.string().trim().min(2).max(200),
});
export const RevealResult = z.object({ field: z.string(), value: z.string().nullable() });

export const DomainScore = z.object({
  score: z.number().int().min(0).max(3),
  note: z.string().trim().max(300).optional(),
});
export const AssessmentInput = z.object({
  scores: z.partialRecord(NeedDomain, DomainScore),
  /** The tier the worker confirms; when it differs from the suggestion a reason is required. */
  tier: Tier,
  overrideReason: z.string().trim().max(300).optional(),
});
export const AssessmentResult = z.object({
  assessmentId: Id,
  suggestedTier: Tier,
  tier: Tier,
  tierChange: z.enum(['none', 'applied', 'pending_approval']),
  nextVisitDue: DateOnly.nullable(),
});

export const TierApproval = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  communityCode: AreaCode,
  fromTier: Tier.nullable(),
  toTier: Tier,
  reason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: IsoDateTime,
});
export const TierApprovalList = z.object({ items: z.array(TierApproval) });
export const TierDecisionInput = z.object({ approve: z.boolean(), note: z.string().trim().max(300).optional() });

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

export const WorklistQuery = z.object({ scope: z.enum(['mine', 'area']).default('mine') });
export const Worklist = z.object({
  today: DateOnly,
  overdue: z.array(Visit),
  dueToday: z.array(Visit),
  thisWeek: z.array(Visit),
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

export const HouseholdInput = z.object({
  communityCode: AreaCode,
  gridCode: AreaCode.optional(),
  address: z.string().trim().min(2).max(120),
});
export const Household = z.object({
  id: Id,
  communityCode: AreaCode,
  gridCode: AreaCode.nullable(),
  address: z.string().nullable(),
  members: z.array(z.object({ id: Id, name: z.string(), tier: Tier.nullable(), nextVisitDue: DateOnly.nullable() })),
});

export const TierPolicyRules = z.object({
  cadenceDays: z.record(Tier, z.number().int().min(1).max(730)),
  reassessMonths: z.record(Tier, z.number().int().min(1).max(36)),
  /** Any domain at this score → red. */
  redIfAnyAtLeast: z.number().int().min(1).max(3),
  /** This many domains at ≥ 2 → yellow. */
  yellowIfCountAtLeast2: z.number().int().min(1).max(7),
  /** Overdue visits escalate: worker → community supervisor → street office after these many days past the window. */
  escalation: z
    .object({ supervisorAfterDays: z.number().int().min(1).max(90), streetAfterDays: z.number().int().min(1).max(180) })
    .default({ supervisorAfterDays: 3, streetAfterDays: 14 }),
});
export type TierPolicyRules = z.infer<typeof TierPolicyRules>;

export const DEFAULT_TIER_POLICY: TierPolicyRules = {
  cadenceDays: { red: 7, yellow: 30, blue: 365 },
  reassessMonths: { red: 3, yellow: 6, blue: 12 },
  redIfAnyAtLeast: 3,
  yellowIfCountAtLeast2: 2,
  escalation: { supervisorAfterDays: 3, streetAfterDays: 14 },
};

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
export const OverdueQueue = z.object({
  byWorker: z.array(OverdueBucket),
  byGrid: z.array(OverdueBucket),
  byCommunity: z.array(OverdueBucket),
  onTimeRateByTier: z.array(
    z.object({ tier: Tier, done: z.number().int(), onTime: z.number().int(), rate: z.number().nullable() }),
  ),
  /** The on-time period: this calendar month and the two before it, [from, until). */
  onTimePeriod: z.object({ from: DateOnly, until: DateOnly }),
});

export const LedgerImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false'),
  allOrNothing: z.enum(['true', 'false']).default('false'),
});
/**
 * Why a ledger row was rejected: `code` (FIELD_MESSAGES) and `params`, which the web app shows in the UI language
 * after `column`, the sheet's heading of the cell concerned (null for the row as a whole); `message` is the same
 * in the request's language, column included.
 */
export const LedgerRowReason = z.object({
  column: z.string().nullable(),
  code: z.string(),
  params: FieldParamValues.optional(),
  message: z.string(),
});
export type LedgerRowReason = z.infer<typeof LedgerRowReason>;
export const LedgerImportReport = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  skippedExisting: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(LedgerRowReason) })),
  written: z.boolean(),
});
export type LedgerImportReport = z.infer<typeof LedgerImportReport>;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ClientUpdateInput = z.object({
  /** The version the editor started from; a stale one answers 409 instead of overwriting someone's edit. */
  version: z.number().int(),
  name: PersonName.optional(),
  phone: MobileInput.nullable().optional(),
  address: z.string().trim().max(120).nullable().optional(),
  gridCode: AreaCode.nullable().optional(),
  categories: z.array(ClientCategory).min(1).optional(),
  disabilityCategory: z.string().trim().max(20).nullable().optional(),
  disabilityGrade: z.string().trim().max(10).nullable().optional(),
  emergencyContactName: PersonName.nullable().optional(),
  emergencyContactPhone: MobileInput.nullable().optional(),
  assigneeId: Id.nullable().optional(),
  householdId: Id.nullable().optional(),
  notes: z.string().trim().max(500).nullable().optional(),
});
// CLIENT_EDIT_FIELDS names exactly the fields an edit may change (a type error here otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const editFieldsMatch: Same<Exclude<keyof z.infer<typeof ClientUpdateInput>, 'version'>, ClientEditField> = true;
void editFieldsMatch;
export const ClientStatusInput = z.object({
  version: z.number().int(),
  status: ClientStatus,
  /** For 'paused': the day visits resume. */
  resumeOn: DateOnly.optional(),
  reason: z.string().trim().min(2).max(200),
});

export const CaseloadReassignInput = z
  .object({
    fromUserId: Id.optional(),
    gridCode: AreaCode.optional(),
    toUserId: Id,
  })
  .refine((v) => Boolean(v.fromUserId) !== Boolean(v.gridCode), 'care.reassign_one_source' satisfies FieldCode);
export const CaseloadReassignResult = z.object({ clients: z.number().int(), visits: z.number().int() });

export const TierPolicy = z.object({
  areaCode: AreaCode,
  version: z.number().int(),
  inherited: z.boolean(),
  rules: TierPolicyRules,
});
export const TierPolicyInput = z.object({ rules: TierPolicyRules });
export const TierPolicyUpdateResult = TierPolicy.extend({ replanned: z.number().int() });

export const ExportFilter = ClientListQuery.omit({ page: true, pageSize: true });
export const ExportRequestInput = z.object({ filter: ExportFilter, reason: z.string().trim().min(4).max(300) });
export const ExportRequest = z.object({
  id: Id,
  requesterId: Id,
  requesterName: z.string(),
  communityCode: AreaCode,
  filter: z.record(z.string(), z.string().optional()),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'downloaded', 'expired']),
  decidedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  rowCount: z.number().int().nullable(),
  createdAt: IsoDateTime,
  /** Every area the export may contain (the approver must hold all of them), with names. */
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Rows the filter matched in those areas when the request was made (the download may differ). */
  estimatedRows: z.number().int().nullable(),
  allowedActions: z.array(z.string()),
});
export const ExportRequestList = z.object({ items: z.array(ExportRequest) });
export const ExportDecisionInput = z.object({ approve: z.boolean(), note: z.string().trim().max(300).optional() });

export const ClientMergeInput = z.object({ intoId: Id, reason: z.string().trim().min(2).max(300) });
export const ClientMerge = z.object({
  id: Id,
  sourceId: Id,
  targetId: Id,
  moved: z.record(z.string(), z.number().int()),
  mergedAt: IsoDateTime,
  undoneAt: IsoDateTime.nullable(),
});
