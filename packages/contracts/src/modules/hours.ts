// Contracts of the hours module (志愿服务时长, issue 12): an append-only ledger of service hours (民政部令第67号:
// 谁组织谁记录，谁记录谁证明), self-reported hours approved by staff, corrections as reversing entries, star levels per
// district, service certificates (志愿服务记录证明, 民发〔2015〕149号) with a public verification code, and the CSV for
// the national volunteer information system. The server and the web import it as '@linli/contracts/modules/hours'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { DateOnly, PersonName } from '../care/values';
import { AreaCode } from '../org';
import type { Role } from '../permissions';
import { ActivityType } from './activities';

export const PERMISSIONS = [
  /** See the ledger, claims, stars and certificates of the jurisdiction. */
  'hours.read',
  /** Approve or decline self-reported hours, correct entries, issue and revoke certificates. */
  'hours.write',
  /** Set the star thresholds of a district and the certificate issuer details of a community. */
  'hours.settings',
  /** Export the ledger (national CSV, Excel statements); ask for the national CSV with full ID numbers. */
  'hours.export',
  /** Approve someone else's request for the national CSV with full ID numbers, in one's own jurisdiction. */
  'hours.export.approve',
  /** A resident volunteer's own hours on /m: history, stars, self-report, certificates. */
  'hours.own',
] as const;
export type HoursPermission = (typeof PERMISSIONS)[number];

const staff = ['hours.read', 'hours.write', 'hours.export'] as const;
export const ROLE_GRANTS = {
  district_officer: ['hours.read', 'hours.settings', 'hours.export', 'hours.export.approve'],
  street_officer: ['hours.read', 'hours.export', 'hours.export.approve'],
  community_supervisor: [...staff, 'hours.settings', 'hours.export.approve'],
  community_worker: staff,
  social_worker: staff,
  grid_worker: ['hours.read'],
  resident: ['hours.own'],
} as const satisfies Partial<Record<Role, readonly HoursPermission[]>>;

export const ERRORS = {
  'hours.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
  'hours.not_volunteer': {
    status: 409,
    zh: '您还不是已确认的志愿者',
    en: 'You are not a confirmed volunteer yet',
  },
  'hours.already_reversed': { status: 409, zh: '该记录已被冲正', en: 'This entry has already been reversed' },
  'hours.not_reversible': {
    status: 409,
    zh: '冲正记录不能再冲正',
    en: 'A reversing entry cannot itself be reversed',
  },
  'hours.claim_decided': { status: 409, zh: '该申报已处理', en: 'This claim has already been decided' },
  'hours.invalid_minutes': { status: 400, zh: '服务时长无效', en: 'Invalid service time' },
  'hours.no_hours': {
    status: 409,
    zh: '该期间没有可证明的服务时长',
    en: 'No service hours recorded in this period',
  },
  'hours.issuer_not_set': {
    status: 409,
    zh: '该社区尚未设置证明出具信息（负责人、经办人、联系电话）',
    en: 'The community has not set its certificate details (person in charge, handler, phone)',
  },
  'hours.certificate_not_found': {
    status: 404,
    zh: '未找到该证明，请核对验证码',
    en: 'No certificate with this code; please check it',
  },
  'hours.not_district': { status: 400, zh: '请选择一个区', en: 'Choose a district' },
  'hours.export_unavailable': {
    status: 409,
    zh: '该导出申请未获批准、已下载或已过期，不能下载',
    en: 'This export was not approved, has been downloaded already, or has expired',
  },
  'hours.export_decided': { status: 409, zh: '该导出申请已处理', en: 'This export request has already been decided' },
  'hours.thresholds_order': {
    status: 400,
    zh: '星级门槛必须逐级递增',
    en: 'Star thresholds must increase from one level to the next',
  },
} as const;

/** Star thresholds in hours for stars 1..5. */
export const STAR_PRESETS = {
  /** The common national community volunteer rule. */
  national: [100, 300, 600, 1000, 1500],
  /** Beijing (北京市志愿者服务星级认定). */
  beijing: [100, 200, 500, 800, 1000],
} as const;
export const STAR_PRESET_NAMES = ['national', 'beijing', 'custom'] as const;
export const StarPreset = z.enum(STAR_PRESET_NAMES);
export type StarPreset = z.infer<typeof StarPreset>;

export const ENTRY_SOURCES = ['activity', 'self_report', 'correction'] as const;
export const EntrySource = z.enum(ENTRY_SOURCES);
export const CLAIM_STATUSES = ['pending', 'approved', 'declined'] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES);

const Text = (max: number) => z.string().trim().min(1).max(max);
/** Minutes of one service (a day at most). */
export const ServiceMinutes = z.number().int().min(1).max(1440);

export const HourEntry = z.object({
  id: Id,
  areaCode: AreaCode,
  volunteerId: Id,
  volunteerName: z.string(),
  minutes: z.number().int(),
  source: EntrySource,
  activityId: Id.nullable(),
  serviceDate: DateOnly,
  content: z.string(),
  activityType: z.string(),
  organiserName: z.string(),
  reversesEntryId: Id.nullable(),
  reversed: z.boolean(),
  reason: z.string().nullable(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type HourEntry = z.infer<typeof HourEntry>;

export const HourEntryListQuery = PageQuery.extend({
  areaCode: AreaCode.optional(),
  volunteerId: Id.optional(),
  activityId: Id.optional(),
  /** A team's members' hours, each within their membership spells (a volunteer counts only while a member). */
  teamId: Id.optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
export type HourEntryListQuery = z.infer<typeof HourEntryListQuery>;
export const HourEntryList = Paged(HourEntry).extend({ totalMinutes: z.number().int() });
export type HourEntryList = z.infer<typeof HourEntryList>;

/** A correction: the entry is reversed (a negative entry); optionally a corrected entry is booked in its place. */
export const ReverseInput = z.object({
  reason: Text(500),
  correctedMinutes: ServiceMinutes.optional(),
});
export type ReverseInput = z.infer<typeof ReverseInput>;
export const ReverseResult = z.object({ reversal: HourEntry, corrected: HourEntry.nullable() });
export type ReverseResult = z.infer<typeof ReverseResult>;

export const ClaimInput = z.object({
  serviceDate: DateOnly,
  minutes: ServiceMinutes,
  content: Text(500),
  place: Text(200),
  organiserName: Text(100),
  activityType: ActivityType,
});
export type ClaimInput = z.infer<typeof ClaimInput>;

export const HourClaim = z.object({
  id: Id,
  areaCode: AreaCode,
  volunteerId: Id,
  volunteerName: z.string(),
  serviceDate: DateOnly,
  minutes: z.number().int(),
  content: z.string(),
  place: z.string(),
  organiserName: z.string(),
  activityType: z.string(),
  status: ClaimStatus,
  decisionNote: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  entryId: Id.nullable(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type HourClaim = z.infer<typeof HourClaim>;
export const HourClaimListQuery = PageQuery.extend({ status: ClaimStatus.optional(), volunteerId: Id.optional() });
export const HourClaimList = Paged(HourClaim);
export type HourClaimList = z.infer<typeof HourClaimList>;
/** Approving or declining needs a note (the reason, for a decline). */
export const ClaimDecisionInput = z.object({ note: Text(500) });
export type ClaimDecisionInput = z.infer<typeof ClaimDecisionInput>;

export const StarEvent = z.object({
  level: z.number().int().min(1).max(5),
  kind: z.enum(['awarded', 'revoked']),
  thresholdHours: z.number().int(),
  at: IsoDateTime,
});
export const StarStatus = z.object({
  level: z.number().int().min(0).max(5),
  thresholds: z.array(z.number().int()),
  districtCode: AreaCode.nullable(),
  /** Hours still needed for the next star (null at five stars). */
  nextAtHours: z.number().int().nullable(),
  history: z.array(StarEvent),
});
export type StarStatus = z.infer<typeof StarStatus>;

export const StarRule = z.object({
  areaCode: AreaCode,
  preset: StarPreset,
  thresholds: z.array(z.number().int()).length(5),
  /** False: nothing stored for this district, the defaults apply. */
  configured: z.boolean(),
});
export type StarRule = z.infer<typeof StarRule>;
/** Without an area: the district of the caller's first area. */
export const StarRuleQuery = z.object({ areaCode: AreaCode.optional() });
export const StarRuleInput = z.object({
  areaCode: AreaCode,
  preset: StarPreset,
  thresholds: z.array(z.number().int().min(1).max(100_000)).length(5),
});
export type StarRuleInput = z.infer<typeof StarRuleInput>;

/** Who signs a community's certificates (民发〔2015〕149号: 负责人, 经办人, 联系电话). */
export const IssuerSettings = z.object({
  areaCode: AreaCode,
  personInCharge: PersonName,
  handlerName: PersonName,
  contactPhone: z.string().trim().min(5).max(20),
});
export type IssuerSettings = z.infer<typeof IssuerSettings>;
/** What staff see: empty texts until the community has set its issuer (configured false). */
export const IssuerSettingsView = z.object({
  areaCode: AreaCode,
  personInCharge: z.string(),
  handlerName: z.string(),
  contactPhone: z.string(),
  configured: z.boolean(),
});
export type IssuerSettingsView = z.infer<typeof IssuerSettingsView>;
/** Without an area: the caller's first area (a community). */
export const IssuerQuery = z.object({ areaCode: AreaCode.optional() });

export const CertificateInput = z.object({
  /** The issuing community: the certificate covers the hours it recorded (谁记录谁证明). */
  areaCode: AreaCode,
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
export type CertificateInput = z.infer<typeof CertificateInput>;

export const Certificate = z.object({
  id: Id,
  areaCode: AreaCode,
  volunteerId: Id,
  number: z.string(),
  maskedName: z.string(),
  periodFrom: DateOnly,
  periodTo: DateOnly,
  totalMinutes: z.number().int(),
  entryCount: z.number().int(),
  issuerName: z.string(),
  status: z.enum(['valid', 'revoked']),
  issuedAt: IsoDateTime,
  /** Shown once, to whoever issued it (and printed on the PDF). */
  verificationCode: z.string().optional(),
  allowedActions: z.array(z.string()),
});
export type Certificate = z.infer<typeof Certificate>;
export const CertificateListQuery = PageQuery.extend({ volunteerId: Id.optional() });
export const CertificateList = Paged(Certificate);
export type CertificateList = z.infer<typeof CertificateList>;
export const RevokeCertificateInput = z.object({ reason: Text(500) });

/** What the public verification page shows: nothing more. */
export const CertificateVerification = z.object({
  number: z.string(),
  maskedName: z.string(),
  periodFrom: DateOnly,
  periodTo: DateOnly,
  totalHours: z.string(),
  issuerName: z.string(),
  issuedOn: DateOnly,
  status: z.enum(['valid', 'revoked']),
});
export type CertificateVerification = z.infer<typeof CertificateVerification>;
export const VerificationCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{10,40}$/);

/** A staff view of one volunteer's hours. */
export const VolunteerHours = z.object({
  volunteerId: Id,
  totalMinutes: z.number().int(),
  stars: StarStatus,
});
export type VolunteerHours = z.infer<typeof VolunteerHours>;

/** The volunteer's own page on /m. */
export const MyHours = z.object({
  volunteer: z.boolean(),
  volunteerId: Id.nullable(),
  homeAreaCode: AreaCode.nullable(),
  totalMinutes: z.number().int(),
  stars: StarStatus.nullable(),
  entries: z.array(HourEntry.omit({ allowedActions: true, volunteerName: true })),
  claims: z.array(HourClaim.omit({ allowedActions: true, volunteerName: true })),
  certificates: z.array(Certificate.omit({ allowedActions: true })),
  /** The communities that recorded the volunteer's hours (a certificate comes from one of them). */
  recordedBy: z.array(z.object({ areaCode: AreaCode, name: z.string() })),
});
export type MyHours = z.infer<typeof MyHours>;

export const ExportQuery = z.object({
  areaCode: AreaCode.optional(),
  /** Only the team's members' hours, within their membership spells (一个队伍的成员时长). */
  teamId: Id.optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
export type ExportQuery = z.infer<typeof ExportQuery>;
export const StatementQuery = ExportQuery.extend({
  by: z.enum(['volunteer', 'activity', 'community']).default('volunteer'),
});
export type StatementQuery = z.infer<typeof StatementQuery>;

/** The national CSV's columns, in order (docs/hours.md). */
export const NATIONAL_CSV_COLUMNS = [
  '志愿者姓名',
  '证件类型',
  '证件号码',
  '服务日期',
  '服务时长(小时)',
  '服务内容',
  '服务类别',
  '活动名称',
  '组织单位',
  '记录人',
  '记录日期',
  '记录类型',
] as const;

/**
 * The national CSV with full ID numbers: asked for with a reason for an area and period, approved by someone
 * else holding every area it can contain, downloaded once by the requester within 24 hours. Requests are answered
 * as `ExportRequest` (the same shape as care's approved exports), `filter` holding areaCode / from / to.
 */
export const IdExportRequestInput = ExportQuery.extend({ reason: z.string().trim().min(4).max(300) });
export type IdExportRequestInput = z.infer<typeof IdExportRequestInput>;
