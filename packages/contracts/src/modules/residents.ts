// Contracts of the residents module: the mobile entry /m (sign-up with a one-time code, resident sign-in, password
// reset, profile and 适老化 preference, link to a care client record) and the community notice board (公告).
// The server and the web import it as '@linli/contracts/modules/residents'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = ['resident.self', 'notice.manage'] as const;
export type ResidentsPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  // A resident's own account on /m: profile, preference, link request, the community's notices.
  resident: ['resident.self'],
  // Community staff publish their community's notices.
  community_supervisor: ['notice.manage'],
  community_worker: ['notice.manage'],
  social_worker: ['notice.manage'],
} as const satisfies Partial<Record<Role, readonly ResidentsPermission[]>>;

export const ERRORS = {
  'residents.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
  'residents.code_invalid': {
    status: 400,
    zh: '验证码错误或已失效，请重新获取',
    en: 'The code is wrong or no longer valid; ask for a new one',
  },
  'residents.code_limited': {
    status: 429,
    zh: '获取验证码过于频繁，请稍后再试',
    en: 'Too many codes asked for; try again later',
  },
  'residents.consent_required': {
    status: 400,
    zh: '请先阅读并同意当前版本的隐私告知',
    en: 'Please read and agree to the current privacy notice',
  },
  'residents.link_pending': {
    status: 409,
    zh: '已有待处理的关联申请，或账号已关联',
    en: 'A link request is already waiting, or the account is linked',
  },
  'residents.link_decided': { status: 409, zh: '该申请已处理', en: 'This request has already been decided' },
  'residents.link_community': {
    status: 409,
    zh: '服务对象不在该居民所选的社区',
    en: 'The client is not in the community the resident chose',
  },
} as const;

/**
 * The privacy notice shown at sign-up (PIPL 17). A new text gets a new version; the sign-up records the version the
 * resident agreed to and when. Changing the words without changing the version is a mistake.
 */
export const PRIVACY_NOTICE = {
  version: '2026-12-v1',
  zh: [
    '邻里居民端个人信息告知（2026-12-v1）',
    '我们收集：您自填的称呼、手机号码、所选社区、同意本告知的时间与版本，以及您的登录记录。',
    '用途：登录与找回密码（短信验证码）、向您推送所在社区的公告与通知；您申请并经社区工作人员当面核实后，向您显示您的下次走访时间和负责社工的称呼。',
    '手机号码加密存储，工作人员只看到部分隐藏的号码。我们不收集身份证号、住址等其他信息，不向第三方提供。',
    '您可以在"我的"中修改密码、关闭适老化模式；如需注销账号或更正信息，请联系所在社区居委会。',
  ],
  en: [
    'Linli residents: personal information notice (2026-12-v1)',
    'We collect the name you choose, your mobile number, the community you choose, when you agreed to this notice and its version, and your sign-ins.',
    'Purposes: signing in and resetting your password (text-message codes), sending you your community’s notices and notifications; when you ask and community staff confirm it in person, showing you your next visit date and your worker’s name.',
    'Your number is stored encrypted; staff see it partly hidden. We collect no ID number or address and give nothing to third parties.',
    'You can change your password or turn off the large-type mode under “Me”; to close the account or correct data, contact your community office.',
  ],
} as const;

/** A mainland mobile number (the same rule as users' Phone, not imported: users.ts imports the module list). */
const Phone = z.string().regex(/^1\d{10}$/, 'field.mobile_invalid');

export const OtpPurpose = z.enum(['signup', 'reset']);
export const OtpCode = z.string().regex(/^\d{6}$/, 'auth.totp_format');
/** The name a resident chooses to be called (not necessarily their legal name). */
export const ResidentName = z.string().trim().min(1).max(20);
const Password = z.string().min(1).max(256);

export const OtpRequestInput = z.object({ phone: Phone, purpose: OtpPurpose });
export const SignupInput = z.object({
  phone: Phone,
  code: OtpCode,
  displayName: ResidentName,
  password: Password,
  communityCode: AreaCode,
  consentVersion: z.string().min(1).max(40),
});
export const ResidentLoginInput = z.object({ phone: Phone, password: Password });
export const PasswordResetInput = z.object({ phone: Phone, code: OtpCode, newPassword: Password });

/** The public list of communities one may choose at sign-up: names and codes only. */
export const PublicCommunity = z.object({ code: AreaCode, name: z.string(), streetName: z.string().nullable() });
export const PublicCommunityList = z.object({ items: z.array(PublicCommunity) });
export type PublicCommunityList = z.infer<typeof PublicCommunityList>;

export const ResidentPreferencesInput = z.object({ elderMode: z.boolean() });

export const LinkStatus = z.enum(['pending', 'confirmed', 'rejected']);
/** What a linked resident sees of their care record: the next visit's window and their worker's name, nothing else. */
export const ResidentCare = z.object({
  nextVisit: z.object({ windowStart: z.string(), dueDate: z.string(), windowEnd: z.string() }).nullable(),
  workerName: z.string().nullable(),
});
export const ResidentProfile = z.object({
  displayName: z.string(),
  phoneMasked: z.string(),
  community: z.object({ code: AreaCode, name: z.string() }),
  elderMode: z.boolean(),
  consent: z.object({ version: z.string(), at: IsoDateTime }),
  link: z.object({ status: LinkStatus, requestedAt: IsoDateTime, decidedAt: IsoDateTime.nullable() }).nullable(),
  care: ResidentCare.nullable(),
});
export type ResidentProfile = z.infer<typeof ResidentProfile>;

export const LinkRequest = z.object({
  id: Id,
  areaCode: AreaCode,
  areaName: z.string(),
  displayName: z.string(),
  phoneMasked: z.string(),
  status: LinkStatus,
  requestedAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  clientId: Id.nullable(),
});
export type LinkRequest = z.infer<typeof LinkRequest>;
export const LinkRequestListQuery = PageQuery.extend({ status: LinkStatus.optional() });
export const LinkRequestList = Paged(LinkRequest);
export type LinkRequestList = z.infer<typeof LinkRequestList>;
export const LinkConfirmInput = z.object({ clientId: Id });
export const LinkRejectInput = z.object({ reason: z.string().trim().min(1).max(200) });

export const NoticeStatus = z.enum(['draft', 'published', 'unpublished']);
export const NoticeInput = z.object({
  areaCode: AreaCode,
  title: z.string().trim().min(1).max(60),
  body: z.string().trim().min(1).max(4000),
});
export type NoticeInput = z.infer<typeof NoticeInput>;
export const NoticeUpdateInput = NoticeInput.omit({ areaCode: true });
export const Notice = z.object({
  id: Id,
  areaCode: AreaCode,
  areaName: z.string(),
  title: z.string(),
  body: z.string(),
  status: NoticeStatus,
  publishedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  allowedActions: z.array(z.enum(['update', 'publish', 'unpublish'])),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeListQuery = PageQuery.extend({ areaCode: AreaCode.optional(), status: NoticeStatus.optional() });
export const NoticeList = Paged(Notice);
export type NoticeList = z.infer<typeof NoticeList>;

/** A notice as a resident reads it on /m. */
export const PublicNotice = z.object({ id: Id, title: z.string(), body: z.string(), publishedAt: IsoDateTime });
export type PublicNotice = z.infer<typeof PublicNotice>;
export const PublicNoticeList = Paged(PublicNotice);
export type PublicNoticeList = z.infer<typeof PublicNoticeList>;
