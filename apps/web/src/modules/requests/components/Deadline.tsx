import { Tag, Typography } from 'antd';
import { getWorkdaysInRange } from 'chinese-days';
import dayjs from 'dayjs';
import { DISPLAY_TZ, formatDateTime } from '../../../lib/format';
import { useCoreWords } from '../core-words';

/**
 * Working days from today to a deadline's day (Asia/Shanghai), counted with the same holiday and 调休 calendar the
 * server uses (chinese-days): positive = working days left after today, 0 = due today, negative = overdue by that
 * many working days.
 */
export function workingDaysLeft(dueAt: string, now: Date = new Date()): number {
  const today = dayjs(now).tz(DISPLAY_TZ).format('YYYY-MM-DD');
  const due = dayjs(dueAt).tz(DISPLAY_TZ).format('YYYY-MM-DD');
  if (due === today) return 0;
  const [from, to] = due > today ? [today, due] : [due, today];
  // Both ends are counted by the package; the start day itself is not "left" (or not yet "overdue").
  const days = getWorkdaysInRange(from, to).filter((d) => d !== from).length;
  return due > today ? days : -days;
}

interface DeadlineProps {
  dueAt: string | null;
  /** The server's verdict (the clock it keeps is authoritative). */
  overdue?: boolean;
  /** Done: the deadline is shown as a date only. */
  done?: boolean;
  testId?: string;
}

/** A deadline in 工作日 terms: the date, and a countdown tag (red when overdue, orange on the last day). */
export function Deadline({ dueAt, overdue, done, testId }: DeadlineProps) {
  const w = useCoreWords();
  if (!dueAt) return <span data-testid={testId}>—</span>;
  const date = formatDateTime(dueAt).slice(0, 16);
  if (done) return <span data-testid={testId}>{date}</span>;
  const left = workingDaysLeft(dueAt);
  const hours = Math.max(0, Math.ceil((Date.parse(dueAt) - Date.now()) / 3_600_000));
  const late = overdue ?? Date.parse(dueAt) < Date.now();
  const tag = late ? (
    <Tag color="error">{left < 0 ? w.fmt('overdue', { n: -left }) : w.overdueShort}</Tag>
  ) : left === 0 ? (
    <Tag color="warning">
      {w.overdueToday}
      {hours ? ` · ${w.fmt('dueInHours', { n: hours })}` : ''}
    </Tag>
  ) : (
    <Tag color={left <= 1 ? 'warning' : 'default'}>{w.fmt('dueIn', { n: left })}</Tag>
  );
  return (
    <span data-testid={testId} data-overdue={late ? 'true' : 'false'}>
      <Typography.Text style={{ marginInlineEnd: 6 }}>{date}</Typography.Text>
      {tag}
    </span>
  );
}
