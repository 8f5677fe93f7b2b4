import { z } from 'zod';
import { DATE_RANGE, MAX_YEAR, MIN_YEAR, UNSTORABLE_TEXT, isStorableText } from '../common';
import type { FieldCode } from '../field-messages';
import { isValidIdNumber, parseIdNumber } from '../id-number';

/** The care module's shared vocabulary: categories, tiers, statuses, and the field types its inputs are built from. */

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

/**
 * Characters a person's name never has: markup (< > { } \\) and emoji (pictographs, flags, keycaps, the joiner and
 * variation selector that build emoji sequences). Rare CJK characters outside the BMP (𠀀) are names and pass.
 * Refused with one message in the form, the API and the ledger import alike (the same schema).
 */
const NOT_IN_NAMES = /[<>{}\\\p{Extended_Pictographic}\p{Regional_Indicator}]|\u{20E3}|\u{200D}|\u{FE0F}/u;
export function isNameText(value: string): boolean {
  return !NOT_IN_NAMES.test(value);
}

// A schema's own message is a field code (field-messages.ts): the server and the web app say its words.
export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine(isNameText, 'field.name_characters' satisfies FieldCode)
  .refine(isStorableText, UNSTORABLE_TEXT);
/** The earliest birth date a new record may carry (an ID number or 出生日期 before it is a typing error). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Today's calendar date in China (UTC+8, no daylight saving), wherever the code runs. */
export function chinaToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A birth date a new or imported record may carry: from 1900-01-01 up to today in China. */
export function isPlausibleBirthDate(date: string, nowMs?: number): boolean {
  return date >= EARLIEST_BIRTH_DATE && date <= chinaToday(nowMs);
}

export const IdNumberInput = z
  .string()
  .trim()
  .refine(isValidIdNumber, 'care.id_number_invalid' satisfies FieldCode)
  .refine((v) => {
    const id = parseIdNumber(v);
    return !id || isPlausibleBirthDate(id.birthDate);
  }, 'care.id_birth_date_out_of_range' satisfies FieldCode);
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
/**
 * Birth dates as read back: as far as ID numbers go (parseIdNumber accepts 1880 on), so a stored client always fits.
 * What a user may enter is narrower, BirthDateInput.
 */
export const BirthDate = calendarDate(1880, MAX_YEAR, 'care.birth_date_range');
/** A birth date entered by a user or a ledger row: 1900-01-01 to today (China), never in the future. */
export const BirthDateInput = BirthDate.refine(
  (v) => !isCalendarDate(v) || v >= EARLIEST_BIRTH_DATE,
  'care.birth_date_before_1900' satisfies FieldCode,
).refine((v) => !isCalendarDate(v) || v <= chinaToday(), 'care.birth_date_in_future' satisfies FieldCode);
