import { type ModuleErrorCode, moduleErrors } from './modules';

/**
 * Application errors: code → HTTP status and the message in each UI language. The one catalogue of error wording:
 * the server answers with `message` in the request's language, the web app shows the same words for the same code.
 * Codes are `<module>.<what>`; a module adds its own in its contract (see modules.ts).
 */
export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

export const CORE_ERRORS = {
  'common.validation_failed': {
    status: 400,
    zh: '提交的内容有误，请检查后重试',
    en: 'Some of the input is invalid; please check and try again',
  },
  'common.not_found': { status: 404, zh: '记录不存在或您无权查看', en: 'Not found, or you may not view it' },
  'common.forbidden': { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  'common.conflict': {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this; reload and try again',
  },
  'common.internal': { status: 500, zh: '系统繁忙，请稍后重试', en: 'The system is busy; please try again later' },
  'common.rate_limited': { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; please wait a moment' },
  'common.idempotency_mismatch': {
    status: 422,
    zh: '同一个请求编号（Idempotency-Key）已用于另一项操作，请重新提交',
    en: 'This Idempotency-Key was used for a different request; submit again',
  },
  'common.idempotency_in_progress': {
    status: 409,
    zh: '同一操作仍在处理中，请稍候再看结果',
    en: 'The same request is still being processed; check again shortly',
  },
  'common.csrf_failed': {
    status: 403,
    zh: '页面已过期，请刷新后重试',
    en: 'This page has expired; please reload and try again',
  },
  'auth.unauthenticated': { status: 401, zh: '请先登录', en: 'Please log in' },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.account_locked': {
    status: 423,
    zh: '账号已被锁定，请稍后再试或联系安全管理员解锁',
    en: 'Account locked; try again later or ask a security administrator to unlock it',
  },
  'auth.rate_limited': {
    status: 429,
    zh: '登录尝试过于频繁，请稍后再试',
    en: 'Too many login attempts; please wait and try again',
  },
  'auth.challenge_invalid': {
    status: 401,
    zh: '验证已失效，请重新登录',
    en: 'This verification has expired; please log in again',
  },
  'auth.totp_invalid': { status: 401, zh: '动态口令不正确或已过期', en: 'The one-time code is wrong or expired' },
  'auth.totp_required': { status: 403, zh: '需要动态口令验证', en: 'A one-time code is required' },
  'auth.password_weak': {
    status: 400,
    zh: '密码强度不足：至少 8 位，并包含大写字母、小写字母、数字、符号中的三类',
    en: 'Password too weak: at least 8 characters with three of upper case, lower case, digits and symbols',
  },
  'auth.password_reused': { status: 400, zh: '不能使用最近用过的密码', en: 'You cannot reuse a recent password' },
  'auth.password_wrong': { status: 401, zh: '当前密码不正确', en: 'The current password is wrong' },
  'auth.session_expired': {
    status: 401,
    zh: '会话已过期，请重新登录',
    en: 'Your session has expired; please log in again',
  },
  'auth.reauth_required': {
    status: 403,
    zh: '此操作需要重新验证身份',
    en: 'Please confirm your identity again for this action',
  },
  'user.not_found': { status: 404, zh: '用户不存在或您无权查看', en: 'User not found, or you may not view it' },
  'user.username_taken': { status: 409, zh: '用户名已被占用', en: 'That username is taken' },
  'user.role_conflict': {
    status: 400,
    zh: '角色冲突：系统管理员、安全管理员、审计管理员须由不同人员担任，且不得兼任业务角色',
    en: 'Role conflict: system, security and audit administrators must be different people and cannot hold casework roles',
  },
  'user.cannot_change_self': {
    status: 400,
    zh: '不能对自己的账号执行此操作',
    en: 'You cannot do this to your own account',
  },
  'common.approver_scope': {
    status: 403,
    zh: '您的辖区未覆盖此项审批涉及的全部区域，不能审批',
    en: 'Your jurisdiction does not cover every area this approval concerns',
  },
  'care.exact_lookup_forbidden': {
    status: 403,
    zh: '按身份证号或手机号精确查找需要“查看完整信息”的权限',
    en: 'Looking up by ID or mobile number needs the reveal permission',
  },
  'care.exact_lookup_limited': {
    status: 429,
    zh: '按证件号或手机号查找的次数已达上限，请稍后再试或联系主管',
    en: 'Too many lookups by ID or mobile number; try later or ask your supervisor',
  },
  'user.admin_target': {
    status: 403,
    zh: '管理员账号的凭据和状态只能由安全管理员处理',
    en: "Only the security administrator handles an administrator account's credentials and status",
  },
  'user.invalid_state': {
    status: 409,
    zh: '该账号当前状态下不能进行此操作',
    en: 'Not possible for this account in its current state',
  },
  'user.second_admin_required': {
    status: 403,
    zh: '此操作需要另一名管理员确认',
    en: 'Another administrator must confirm this',
  },
  'area.not_found': {
    status: 404,
    zh: '区域不存在或不在您的辖区内',
    en: 'Area not found or outside your jurisdiction',
  },
  'area.code_taken': { status: 409, zh: '区划代码已存在', en: 'That division code already exists' },
  'area.invalid_parent': {
    status: 400,
    zh: '不能在该区域下创建此类下级',
    en: 'This kind of child cannot be created here',
  },
  'area.merge_invalid': { status: 400, zh: '无法合并到所选区域', en: 'Cannot merge into the chosen area' },
  'audit.chain_broken': { status: 500, zh: '审计日志链校验失败', en: 'Audit chain verification failed' },
  'audit.unavailable': {
    status: 503,
    zh: '审计服务暂不可用，为保护数据操作已被拒绝，请稍后重试',
    en: 'Audit logging is unavailable, so the operation was refused to protect data; please try again later',
  },
  'care.duplicate_suspected': {
    status: 409,
    zh: '可能与已有服务对象重复，请核对后确认',
    en: 'This may duplicate an existing client; check and confirm',
  },
  'care.override_reason_required': {
    status: 400,
    zh: '调整建议等级时须填写理由',
    en: 'A reason is required to override the suggested tier',
  },
  'care.visit_not_open': { status: 409, zh: '该走访已记录或已取消', en: 'This visit is already recorded or cancelled' },
  'care.client_not_active': { status: 409, zh: '服务对象不在服务中', en: 'The client is not active' },
  'care.ledger_unreadable': {
    status: 400,
    zh: '无法读取该 Excel 文件（需为 .xlsx，且含“姓名”等表头）',
    en: 'Cannot read this Excel file (.xlsx with a 姓名 heading row needed)',
  },
  'care.ledger_too_large': {
    status: 413,
    zh: '台账文件过大：每个文件最多 20 MB、100,000 行数据，请拆分后分批导入',
    en: 'The ledger is too large: at most 20 MB and 100,000 data rows per file; split it and import the parts',
  },
  'care.ledger_timeout': {
    status: 422,
    zh: '读取台账文件超时（文件过大或过于复杂），请拆分后分批导入',
    en: 'Reading the ledger took too long (too large or too complex); split it and import the parts',
  },
  'care.import_busy': {
    status: 429,
    zh: '台账导入繁忙：每人同一时间只能进行一个导入，系统同时进行的导入也有上限，请等当前导入完成后再试',
    en: 'Ledger imports are busy: one import per person at a time, and only a few at once on the server; try again when the current one finishes',
  },
  'care.consent_required': {
    status: 403,
    zh: '缺少该用途的有效同意记录（或法定依据）',
    en: 'No valid consent (or legal basis) for this purpose',
  },
  'care.invalid_state': { status: 409, zh: '当前状态下不能进行此操作', en: 'Not possible in the current state' },
  // Photos (platform/media): checked on upload, before anything is stored.
  'media.photo_type': {
    status: 415,
    zh: '只能上传 JPEG、PNG 或 WebP 格式的照片',
    en: 'Only JPEG, PNG or WebP photos can be uploaded',
  },
  'media.photo_unreadable': {
    status: 400,
    zh: '无法读取这张照片，文件可能已损坏或尺寸过大，请换一张再试',
    en: 'This photo cannot be read (damaged or too many pixels); try another one',
  },
  'media.photo_too_large': { status: 413, zh: '照片过大：每张最多 10 MB', en: 'The photo is too large: at most 10 MB' },
  'media.photo_not_found': {
    status: 400,
    zh: '照片不存在、已被使用或已过期，请重新上传',
    en: 'The photo does not exist, was already used or has expired; upload it again',
  },
  'media.photo_too_many': { status: 400, zh: '照片数量超过上限', en: 'Too many photos' },
  'media.no_home_area': {
    status: 403,
    zh: '您的账号没有所属社区，不能上传照片',
    en: 'Your account has no home community, so it cannot upload photos',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof CORE_ERRORS | ModuleErrorCode;
/** The core errors and those of the modules listed in modules.ts. */
export const ERRORS = { ...CORE_ERRORS, ...moduleErrors() } as Record<ErrorCode, ErrorSpec>;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** The UI languages (the web app's catalogues and the server's messages). */
export type Lang = 'zh' | 'en';

/** The message for a code in a language (an unknown code falls back to the generic one). */
export function errorMessage(code: string, lang: Lang): string {
  const spec = (ERRORS as Record<string, ErrorSpec>)[code] ?? ERRORS['common.internal'];
  return spec[lang];
}
