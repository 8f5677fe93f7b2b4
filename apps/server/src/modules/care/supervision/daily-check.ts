import type { AppContext } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import { ensureOverdueRollup } from './supervision.repository';
import { dailyCheckDone, overdueByAssignee } from './daily-check.repository';

declare module '../../../platform/events' {
  interface LinliEvents {
    /**
     * The day's overdue check (job 'care.daily_overdue_check'): one event per worker with overdue planned visits,
     * with how many, once per China calendar day. For reminders (notifications); counts only, no client.
     */
    'care.visits.overdue_daily': { day: string; assigneeId: string; overdue: number };
  }
}

export const DAILY_OVERDUE_CHECK = 'care.daily_overdue_check';

/**
 * The daily check, run hourly by the job runner and done once per China calendar day (in the first run after
 * midnight, or the first after the server starts): brings the overdue rollup to today (so the day's first dashboard
 * does not rebuild it) and emits 'care.visits.overdue_daily' per worker. Returns how many events it emitted.
 */
export async function runDailyOverdueCheck(ctx: AppContext): Promise<number> {
  const day = chinaToday(ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    if (await dailyCheckDone(tx, 'care.visits.overdue_daily', day)) return 0;
    await ensureOverdueRollup(tx, day);
    const rows = await overdueByAssignee(tx);
    for (const row of rows)
      await ctx.events.emit(tx, 'care.visits.overdue_daily', { day, ...row }, { actorId: null, areaCode: null });
    return rows.length;
  });
}
