import type { AppContext } from '../../platform/context';
import { notifyRequest, streetOfficerIds, unitUserIds } from './request-notify';
import { systemEvent } from './request-steps';
import { jobCandidates, stampOnce, updateRequest } from './requests.repository';

const HOUR_MS = 3_600_000;
/** How long before the 签收 deadline the unit is reminded (the deadline is the end of a working day). */
export const SIGN_REMINDER_LEAD_MS = 4 * HOUR_MS;
/** How long before the 办结 deadline the unit is reminded. */
export const DUE_REMINDER_LEAD_MS = 24 * HOUR_MS;
/** How long a resolved request waits for its rating before it is closed as 未评价. */
export const RATING_WINDOW_MS = 7 * 24 * HOUR_MS;

/** Reminds the unit before its sign and resolve deadlines, once each (stamped; a transfer or reopen clears them). */
export async function runReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let told = 0;
  for (const [job, lead, column] of [
    ['sign_reminder', SIGN_REMINDER_LEAD_MS, 'signRemindedAt'],
    ['due_reminder', DUE_REMINDER_LEAD_MS, 'dueRemindedAt'],
  ] as const) {
    for (const candidate of await jobCandidates(ctx.db, job, now, lead)) {
      told += await ctx.db.transaction(async (tx) => {
        const row = await stampOnce(tx, candidate, column, now);
        if (!row) return 0;
        const deadline = job === 'sign_reminder' ? 'sign' : 'due';
        await systemEvent(tx, row, 'reminded', { deadline }, now);
        await notifyRequest(ctx, tx, row, 'request.reminder', await unitUserIds(tx, row), { params: { deadline } });
        return 1;
      });
    }
  }
  return told;
}

/** On a breach of the 办结 deadline, tells the street officers over the community, once per request. */
export async function runBreachEscalations(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let told = 0;
  for (const candidate of await jobCandidates(ctx.db, 'breach', now)) {
    told += await ctx.db.transaction(async (tx) => {
      const row = await stampOnce(tx, candidate, 'escalatedAt', now);
      if (!row) return 0;
      await systemEvent(tx, row, 'escalated', { reason: 'overdue' }, now);
      await notifyRequest(ctx, tx, row, 'request.escalated', await streetOfficerIds(tx, row), {
        params: { reason: 'overdue' },
        urgent: true,
      });
      return 1;
    });
  }
  return told;
}

/** Closes requests resolved more than 7 days ago without a rating as 未评价 ('unrated') — never as satisfied. */
export async function runCloseUnrated(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let closed = 0;
  const cutoff = -RATING_WINDOW_MS;
  for (const candidate of await jobCandidates(ctx.db, 'unrated', now, cutoff)) {
    closed += await ctx.db.transaction(async (tx) => {
      const row = await updateRequest(tx, candidate, ['resolved'], {
        status: 'closed',
        rating: 'unrated',
        updatedAt: now,
      });
      if (!row) return 0;
      await systemEvent(tx, row, 'closed', { rating: 'unrated' }, now);
      return 1;
    });
  }
  return closed;
}

export function registerRequestJobs(ctx: AppContext): void {
  ctx.jobs.every({ name: 'requests.reminders', everyMs: 10 * 60_000, run: () => runReminders(ctx) });
  ctx.jobs.every({ name: 'requests.escalate_breaches', everyMs: 10 * 60_000, run: () => runBreachEscalations(ctx) });
  ctx.jobs.every({ name: 'requests.close_unrated', everyMs: HOUR_MS, run: () => runCloseUnrated(ctx) });
}
