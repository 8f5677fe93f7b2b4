// How other modules put service hours on the append-only ledger (activities, on the organiser's confirmation).
// Signature agreed for issue 12. Every entry booked here (and by this module's own approvals and corrections) goes
// through bookEntry: insert, 'hours.entry.booked' in the same transaction, then the volunteer's stars.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context';
import type { DbOrTx, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { recomputeStars } from './hours-stars';
import { type HourEntryRow, findEntryByParticipation, insertHourEntry, lockVolunteerHours } from './hours.repository';

declare module '../../platform/events' {
  interface LinliEvents {
    /**
     * Emitted in the booking transaction for every hours entry: a credit (activity confirmed, self-report approved)
     * or a reversing correction (negative minutes, reversesEntryId set). The points module earns on it in the same
     * transaction (and reverses what it earned when an entry is reversed).
     */
    'hours.entry.booked': {
      entryId: string;
      volunteerId: string;
      /** The organising community (谁组织谁记录): the entry's area code. */
      areaCode: string;
      minutes: number;
      activityType: string;
      serviceDate: string;
      reversesEntryId: string | null;
    };
  }
}

export interface CreditHoursInput {
  volunteerId: string;
  /** The organising community. */
  areaCode: string;
  activityId: string | null;
  /** The participation confirmed: one credit per participation (booking it twice returns the first). */
  participationId: string | null;
  /** YYYY-MM-DD (Asia/Shanghai). */
  serviceDate: string;
  minutes: number;
  content: string;
  /** The activity's type code (contracts activities ACTIVITY_TYPES), used by the points earning rules. */
  activityType: string;
  organiserName: string;
  confirmedBy: string;
}

/** Books one entry: the row, the event (points earn or reverse in this transaction), the stars. */
export async function bookEntry(
  ctx: AppContext,
  tx: DbOrTx,
  row: Omit<HourEntryRow, 'createdAt'>,
): Promise<HourEntryRow> {
  await lockVolunteerHours(tx, row.volunteerId);
  const entry: HourEntryRow = { ...row, createdAt: ctx.clock.now() };
  await insertHourEntry(tx, entry);
  await ctx.events.emit(
    tx,
    'hours.entry.booked',
    {
      entryId: entry.id,
      volunteerId: entry.volunteerId,
      areaCode: entry.areaCode,
      minutes: entry.minutes,
      activityType: entry.activityType,
      serviceDate: entry.serviceDate,
      reversesEntryId: entry.reversesEntryId,
    },
    { actorId: entry.confirmedBy, areaCode: entry.areaCode },
  );
  await recomputeStars(ctx, tx, entry.volunteerId, entry);
  return entry;
}

/**
 * Credits confirmed service time (activities, on the organiser's confirmation), in the caller's transaction. One
 * credit per participation: a second call for the same participation returns the first entry, `duplicate: true`.
 */
export async function creditHours(
  ctx: AppContext,
  tx: Tx,
  input: CreditHoursInput,
): Promise<{ entryId: string; duplicate: boolean }> {
  if (!Number.isInteger(input.minutes) || input.minutes <= 0 || input.minutes > 100_000)
    throw new AppError('hours.invalid_minutes');
  if (input.participationId) {
    await lockVolunteerHours(tx, input.volunteerId);
    const existing = await findEntryByParticipation(tx, { id: input.participationId, areaCode: input.areaCode });
    if (existing) return { entryId: existing.id, duplicate: true };
  }
  const entry = await bookEntry(ctx, tx, {
    id: randomUUID(),
    areaCode: input.areaCode,
    volunteerId: input.volunteerId,
    minutes: input.minutes,
    source: 'activity',
    activityId: input.activityId,
    participationId: input.participationId,
    claimId: null,
    serviceDate: input.serviceDate,
    content: input.content.slice(0, 500),
    activityType: input.activityType,
    organiserName: input.organiserName.slice(0, 200),
    confirmedBy: input.confirmedBy,
    reversesEntryId: null,
    reason: null,
  });
  return { entryId: entry.id, duplicate: false };
}
