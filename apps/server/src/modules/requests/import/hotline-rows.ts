import type { FieldCode, FieldParams } from '@linli/contracts';
import type { HotlineHeading, RequestUrgency } from '@linli/contracts/modules/requests';
import type { SheetRow } from './hotline-sheet';

/** Why a row was rejected: the column's heading (null for the row), a field code and its params. */
export interface RowReason {
  column: HotlineHeading | null;
  code: FieldCode;
  params?: FieldParams;
}

/** A row that passed every check: what intakeRequest is given. */
export interface HotlineRow {
  externalRef: string;
  receivedAt: Date;
  requesterName: string | null;
  requesterPhone: string | null;
  categoryId: string;
  description: string;
  communityCode: string;
  addressString: string | null;
  urgency: RequestUrgency | undefined;
}

export interface CheckedRow {
  rowNumber: number;
  input: HotlineRow | null;
  reasons: RowReason[];
}

export interface RowLookups {
  /** The community a cell names (its name or 12-digit code) among those the importer may write in. */
  community(text: string): string | null;
  /** The category a cell names (name or code) in the community's district catalogue. */
  category(communityCode: string, text: string): { id: string } | 'ambiguous' | null;
  now: Date;
}

const LIMITS: Partial<Record<HotlineHeading, number>> = {
  工单编号: 64,
  诉求人: 50,
  诉求内容: 2000,
  地址: 200,
};
const URGENCY: Record<string, RequestUrgency> = { 紧急: 'urgent', 一般: 'normal', urgent: 'urgent', normal: 'normal' };
const TIME = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?)?$/;

/** 2026-03-02 09:30, 2026/3/2 9:30:15, 2026年3月2日 9时30分, or a date alone (midnight), in Beijing time. */
export function parseCallTime(text: string): Date | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((p) => p ?? undefined) as string[];
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const utc = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  const check = new Date(utc);
  // Round trip: 2026-02-30 or 25:00 would roll over into another day.
  if (
    check.getUTCFullYear() !== parts[0] ||
    check.getUTCMonth() !== parts[1] - 1 ||
    check.getUTCDate() !== parts[2] ||
    check.getUTCHours() !== parts[3] ||
    check.getUTCMinutes() !== parts[4] ||
    parts[0] < 2000
  )
    return null;
  return new Date(utc - 8 * 3600_000);
}

/** One sheet row checked: required cells, lengths, the call time, the community, the category and the urgency. */
export function checkRow(row: SheetRow, lookups: RowLookups): CheckedRow {
  const reasons: RowReason[] = [];
  const cell = (h: HotlineHeading) => row.cells[h]?.trim() || null;
  for (const h of ['工单编号', '来电时间', '诉求类别', '诉求内容', '所属社区'] as const)
    if (!cell(h)) reasons.push({ column: h, code: 'field.required' });
  for (const [h, max] of Object.entries(LIMITS) as [HotlineHeading, number][])
    if ((cell(h)?.length ?? 0) > max) reasons.push({ column: h, code: 'field.max_chars', params: { n: max } });

  const timeText = cell('来电时间');
  const receivedAt = timeText ? parseCallTime(timeText) : null;
  if (timeText && !receivedAt)
    reasons.push({ column: '来电时间', code: 'requests.import_time_unreadable', params: { value: timeText } });
  // A minute of slack for clocks that differ; a call cannot come from the future.
  if (receivedAt && receivedAt.getTime() > lookups.now.getTime() + 60_000)
    reasons.push({ column: '来电时间', code: 'field.not_in_future' });

  const phone = cell('联系电话');
  if (phone && !/^[0-9+\-\s()（）]{5,20}$/.test(phone))
    reasons.push({ column: '联系电话', code: 'field.invalid_format' });

  const communityText = cell('所属社区');
  const communityCode = communityText ? lookups.community(communityText) : null;
  if (communityText && !communityCode)
    reasons.push({ column: '所属社区', code: 'care.ledger_community_unknown', params: { value: communityText } });

  const categoryText = cell('诉求类别');
  const category = communityCode && categoryText ? lookups.category(communityCode, categoryText) : null;
  if (communityCode && categoryText && category === null)
    reasons.push({ column: '诉求类别', code: 'care.ledger_category_unknown', params: { value: categoryText } });
  if (category === 'ambiguous')
    reasons.push({ column: '诉求类别', code: 'requests.import_category_ambiguous', params: { value: categoryText! } });

  const urgencyText = cell('紧急程度');
  const urgency = urgencyText ? URGENCY[urgencyText] : undefined;
  if (urgencyText && !urgency)
    reasons.push({ column: '紧急程度', code: 'organisations.import_unknown_value', params: { value: urgencyText } });

  const ok = reasons.length === 0 && receivedAt && communityCode && category && category !== 'ambiguous';
  return {
    rowNumber: row.rowNumber,
    reasons,
    input: ok
      ? {
          externalRef: cell('工单编号')!,
          receivedAt,
          requesterName: cell('诉求人'),
          requesterPhone: phone,
          categoryId: category.id,
          description: cell('诉求内容')!,
          communityCode,
          addressString: cell('地址'),
          urgency,
        }
      : null,
  };
}
