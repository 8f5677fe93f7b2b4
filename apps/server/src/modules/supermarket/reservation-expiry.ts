// Reservations expire: one made on /m and not collected within its supermarket's reservation days is given back in
// full by the server (stock and points, through the same cancelReservation as a cancel by staff or the volunteer),
// with the status 'expired', a system audit row (supermarket.expire) and a notification to the volunteer.
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { expiredReservationIds, findRedemption } from './redemption.repository';
import { cancelReservation } from './redemption.service';

export const EXPIRE_RESERVATIONS_JOB = 'supermarket.expire_reservations';
const HOUR_MS = 3_600_000;

/**
 * One run: expires every reservation past its deadline, each in its own transaction. Safe to run twice and from two
 * processes at once: a reservation moves only by the conditional UPDATE on status 'reserved', so one that a racing
 * run, a collect or a cancel moved first is skipped and nothing is given back twice. Returns how many it expired.
 */
export async function expireReservations(ctx: AppContext): Promise<number> {
  let expired = 0;
  const failed: string[] = [];
  for (const id of await expiredReservationIds(ctx.db, ctx.clock.now())) {
    const row = await findRedemption(ctx.db, id);
    if (!row || row.status !== 'reserved') continue;
    const days = row.reservationDays;
    try {
      await cancelReservation(ctx, null, row, `预约 ${days} 天内未领取，已自动取消`, {
        status: 'expired',
        also: async (tx, volunteer) => {
          if (!volunteer) return;
          await ctx.notifier.notify(tx, {
            userIds: [volunteer.userId],
            event: 'supermarket.reservation_expired',
            objectType: 'supermarket_redemption',
            objectId: row.id,
            link: '/m/supermarket',
            areaCode: row.areaCode,
            params: { days, points: row.totalPoints - row.returnedPoints },
          });
        },
      });
      expired += 1;
    } catch (error) {
      // Collected, cancelled or expired by someone else meanwhile: theirs stands.
      if (error instanceof AppError && error.code === 'supermarket.invalid_state') continue;
      // One that cannot be given back (rolled back whole) must not hold up the rest: reported after the batch.
      ctx.log.error({ err: error, redemptionId: id }, 'supermarket: reservation could not be expired');
      failed.push(id);
    }
  }
  if (failed.length > 0) throw new Error(`supermarket: ${failed.length} reservation(s) could not be expired`);
  return expired;
}

/** Hourly, once across the server processes (job_schedules); each run is idempotent on its own too. */
export function registerSupermarketJobs(ctx: AppContext): void {
  ctx.jobs.every({ name: EXPIRE_RESERVATIONS_JOB, everyMs: HOUR_MS, run: () => expireReservations(ctx) });
}
