import { MAX_YEAR, MIN_YEAR } from './common';
import type { Lang } from './error-codes';

/**
 * What is wrong with one field (or one ledger cell): code → the words in each UI language, with `{param}`
 * placeholders. The one catalogue of field wording: services and contract schemas give only the code (and params),
 * the server's error handler fills `message` in the request's language from here, and the web app shows the same
 * words in the UI language. Error codes (error-codes.ts) say what went wrong with a request; these say what is
 * wrong with a field of it. Codes are `field.<what>` for checks any form has, `<module>.<what>` otherwise, and never
 * repeat an error code.
 */
export interface FieldMessageSpec {
  zh: string;
  en: string;
}

export const FIELD_MESSAGES = {
  // Kinds of check every schema has (zod's issue codes, see fieldIssueOf below).
  'field.required': { zh: '此项为必填项', en: 'This field is required' },
  'field.invalid': { zh: '内容无效', en: 'Invalid value' },
  'field.invalid_format': { zh: '格式不正确', en: 'Invalid format' },
  'field.invalid_value': { zh: '请从可选项中选择', en: 'Choose one of the options' },
  'field.integer': { zh: '请输入整数', en: 'Enter a whole number' },
  'field.min_chars': { zh: '请至少填写 {n} 个字', en: 'Enter at least {n} characters' },
  'field.max_chars': { zh: '最多填写 {n} 个字', en: 'Enter at most {n} characters' },
  'field.min_items': { zh: '请至少选择 {n} 项', en: 'Choose at least {n}' },
  'field.max_items': { zh: '最多选择 {n} 项', en: 'Choose at most {n}' },
  'field.min_number': { zh: '不能小于 {n}', en: 'Must be at least {n}' },
  'field.max_number': { zh: '不能大于 {n}', en: 'Must be at most {n}' },
  'field.unstorable_text': {
    zh: '含有无法保存的字符（如 NUL）',
    en: 'Contains characters that cannot be stored (e.g. NUL)',
  },
  'field.date_format': { zh: '日期格式应为 YYYY-MM-DD', en: 'Write the date as YYYY-MM-DD' },
  'field.date_invalid': { zh: '日期无效', en: 'Invalid date' },
  'field.date_range': {
    zh: `日期须在 ${MIN_YEAR}–${MAX_YEAR} 年之间`,
    en: `The date must be between ${MIN_YEAR} and ${MAX_YEAR}`,
  },
  'field.datetime_invalid': {
    zh: '日期时间无效，应为 ISO 8601 格式（如 2026-03-02T08:00:00Z）',
    en: 'Invalid date-time: use ISO 8601, e.g. 2026-03-02T08:00:00Z',
  },
  'field.not_in_future': { zh: '不能晚于今天', en: 'Cannot be later than today' },
  'field.name_characters': {
    zh: '不能包含表情符号或 < > { } \\ 等字符',
    en: 'Cannot contain emoji or < > { } \\',
  },
  'field.mobile_invalid': { zh: '请输入 11 位手机号', en: 'Enter an 11-digit mobile number' },
  /** A body Fastify could not read (bad JSON, wrong content type); `detail` is Fastify's own (English) words. */
  'field.malformed_request': { zh: '请求内容无法解析', en: 'The request could not be read' },

  'area.code_format': {
    zh: '区划代码应为 12 位数字（网格为 15 位）',
    en: 'An area code has 12 digits (15 for a grid)',
  },
  'area.unknown': {
    zh: '区域 {code} 不存在或不在您的辖区内',
    en: 'Area {code} does not exist or is outside your jurisdiction',
  },
  'area.code_not_under_parent': {
    zh: '代码须以上级区划代码开头',
    en: "The code must begin with the parent area's code",
  },
  'area.code_exists': { zh: '区划代码 {code} 已存在', en: 'The division code {code} already exists' },

  'user.username_characters': { zh: '只能使用字母、数字和 . _ -', en: 'Letters, digits, . _ and - only' },
  'user.username_exists': { zh: '用户名 {username} 已被占用', en: 'The username {username} is taken' },
  /** `first`, `second`: the two role codes that exclude each other. */
  'user.roles_exclusive': {
    zh: '所选角色不能由同一人兼任（三员分立）',
    en: 'One person cannot hold these roles together (separation of duties)',
  },
  'user.admin_roles_by_security_admin': {
    zh: '管理员角色由安全管理员授予',
    en: 'Administrator roles are granted by the security administrator',
  },
  /** `id`: the user id sent. */
  'user.unknown': { zh: '该用户不存在或不在您的辖区内', en: 'No such user in your jurisdiction' },
  'auth.password_min_length': { zh: '至少 {n} 个字符', en: 'At least {n} characters' },
  'auth.password_max_length': { zh: '最多 {n} 个字符', en: 'At most {n} characters' },
  'auth.password_classes': {
    zh: '需包含大写字母、小写字母、数字、符号中的至少 {n} 类',
    en: 'Use at least {n} of: upper case, lower case, digits, symbols',
  },
  'auth.password_common': { zh: '该密码过于常见', en: 'This password is too common' },
  'auth.password_has_username': { zh: '密码不能包含用户名', en: 'The password must not contain the username' },
  'auth.password_recent': { zh: '不能与最近 {n} 次使用的密码相同', en: 'Must differ from your last {n} passwords' },
  'auth.current_password_wrong': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'auth.totp_code_wrong': { zh: '动态口令不正确或已过期', en: 'The code is wrong or has expired' },
  'auth.totp_format': { zh: '请输入 6 位数字', en: 'Enter the 6 digits' },

  'care.id_number_invalid': {
    zh: '身份证号码无效（校验位或日期错误）',
    en: 'Invalid ID number (wrong check digit or date)',
  },
  'care.birth_date_range': {
    zh: `出生日期须在 1880–${MAX_YEAR} 年之间`,
    en: `The birth date must be between 1880 and ${MAX_YEAR}`,
  },
  'care.birth_date_in_future': { zh: '出生日期不能晚于今天', en: 'The birth date cannot be after today' },
  'care.birth_date_before_1900': { zh: '出生日期不能早于 1900 年', en: 'The birth date cannot be before 1900' },
  'care.id_birth_date_out_of_range': {
    zh: '身份证号中的出生日期晚于今天或早于 1900 年，请核对号码',
    en: 'The birth date in this ID number is after today or before 1900; check the number',
  },
  'care.birth_date_mismatch': { zh: '出生日期与身份证号不符', en: 'The birth date differs from the ID number' },
  'care.sex_mismatch': { zh: '性别与身份证号不符', en: 'The sex differs from the ID number' },
  'care.assignee_not_in_community': { zh: '该工作人员不负责这个社区', en: 'This worker does not serve the community' },
  /** One possible duplicate: `clientId`, `matchedOn` (id_number, phone, pinyin_birth_date joined by +), `communityCode`, `name`. */
  'care.duplicate_candidate': {
    zh: '可能与已有服务对象“{name}”是同一人',
    en: 'May be the same person as the existing client “{name}”',
  },
  /** A match the caller may not see (another community, someone else's minor): nothing more is said (F5). */
  'care.record_elsewhere': {
    zh: '此人可能已在其他辖区建档，请联系主管核实',
    en: 'A record of this person may exist elsewhere; ask your supervisor',
  },
  'care.household_other_community': { zh: '户须在同一社区', en: 'The household must be in the same community' },
  'care.resume_date_required': { zh: '暂停须填写今后的恢复日期', en: 'A pause needs a resume date after today' },
  'care.merge_into_self': { zh: '不能合并到本档案自身', en: 'A record cannot be merged into itself' },
  /** `suggested`: the tier the policy suggested. */
  'care.override_reason': {
    zh: '确定等级与建议等级不同，请填写理由',
    en: 'The tier differs from the suggested one; give a reason',
  },
  'care.downgrade_reason': { zh: '降低等级须填写理由', en: 'A downgrade needs a reason' },
  /** `id`: the client id sent. */
  'care.not_household_member': { zh: '不是同户成员', en: 'Not a member of this household' },
  'care.case_of_other_client': { zh: '该个案不属于此服务对象', en: 'This case belongs to another client' },
  /** A referral names either an organisation of the register or, for 其他, a provider's name (one of the two). */
  'care.referral_provider_required': {
    zh: '请从合作单位名录选择转介对象，或选择“其他”并填写名称',
    en: 'Choose the provider from the partner register, or choose “Other” and give its name',
  },
  /** The organisation is not in the register, is disabled, or does not serve the client's community. */
  'care.referral_provider_unknown': {
    zh: '该合作单位不存在或不服务此社区',
    en: "This partner does not exist or does not serve the client's community",
  },
  'care.task_goal_missing': { zh: '任务对应的目标不存在', en: 'A task refers to a goal that does not exist' },
  'care.reassign_one_source': {
    zh: '请按网格或按工作人员移交（二选一）',
    en: 'Give either a grid or a worker to move from',
  },
  'care.statute_required': { zh: '请注明所依据的法律法规', en: 'Cite the statute' },
  'care.guardian_name_required': { zh: '请填写监护人姓名', en: "Give the guardian's name" },

  // The ledger (.xlsx) import: the file, and the reasons a row is rejected (`value`: what the cell said).
  'care.ledger_rows_over': {
    zh: '数据行超过 {max} 行上限，请拆分后分批导入',
    en: 'More than {max} data rows; split the file',
  },
  'care.ledger_text_over': { zh: '单元格文字总量超过上限（{max} 字）', en: 'More than {max} characters of cell text' },
  'care.ledger_file_over': { zh: '文件超过 {mb} MB 上限', en: 'The file is larger than {mb} MB' },
  /** `detail`: which part of the zip was over its cap (English, for the developer). */
  'care.ledger_unpacks_too_large': { zh: '文件解压后过大或结构异常', en: 'The file unpacks too large or is malformed' },
  'care.ledger_read_too_slow': { zh: '读取文件超时', en: 'Reading the file took too long' },
  'care.ledger_no_headings': {
    zh: '找不到表头行（需要“姓名”等列）',
    en: 'No heading row found (a 姓名 column is needed)',
  },
  'care.ledger_content_type': { zh: '请以 Content-Type {type} 上传文件', en: 'Send the file with Content-Type {type}' },
  'care.ledger_import_running': { zh: '您已有一个台账导入正在进行', en: 'You already have an import running' },
  'care.ledger_imports_at_capacity': {
    zh: '系统同时进行的台账导入已达上限',
    en: 'The server is running its maximum of imports',
  },
  'care.ledger_community_unknown': {
    zh: '“{value}”不在您的辖区内或不存在',
    en: '“{value}” is outside your jurisdiction or does not exist',
  },
  'care.ledger_grid_unknown': { zh: '“{value}”不属于{community}', en: '“{value}” is not a grid of {community}' },
  'care.ledger_date_unreadable': {
    zh: '“{value}”无法识别（应为 1945-03-02 或 1945.3.2）',
    en: '“{value}” is not a date (write 1945-03-02 or 1945.3.2)',
  },
  'care.ledger_category_unknown': { zh: '未知的类别“{value}”', en: 'Unknown category “{value}”' },
  'care.ledger_tier_unknown': { zh: '“{value}”应为 红/黄/蓝', en: '“{value}” should be 红/黄/蓝 (red/yellow/blue)' },
  'care.ledger_sex_unknown': { zh: '“{value}”应为 男/女', en: '“{value}” should be 男/女 (male/female)' },
  'care.ledger_id_as_number': {
    zh: '被存为数字，后几位已丢失，请把该列设为文本后重新填写',
    en: 'Stored as a number, so its last digits are lost: format the column as text and enter it again',
  },
  'care.ledger_id_repeated': { zh: '在本文件中重复', en: 'Repeated in this file' },
  // Micro-wishes (modules/wishes).
  'wishes.personal_data': {
    zh: '公开内容不能含手机号、身份证号等个人信息',
    en: 'The public text may not contain phone or ID numbers',
  },
  'wishes.consent_required': { zh: '请确认已取得本人同意', en: "Confirm the person's consent" },
  // The 12345 work-order import (modules/requests/import).
  'requests.import_time_unreadable': {
    zh: '“{value}”无法识别（应为 2026-03-02 14:30）',
    en: '“{value}” is not a date and time (write 2026-03-02 14:30)',
  },
  'requests.import_category_ambiguous': {
    zh: '本区有多个名为“{value}”的类别，请填写类别代码',
    en: 'The district has several categories named “{value}”: give the code',
  },
  // The partner register (modules/organisations).
  'organisations.uscc_format': {
    zh: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）',
    en: 'A unified social credit code has 18 digits or capital letters (no I, O, Z, S, V)',
  },
  'organisations.uscc_check': {
    zh: '统一社会信用代码校验位不正确',
    en: 'The check character of the unified social credit code is wrong',
  },
  'organisations.uscc_required': {
    zh: '此类单位须填写统一社会信用代码',
    en: 'This kind of partner needs its credit code',
  },
  'organisations.uscc_not_applicable': {
    zh: '备案社区社会组织和专家不填写统一社会信用代码',
    en: 'Community social organisations and experts have no credit code',
  },
  'organisations.uscc_exists': {
    zh: '该统一社会信用代码已在本社区登记',
    en: 'This credit code is already registered in this area',
  },
  'organisations.subtype_invalid': { zh: '请选择该类别下的子类别', en: 'Choose a subtype of this kind' },
  'organisations.rating_not_applicable': {
    zh: '只有社会组织和社工机构有评估等级',
    en: 'Only social organisations and social work agencies are rated',
  },
  'organisations.rated_on_required': { zh: '请填写评估日期', en: 'Give the assessment date' },
  'organisations.expert_only': { zh: '专业领域和资质只适用于专家', en: 'Field and qualification are for experts only' },
  'organisations.chair_period': { zh: '结束日期不能早于开始日期', en: 'The end cannot be before the start' },
  'organisations.not_member': { zh: '该单位不是本联盟成员', en: 'This partner is not a member of the alliance' },
  'organisations.already_member': { zh: '该单位已是本联盟成员', en: 'This partner is already a member' },
  'organisations.chair_overlap': {
    zh: '与已有的轮值主席任期重叠',
    en: 'Overlaps the term of another rotating chair',
  },
  'organisations.unknown': { zh: '该合作单位不存在或不在您的辖区内', en: 'No such partner in your jurisdiction' },
  'organisations.import_unknown_value': { zh: '无法识别“{value}”', en: 'Unknown value “{value}”' },
  'activities.clash_with': {
    zh: '与您已报名的活动「{title}」（{time}）时间冲突',
    en: 'Clashes with “{title}” ({time}), which you signed up for',
  },
  'activities.serves_unknown': { zh: '服务对象不存在或不在您的辖区内', en: 'Not found in your jurisdiction' },
  'activities.place_unknown': { zh: '该场所不属于本社区', en: 'Not a place of this community' },
  'activities.team_unknown': { zh: '该队伍不存在或不在您的辖区内', en: 'No such team in your jurisdiction' },
  'activities.window_order': { zh: '报名截止时间不能早于开始报名时间', en: 'Sign-up cannot close before it opens' },
  'activities.checkout_in_future': { zh: '签退时间不能晚于现在', en: 'The check-out time cannot be later than now' },
} as const satisfies Record<string, FieldMessageSpec>;

export type FieldCode = keyof typeof FIELD_MESSAGES;
/** Values a field message names (`{n}`, `{code}`…); codes and ids a client may use, whether or not the words show them. */
export type FieldParams = Record<string, string | number>;
/** One thing wrong with a field, as services and schemas state it: the server adds `message`. */
export interface FieldIssue {
  path: string;
  code: FieldCode;
  params?: FieldParams;
}

export function isFieldCode(value: unknown): value is FieldCode {
  return typeof value === 'string' && Object.hasOwn(FIELD_MESSAGES, value);
}

/** The words for a field code in a language with its params filled in, or null for a code not in the catalogue. */
export function fieldMessage(code: string, lang: Lang, params?: FieldParams): string | null {
  if (!isFieldCode(code)) return null;
  const template: string = FIELD_MESSAGES[code][lang];
  return params
    ? template.replace(/\{(\w+)\}/g, (match, key: string) => (Object.hasOwn(params, key) ? String(params[key]) : match))
    : template;
}

/** A message under a label (a ledger column): '身份证号：…' in Chinese, 'ID: …' in English. */
export function labelledMessage(label: string | null, text: string, lang: Lang): string {
  if (!label) return text;
  return lang === 'zh' ? `${label}：${text}` : `${label}: ${text}`;
}

/** What zod says about a failed check: an issue, or what an error map is given (`input` only there). */
export interface CheckIssue {
  code: string;
  /** The schema's own message: a field code when the schema gave one. */
  message?: string;
  input?: unknown;
  origin?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

/**
 * The field code (and params) for a failed zod check: the schema's own message when it is a field code, else one
 * for the kind of check. Used by the server's validation error handler and by the web app's forms, so both say the
 * same words for the same check.
 */
export function fieldIssueOf(issue: CheckIssue): { code: FieldCode; params?: FieldParams } {
  if (isFieldCode(issue.message)) {
    // A schema naming its own code for a size check still gets the size, so '最多选择 {n} 项' is never shown raw.
    const bound = issue.code === 'too_small' ? issue.minimum : issue.code === 'too_big' ? issue.maximum : undefined;
    return bound === undefined ? { code: issue.message } : { code: issue.message, params: { n: Number(bound) } };
  }
  const exclusive = issue.inclusive === false;
  const sized = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
  switch (issue.code) {
    case 'invalid_type': {
      // An error map sees the input; a finished issue (on the server) only says "received undefined".
      const missing =
        'input' in issue
          ? issue.input === undefined || issue.input === null
          : /received (undefined|null)$/.test(issue.message ?? '');
      if (missing) return { code: 'field.required' };
      return { code: issue.expected === 'int' ? 'field.integer' : 'field.invalid' };
    }
    case 'too_small': {
      const n = Number(issue.minimum ?? 0) + (exclusive && sized ? 1 : 0);
      if (issue.origin === 'string')
        return n <= 1 ? { code: 'field.required' } : { code: 'field.min_chars', params: { n } };
      if (sized) return { code: 'field.min_items', params: { n } };
      return exclusive ? { code: 'field.invalid' } : { code: 'field.min_number', params: { n } };
    }
    case 'too_big': {
      const n = Number(issue.maximum ?? 0) - (exclusive && sized ? 1 : 0);
      if (issue.origin === 'string') return { code: 'field.max_chars', params: { n } };
      if (sized) return { code: 'field.max_items', params: { n } };
      return exclusive ? { code: 'field.invalid' } : { code: 'field.max_number', params: { n } };
    }
    case 'invalid_format':
      return { code: 'field.invalid_format' };
    case 'invalid_value':
      return { code: 'field.invalid_value' };
    default:
      return { code: 'field.invalid' };
  }
}
