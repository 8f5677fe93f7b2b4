import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged, UNSTORABLE_TEXT, isStorableText } from '../common';
import { AreaCode } from '../org';
import {
  BirthDate,
  BirthDateInput,
  CaseStatus,
  ClientCategory,
  ClientStatus,
  DateOnly,
  IdNumberInput,
  MissedReason,
  MobileInput,
  PersonName,
  ReferralStatus,
  Tier,
  TierChangeStatus,
  VisitMode,
} from './values';
import { Visit } from './visits';

/** Clients: entry, the register's list and detail (with the timeline), reveal, edits and status, merges, households. */

/** Free text stored as it is: ledger rows are checked with ClientInput outside any HTTP request, so it says so itself. */
const StoredText = (max: number) => z.string().trim().max(max).refine(isStorableText, UNSTORABLE_TEXT);

export const ClientInput = z.object({
  name: PersonName,
  idNumber: IdNumberInput.optional(),
  sex: z.enum(['male', 'female']).optional(),
  birthDate: BirthDateInput.optional(),
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
  z.object({
    at: IsoDateTime,
    kind: z.literal(kind),
    refId: Id.nullable(),
    /** Who did it (the staff member's display name); null when no one is recorded (imports, the system). */
    actorName: z.string().nullable(),
    data: z.object(data),
  });
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

/** Where the next page of a timeline starts: the last entry shown (its time and the object it concerns). */
export const TimelineCursor = z
  .string()
  .max(80)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z~[a-z]:[0-9a-f-]{36}$/);
export const TIMELINE_PAGE_SIZE = 20;
export const ClientTimelineQuery = z.object({
  before: TimelineCursor.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(TIMELINE_PAGE_SIZE),
});
/** One page of a client's history, newest first; `nextCursor` fetches the older entries (null: none left). */
export const ClientTimelinePage = z.object({ items: z.array(TimelineEntry), nextCursor: TimelineCursor.nullable() });
export type ClientTimelinePage = z.infer<typeof ClientTimelinePage>;

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
  /** The latest TIMELINE_PAGE_SIZE entries; older ones from /clients/:id/timeline?before=timelineCursor. */
  timeline: z.array(TimelineEntry),
  timelineCursor: TimelineCursor.nullable(),
  /** The client's next planned visit (recordable from the client page); null when none is planned. */
  nextVisit: Visit.nullable(),
  /** The server's calendar day (Asia/Shanghai): the latest date a visit may be recorded for. */
  today: DateOnly,
  allowedActions: z.array(z.string()),
});
export type ClientDetail = z.infer<typeof ClientDetail>;

export const RevealInput = z.object({
  field: z.enum(['idNumber', 'phone', 'disabilityCardNumber', 'emergencyContactPhone']),
  reason: z.string().trim().min(2).max(200),
});
export const RevealResult = z.object({ field: z.string(), value: z.string().nullable() });

/** An edit: the same checks as ClientInput on every field it may change (null clears an optional field). */
export const ClientUpdateInput = z.object({
  /** The version the editor started from; a stale one answers 409 instead of overwriting someone's edit. */
  version: z.number().int(),
  name: PersonName.optional(),
  phone: MobileInput.nullable().optional(),
  address: StoredText(120).nullable().optional(),
  gridCode: AreaCode.nullable().optional(),
  categories: z.array(ClientCategory).min(1).optional(),
  disabilityCategory: StoredText(20).nullable().optional(),
  disabilityGrade: StoredText(10).nullable().optional(),
  emergencyContactName: PersonName.nullable().optional(),
  emergencyContactPhone: MobileInput.nullable().optional(),
  assigneeId: Id.nullable().optional(),
  householdId: Id.nullable().optional(),
  notes: StoredText(500).nullable().optional(),
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

export const ClientMergeInput = z.object({ intoId: Id, reason: z.string().trim().min(2).max(300) });
export const ClientMerge = z.object({
  id: Id,
  sourceId: Id,
  targetId: Id,
  moved: z.record(z.string(), z.number().int()),
  mergedAt: IsoDateTime,
  undoneAt: IsoDateTime.nullable(),
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
