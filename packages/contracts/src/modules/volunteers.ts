// Contracts of the volunteers module (issue 12): a resident account registers as a volunteer and staff confirm it;
// teams per community in five colours; the volunteer's record under 民政部令第67号 art. 4 (training, commendations,
// evaluations, complaints against the record) with correction requests; the rotating counter code. The server and the
// web import it as '@linli/contracts/modules/volunteers'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { BirthDateInput, DateOnly, IdNumberInput, MobileInput, PersonName } from '../care/values';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = [
  /** Staff: the volunteers and teams of one's jurisdiction (ID numbers and contacts masked). */
  'volunteers.read',
  /** Community staff: confirm or reject registrations, manage teams, add record entries, answer corrections. */
  'volunteers.write',
  /** A resident registers as a volunteer on /m, sees their record, joins and leaves teams, asks for corrections. */
  'volunteers.self',
  /** A partner member: its own organisation's volunteer teams (members' names masked) and their join requests. */
  'volunteers.organisation',
] as const;
export type VolunteersPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['volunteers.read'],
  street_officer: ['volunteers.read'],
  community_supervisor: ['volunteers.read', 'volunteers.write'],
  community_worker: ['volunteers.read', 'volunteers.write'],
  social_worker: ['volunteers.read', 'volunteers.write'],
  grid_worker: ['volunteers.read'],
  resident: ['volunteers.self'],
  partner_member: ['volunteers.organisation'],
} as const satisfies Partial<Record<Role, readonly VolunteersPermission[]>>;

export const ERRORS = {
  'volunteers.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
  'volunteers.already_registered': {
    status: 409,
    zh: '您已经登记为志愿者',
    en: 'You have already registered as a volunteer',
  },
  'volunteers.id_number_taken': {
    status: 409,
    zh: '该证件号码已登记为志愿者',
    en: 'A volunteer with this ID number is already registered',
  },
  'volunteers.invalid_state': {
    status: 409,
    zh: '当前状态不允许此操作，请刷新后重试',
    en: 'The current state does not allow this; reload and try again',
  },
  'volunteers.not_volunteer': {
    status: 409,
    zh: '请先登记为志愿者并等待社区确认',
    en: 'Register as a volunteer and wait for the community to confirm first',
  },
  'volunteers.already_member': {
    status: 409,
    zh: '已是该队伍成员或已申请加入',
    en: 'Already a member of this team, or a request is open',
  },
  'volunteers.team_name_taken': {
    status: 409,
    zh: '本社区已有同名队伍',
    en: 'The community already has a team with this name',
  },
  'volunteers.correction_answered': {
    status: 409,
    zh: '该更正申请已答复',
    en: 'This correction request has already been answered',
  },
} as const;

export * from './volunteer-values';
import { Availability, IdType, TeamColour, VolunteerSkill, VolunteerStatus } from './volunteer-values';

/** The consent text's version a registration agrees to (docs/volunteers.md quotes it). */
export const CONSENT_VERSION = 'v1-2026';

const Text = (max: number) => z.string().trim().min(1).max(max);
const OtherIdNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{5,20}$/, 'field.invalid_format');

export const VolunteerRegistrationInput = z
  .object({
    name: PersonName,
    idType: IdType,
    idNumber: z.string().trim().min(1).max(30),
    gender: z.enum(['male', 'female']).optional(),
    birthDate: BirthDateInput.optional(),
    skills: z.array(VolunteerSkill).max(12).default([]),
    availability: z.array(Availability).max(4).default([]),
    emergencyName: PersonName,
    emergencyPhone: MobileInput,
    consent: z.literal(true),
  })
  .superRefine((v, c) => {
    const check = v.idType === 'resident_id' ? IdNumberInput : OtherIdNumber;
    const r = check.safeParse(v.idNumber);
    if (!r.success) c.addIssue({ code: 'custom', path: ['idNumber'], message: r.error.issues[0]!.message });
  });
export type VolunteerRegistrationInput = z.infer<typeof VolunteerRegistrationInput>;

export const TEAM_ROLES = ['member', 'leader'] as const;
export const MEMBERSHIP_STATUSES = ['requested', 'active', 'declined', 'left'] as const;

export const Membership = z.object({
  id: Id,
  teamId: Id,
  teamName: z.string(),
  teamColour: TeamColour,
  volunteerId: Id,
  volunteerName: z.string(),
  role: z.enum(TEAM_ROLES),
  status: z.enum(MEMBERSHIP_STATUSES),
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  requestedAt: IsoDateTime,
});
export type Membership = z.infer<typeof Membership>;

export const RECORD_KINDS = ['training', 'commendation', 'evaluation', 'complaint'] as const;
export const RecordKind = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof RecordKind>;

export const RecordEntryInput = z.object({
  kind: RecordKind,
  onDate: DateOnly,
  title: Text(200),
  /** Training: the provider; commendation: the issuer; evaluation: who evaluated; complaint: who complained (kind). */
  byWhom: z.string().trim().max(100).optional(),
  /** Training hours, in minutes. */
  minutes: z.number().int().min(0).max(100000).optional(),
  /** Evaluation: 1–5. */
  rating: z.number().int().min(1).max(5).optional(),
  detail: z.string().trim().max(2000).optional(),
  /** Complaint: how it was handled (处理结果). */
  outcome: z.string().trim().max(2000).optional(),
});
export type RecordEntryInput = z.infer<typeof RecordEntryInput>;

export const RecordEntry = z.object({
  id: Id,
  kind: RecordKind,
  onDate: z.string(),
  title: z.string(),
  byWhom: z.string().nullable(),
  minutes: z.number().int().nullable(),
  rating: z.number().int().nullable(),
  detail: z.string().nullable(),
  outcome: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type RecordEntry = z.infer<typeof RecordEntry>;

export const CORRECTION_PARTS = [
  'basic',
  'service',
  'training',
  'commendation',
  'evaluation',
  'complaint',
  'team',
] as const;
export const CorrectionPart = z.enum(CORRECTION_PARTS);
export type CorrectionPart = z.infer<typeof CorrectionPart>;

export const CorrectionInput = z.object({
  part: CorrectionPart,
  entryId: Id.optional(),
  requestText: Text(2000),
});
export type CorrectionInput = z.infer<typeof CorrectionInput>;

export const CorrectionAnswerInput = z.object({
  decision: z.enum(['accepted', 'declined']),
  answerText: Text(2000),
});
export type CorrectionAnswerInput = z.infer<typeof CorrectionAnswerInput>;

export const Correction = z.object({
  id: Id,
  volunteerId: Id,
  volunteerName: z.string(),
  part: CorrectionPart,
  entryId: Id.nullable(),
  requestText: z.string(),
  status: z.enum(['open', 'accepted', 'declined']),
  answerText: z.string().nullable(),
  answeredAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Correction = z.infer<typeof Correction>;
export const CorrectionList = z.object({ items: z.array(Correction) });
export type CorrectionList = z.infer<typeof CorrectionList>;

/** A volunteer as staff see them: numbers and contacts masked. */
export const Volunteer = z.object({
  id: Id,
  areaCode: AreaCode,
  userId: Id,
  status: VolunteerStatus,
  name: z.string(),
  nameMasked: z.string(),
  idType: IdType,
  idNumberMasked: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  skills: z.array(VolunteerSkill),
  availability: z.array(Availability),
  emergencyNameMasked: z.string(),
  emergencyPhoneMasked: z.string(),
  consentVersion: z.string(),
  consentedAt: IsoDateTime,
  statusReason: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type Volunteer = z.infer<typeof Volunteer>;

export const VolunteerListItem = Volunteer.omit({ name: true });
export const VolunteerListQuery = PageQuery.extend({
  areaCode: AreaCode.optional(),
  status: VolunteerStatus.optional(),
  teamId: Id.optional(),
  skill: VolunteerSkill.optional(),
});
export const VolunteerList = Paged(VolunteerListItem);
export type VolunteerList = z.infer<typeof VolunteerList>;

/** The volunteer's record (67号令 art. 4) as staff and the volunteer see it. */
export const VolunteerRecord = z.object({
  volunteer: Volunteer,
  memberships: z.array(Membership),
  entries: z.array(RecordEntry),
  corrections: z.array(Correction),
});
export type VolunteerRecord = z.infer<typeof VolunteerRecord>;

export const VolunteerDecisionInput = z.object({ reason: Text(500) });
export const VolunteerStatusInput = z.object({
  status: z.enum(['suspended', 'active', 'left']),
  reason: Text(500),
});

/** /m: my registration (null when none). */
export const MyVolunteer = z.object({ record: VolunteerRecord.nullable(), leads: z.array(Id) });
export type MyVolunteer = z.infer<typeof MyVolunteer>;

export const CounterCode = z.object({ code: z.string(), rotatesAt: IsoDateTime, periodMs: z.number().int() });
export type CounterCode = z.infer<typeof CounterCode>;

// --- teams ----------------------------------------------------------------------------------------------------------

export const TeamInput = z.object({
  areaCode: AreaCode,
  name: Text(60),
  colour: TeamColour,
  description: z.string().trim().max(1000).optional(),
  organisationId: Id.optional(),
});
export type TeamInput = z.infer<typeof TeamInput>;
export const TeamUpdateInput = TeamInput.omit({ areaCode: true }).extend({
  status: z.enum(['active', 'dissolved']).optional(),
});

export const Team = z.object({
  id: Id,
  areaCode: AreaCode,
  name: z.string(),
  colour: TeamColour,
  description: z.string().nullable(),
  organisationId: Id.nullable(),
  /** The partner organisation's name (the register's), when the team is one's. */
  organisationName: z.string().nullable(),
  status: z.enum(['active', 'dissolved']),
  memberCount: z.number().int(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type Team = z.infer<typeof Team>;
export const TeamList = z.object({ items: z.array(Team) });
export type TeamList = z.infer<typeof TeamList>;
export const TeamListQuery = z.object({ areaCode: AreaCode.optional(), colour: TeamColour.optional() });

export const TeamDetail = Team.extend({ members: z.array(Membership) });
export type TeamDetail = z.infer<typeof TeamDetail>;

export const TeamMemberAddInput = z.object({ volunteerId: Id, role: z.enum(TEAM_ROLES).default('member') });
export const TeamMemberRoleInput = z.object({ role: z.enum(TEAM_ROLES) });
export const TeamMemberDecisionInput = z.object({ approve: z.boolean() });

/** /m: the teams of my community I can ask to join. */
export const OpenTeam = z.object({
  id: Id,
  name: z.string(),
  colour: TeamColour,
  description: z.string().nullable(),
  memberCount: z.number().int(),
});
export const OpenTeamList = z.object({ items: z.array(OpenTeam) });
export type OpenTeamList = z.infer<typeof OpenTeamList>;
