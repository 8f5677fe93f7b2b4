// Contracts of the activities module (scaffolded by `npm run new-module`): schemas, permissions and who holds them,
// error codes. The server and the web import it as '@linli/contracts/modules/activities'.
import { z } from 'zod';
import { Id, IsoDateTime, IsoDateTimeInput, PageQuery, Paged } from '../common';
import type { FieldCode } from '../field-messages';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = [
  /** Staff: the activities of one's jurisdiction, their rosters (names masked). */
  'activities.read',
  /** Staff: publish and edit activities, show the check-in code, tick the roster, confirm attendance. */
  'activities.write',
  /** A resident who is an active volunteer: sign up on /m, check in and out; a team leader organises for the team. */
  'activities.join',
] as const;
export type ActivitiesPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['activities.read'],
  street_officer: ['activities.read'],
  community_supervisor: ['activities.read', 'activities.write'],
  community_worker: ['activities.read', 'activities.write'],
  social_worker: ['activities.read', 'activities.write'],
  grid_worker: ['activities.read'],
  resident: ['activities.join'],
} as const satisfies Partial<Record<Role, readonly ActivitiesPermission[]>>;

/**
 * Activity types (志愿服务类别): what an activity does. The points module's earning rules can differ per type; the
 * national CSV export maps them to the national system's service categories.
 */
export const ACTIVITY_TYPES = [
  'elderly', // 助老
  'children', // 关爱儿童 / 助学
  'disability', // 助残
  'environment', // 环境保护 / 清洁家园
  'civility', // 文明实践 / 文明劝导
  'safety', // 平安巡防 / 应急
  'culture', // 文体 / 科普
  'health', // 健康 / 义诊
  'companionship', // 陪伴服务 (a client's visit-like activity)
  'other',
] as const;
export const ActivityType = z.enum(ACTIVITY_TYPES);
export type ActivityType = z.infer<typeof ActivityType>;

const e = (status: number, zh: string, en: string) => ({ status, zh, en });
export const ERRORS = {
  'activities.not_found': e(404, '未找到，或您无权查看', 'Not found, or not yours to see'),
  'activities.invalid_state': e(
    409,
    '活动当前状态不允许此操作，请刷新后重试',
    'The activity is not in a state that allows this; reload and try again',
  ),
  'activities.not_volunteer': e(
    409,
    '您还不是在册志愿者（或尚未通过审核），请先注册志愿者',
    'You are not an active volunteer yet: register (and wait for confirmation) first',
  ),
  'activities.signup_closed': e(409, '不在报名时间内', 'Sign-up is not open for this activity'),
  'activities.already_signed_up': e(409, '您已报名该活动', 'You have already signed up for this activity'),
  'activities.clash': e(
    409,
    '与您已报名的另一个活动时间冲突',
    'This clashes in time with another activity you signed up for',
  ),
  'activities.not_signed_up': e(409, '您没有报名该活动', 'You have not signed up for this activity'),
  'activities.code_invalid': e(
    400,
    '签到码无效，请重新扫描现场二维码',
    'This check-in code is not valid: scan the code on site',
  ),
  'activities.code_stale': e(
    409,
    '签到码已过期，请扫描现场最新的二维码',
    'This check-in code has expired: scan the code shown on site now',
  ),
  'activities.code_replayed': e(
    409,
    '该签到码已使用，请等待二维码刷新后再扫描签退',
    'This code was already used: wait for the code to change before checking out',
  ),
  'activities.checkin_closed': e(
    409,
    '不在签到时间内（活动开始前 30 分钟起可签到）',
    'Check-in is not open (it opens 30 minutes before the start)',
  ),
  'activities.already_checked_out': e(409, '您已签退', 'You have already checked out'),
  'activities.not_ended': e(
    409,
    '活动尚未结束，结束后才能确认服务时长',
    'The activity has not ended yet: confirm the service hours after it ends',
  ),
  'activities.not_leader': e(404, '未找到，或您不是该队伍的队长', 'Not found, or you do not lead that team'),
  'activities.hours_unavailable': e(
    503,
    '服务时长记录暂不可用，请稍后重试',
    'Service hours cannot be recorded right now; try again later',
  ),
} as const;

/** Check-in opens this long before the start; check-out is accepted until this long after the end. */
export const CHECKIN_OPENS_BEFORE_MINUTES = 30;
export const CHECKOUT_GRACE_MINUTES = 120;
/** A recurring series makes at most this many occurrences. */
export const MAX_OCCURRENCES = 26;
export const MAX_ROLES = 10;

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;
export const ActivityStatus = z.enum(ACTIVITY_STATUSES);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

export const RECURRENCES = ['none', 'weekly', 'monthly'] as const;
export const Recurrence = z.enum(RECURRENCES);
export type Recurrence = z.infer<typeof Recurrence>;

/** What an activity serves: a micro-wish, a care client (a visit-like companionship), a project (free reference). */
export const SERVES_KINDS = ['none', 'wish', 'client', 'project'] as const;
export const ServesKind = z.enum(SERVES_KINDS);
export type ServesKind = z.infer<typeof ServesKind>;

/** Participant states (CiviVolunteer-like, the ones Linli needs). */
export const PARTICIPATION_STATES = ['registered', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const;
export const ParticipationState = z.enum(PARTICIPATION_STATES);
export type ParticipationState = z.infer<typeof ParticipationState>;

const Text = (max: number) => z.string().trim().max(max);

export const ActivityRoleInput = z.object({
  name: z.string().trim().min(1).max(40),
  description: Text(200).default(''),
  capacity: z.number().int().min(1).max(500),
});
export type ActivityRoleInput = z.infer<typeof ActivityRoleInput>;

const EndsAfterStart = { message: 'field.date_range' satisfies FieldCode, path: ['endsAt'] };

export const ActivityInput = z
  .object({
    areaCode: AreaCode,
    teamId: Id.nullable().default(null),
    title: z.string().trim().min(1).max(100),
    description: Text(2000).default(''),
    type: ActivityType,
    placeId: Id.nullable().default(null),
    address: Text(200).default(''),
    startsAt: IsoDateTimeInput,
    endsAt: IsoDateTimeInput,
    recurrence: Recurrence.default('none'),
    /** The last day a recurring series may start on (inclusive); at most MAX_OCCURRENCES are made. */
    repeatUntil: IsoDateTimeInput.nullable().default(null),
    signupOpensAt: IsoDateTimeInput.nullable().default(null),
    signupClosesAt: IsoDateTimeInput.nullable().default(null),
    requirements: Text(1000).default(''),
    servesKind: ServesKind.default('none'),
    servesId: Id.nullable().default(null),
    servesRef: Text(100).default(''),
    roles: z.array(ActivityRoleInput).min(1).max(MAX_ROLES),
    /** Publish at once (else a draft). */
    publish: z.boolean().default(true),
  })
  .refine((v) => new Date(v.endsAt) > new Date(v.startsAt), EndsAfterStart);
export type ActivityInput = z.input<typeof ActivityInput>;

export const ActivityUpdateInput = z.object({
  title: z.string().trim().min(1).max(100).optional(),
  description: Text(2000).optional(),
  requirements: Text(1000).optional(),
  address: Text(200).optional(),
  signupClosesAt: IsoDateTimeInput.optional(),
});

export const ActivityCancelInput = z.object({ reason: z.string().trim().min(1).max(200) });

export const ActivityRole = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  capacity: z.number().int(),
  registered: z.number().int(),
  waitlisted: z.number().int(),
});
export type ActivityRole = z.infer<typeof ActivityRole>;

export const Activity = z.object({
  id: Id,
  areaCode: AreaCode,
  seriesId: Id.nullable(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  organiserName: z.string(),
  title: z.string(),
  description: z.string(),
  type: ActivityType,
  placeId: Id.nullable(),
  placeName: z.string().nullable(),
  address: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  recurrence: Recurrence,
  signupOpensAt: IsoDateTime,
  signupClosesAt: IsoDateTime,
  requirements: z.string(),
  servesKind: ServesKind,
  servesId: Id.nullable(),
  servesRef: z.string(),
  status: ActivityStatus,
  roles: z.array(ActivityRole),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.enum(['update', 'publish', 'cancel', 'roster', 'checkin_code', 'confirm'])),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityCreated = Activity.extend({ occurrenceIds: z.array(Id) });
export type ActivityCreated = z.infer<typeof ActivityCreated>;

export const ActivityListQuery = PageQuery.extend({
  areaCode: AreaCode.optional(),
  status: ActivityStatus.optional(),
  teamId: Id.optional(),
  /** upcoming: not yet ended; past: ended. */
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
});
export const ActivityList = Paged(Activity);
export type ActivityList = z.infer<typeof ActivityList>;

/** One line of the roster (the organiser's view): the volunteer's name masked. */
export const RosterEntry = z.object({
  id: Id,
  volunteerId: Id,
  volunteerName: z.string(),
  roleId: Id,
  roleName: z.string(),
  state: ParticipationState,
  registeredAt: IsoDateTime,
  waitlistedAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  checkedInAt: IsoDateTime.nullable(),
  checkedOutAt: IsoDateTime.nullable(),
  minutes: z.number().int().nullable(),
  confirmedAt: IsoDateTime.nullable(),
  hoursEntryId: Id.nullable(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;
export const Roster = z.object({ activityId: Id, items: z.array(RosterEntry) });
export type Roster = z.infer<typeof Roster>;

export const AttendanceInput = z
  .object({
    state: z.enum(['attended', 'no_show']),
    /** For someone without a phone: the times the organiser saw (default the activity's start and end). */
    checkedInAt: IsoDateTimeInput.nullable().default(null),
    checkedOutAt: IsoDateTimeInput.nullable().default(null),
  })
  .refine((v) => !v.checkedInAt || !v.checkedOutAt || new Date(v.checkedOutAt) > new Date(v.checkedInAt), {
    message: 'field.date_range' satisfies FieldCode,
    path: ['checkedOutAt'],
  });
export type AttendanceInput = z.input<typeof AttendanceInput>;

export const ConfirmInput = z.object({
  /** The participations to confirm (default: every attended one not yet confirmed). */
  participationIds: z.array(Id).max(500).optional(),
});
/** Why a confirmation left a participation out: checked in but no check-out time (the organiser sets the times). */
export const CONFIRM_SKIP_REASONS = ['no_checkout'] as const;
export const ConfirmResult = z.object({
  confirmed: z.number().int(),
  alreadyConfirmed: z.number().int(),
  /** Attended participations not confirmed this time, and why. */
  skipped: z.array(z.object({ participationId: Id, reason: z.enum(CONFIRM_SKIP_REASONS) })),
});
export type ConfirmResult = z.infer<typeof ConfirmResult>;

export const CheckinCode = z.object({ code: z.string(), rotatesAt: IsoDateTime, periodSeconds: z.number().int() });
export type CheckinCode = z.infer<typeof CheckinCode>;

/** The volunteer's side (/m). */
export const SignupInput = z.object({ roleId: Id });
export const MyParticipation = z.object({
  id: Id,
  roleId: Id,
  state: ParticipationState,
  /** Place in the role's waitlist (1 = next), when waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  checkedInAt: IsoDateTime.nullable(),
  checkedOutAt: IsoDateTime.nullable(),
  minutes: z.number().int().nullable(),
  confirmedAt: IsoDateTime.nullable(),
});
export type MyParticipation = z.infer<typeof MyParticipation>;

export const OpenActivity = Activity.omit({ allowedActions: true }).extend({
  signupOpen: z.boolean(),
  mine: MyParticipation.nullable(),
});
export type OpenActivity = z.infer<typeof OpenActivity>;
export const OpenActivityList = Paged(OpenActivity);
export type OpenActivityList = z.infer<typeof OpenActivityList>;
export const MineQuery = PageQuery.extend({ when: z.enum(['upcoming', 'past']).default('upcoming') });

export const CheckinInput = z.object({ code: z.string().trim().min(1).max(200) });
export const CheckinResult = z.object({
  activityId: Id,
  title: z.string(),
  /** What the scan did: the first checks in, the next checks out. */
  step: z.enum(['checked_in', 'checked_out']),
  at: IsoDateTime,
  minutes: z.number().int().nullable(),
});
export type CheckinResult = z.infer<typeof CheckinResult>;

/** A team leader's page on /m: the teams they lead and their activities. */
export const LeadOverview = z.object({
  teams: z.array(z.object({ id: Id, name: z.string(), areaCode: AreaCode, colour: z.string() })),
  activities: z.array(Activity),
});
export type LeadOverview = z.infer<typeof LeadOverview>;
