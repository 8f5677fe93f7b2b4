import type { ErrorCode } from '@linli/contracts';

/** Server-side messages for error codes (Chinese first; English when the request asks for it). */
export const ERROR_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = {
  'common.validation_failed': { zh: '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  'common.not_found': { zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
  'common.forbidden': { zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  'common.conflict': { zh: '数据已被他人修改，请刷新后重试', en: 'Someone else changed this; reload and retry' },
  'common.internal': { zh: '服务器内部错误，请稍后重试', en: 'Internal error; please retry later' },
  'common.rate_limited': { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  'common.csrf_failed': { zh: '请求校验失败，请刷新页面', en: 'Request check failed; reload the page' },
  'auth.unauthenticated': { zh: '请先登录', en: 'Please log in' },
  'auth.invalid_credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.account_locked': { zh: '登录失败次数过多，账号已锁定 30 分钟', en: 'Too many failed logins; locked for 30 minutes' },
  'auth.rate_limited': { zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts; try again later' },
  'auth.challenge_invalid': { zh: '登录步骤已失效，请重新登录', en: 'This login step expired; start again' },
  'auth.totp_invalid': { zh: '动态口令错误或已使用', en: 'Wrong or already used one-time code' },
  'auth.totp_required': { zh: '管理员必须启用动态口令', en: 'Administrators must use a one-time code' },
  'auth.password_weak': { zh: '密码不符合安全要求', en: 'The password does not meet the policy' },
  'auth.password_reused': { zh: '不能使用最近用过的密码', en: 'This password was used recently' },
  'auth.password_wrong': { zh: '当前密码错误', en: 'The current password is wrong' },
  'auth.session_expired': { zh: '登录已超时，请重新登录', en: 'Your session expired; log in again' },
  'auth.reauth_required': { zh: '请重新验证身份', en: 'Please confirm your identity again' },
  'user.not_found': { zh: '用户不存在', en: 'No such user' },
  'user.username_taken': { zh: '用户名已被使用', en: 'That username is taken' },
  'user.role_conflict': { zh: '三员分立：系统、安全、审计管理员不能兼任，也不能兼任业务角色', en: 'Separation of duties: admin roles cannot be combined with each other or with casework roles' },
  'user.cannot_change_self': { zh: '不能修改自己的角色或状态', en: 'You cannot change your own roles or status' },
  'common.approver_scope': { zh: '您的辖区未覆盖此项审批涉及的全部区域，不能审批', en: 'Your jurisdiction does not cover every area this approval concerns' },
  'care.exact_lookup_forbidden': { zh: '按身份证号或手机号精确查找需要“查看完整信息”的权限', en: 'Looking up by ID or mobile number needs the reveal permission' },
  'care.exact_lookup_limited': { zh: '按证件号或手机号查找的次数已达上限，请稍后再试或联系主管', en: 'Too many lookups by ID or mobile number; try later or ask your supervisor' },
  'user.admin_target': { zh: '管理员账号的凭据和状态只能由安全管理员处理', en: 'Only the security administrator handles an administrator account\'s credentials and status' },
  'user.invalid_state': { zh: '该账号当前状态下不能进行此操作', en: 'Not possible for this account in its current state' },
  'user.second_admin_required': { zh: '此操作需要另一名管理员确认', en: 'Another administrator must confirm this' },
  'area.not_found': { zh: '区域不存在或不在您的辖区内', en: 'No such area in your jurisdiction' },
  'area.code_taken': { zh: '区划代码已存在', en: 'That area code already exists' },
  'area.invalid_parent': { zh: '上级区域不正确', en: 'Invalid parent area' },
  'area.merge_invalid': { zh: '只能合并同级的有效区域', en: 'Only active areas of the same level can be merged' },
  'audit.chain_broken': { zh: '审计日志完整性校验失败', en: 'The audit log failed its integrity check' },
  'audit.unavailable': { zh: '审计服务繁忙，请稍后重试', en: 'Audit logging is busy; please retry' },
  'care.duplicate_suspected': { zh: '可能与已有服务对象重复，请核对后确认', en: 'This may duplicate an existing client; check and confirm' },
  'care.override_reason_required': { zh: '调整建议等级时须填写理由', en: 'A reason is required to override the suggested tier' },
  'care.visit_not_open': { zh: '该走访已记录或已取消', en: 'This visit is already recorded or cancelled' },
  'care.client_not_active': { zh: '服务对象不在服务中', en: 'The client is not active' },
  'care.consent_required': { zh: '缺少该用途的有效同意记录（或法定依据）', en: 'No valid consent (or legal basis) for this purpose' },
  'care.invalid_state': { zh: '当前状态下不能进行此操作', en: 'Not possible in the current state' },
  'care.ledger_unreadable': { zh: '无法读取该 Excel 文件（需为 .xlsx，且含“姓名”等表头）', en: 'Cannot read this Excel file (.xlsx with a 姓名 heading row needed)' },
  'care.ledger_too_large': { zh: '台账文件过大：每个文件最多 20 MB、100,000 行数据（以系统设置为准），请拆分后分批导入', en: 'The ledger is too large: at most 20 MB and 100,000 data rows per file (unless configured otherwise); split it and import the parts' },
  'care.ledger_timeout': { zh: '读取台账文件超时（文件过大或过于复杂），请拆分后分批导入', en: 'Reading the ledger took too long (too large or too complex); split it and import the parts' },
  'care.import_busy': { zh: '台账导入繁忙：每人同一时间只能进行一个导入，系统同时进行的导入也有上限，请等当前导入完成后再试', en: 'Ledger imports are busy: one import per person at a time, and only a few at once on the server; try again when the current one finishes' },
};

export type Lang = 'zh' | 'en';

export function pickLang(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'zh';
}
