// Publishing an activity: one row, or one per occurrence of a weekly or monthly series (at most MAX_OCCURRENCES).
import { randomUUID } from 'node:crypto';
import { ActivityInput, MAX_OCCURRENCES } from '@linli/contracts/modules/activities';
import type { z } from 'zod';
import type { TeamRef } from '../volunteers';

type CreateInput = z.output<typeof ActivityInput>;
const DAY_MS = 86_400_000;

/** The start of each occurrence of a series (the first is the activity's own start). */
export function occurrenceStarts(start: Date, recurrence: 'none' | 'weekly' | 'monthly', until: Date | null): Date[] {
  if (recurrence === 'none') return [start];
  const last = until ?? new Date(start.getTime() + (recurrence === 'weekly' ? 3 * 7 : 92) * DAY_MS);
  const out: Date[] = [];
  for (let i = 0; i < MAX_OCCURRENCES; i++) {
    const d = new Date(start);
    if (recurrence === 'weekly') d.setTime(start.getTime() + i * 7 * DAY_MS);
    else d.setUTCMonth(start.getUTCMonth() + i);
    if (d > last) break;
    out.push(d);
  }
  return out;
}

export interface Organiser {
  kind: 'staff' | 'team_leader';
  area: { code: string };
  team: TeamRef | null;
  name: string;
  servesId: string | null;
  servesRef: string;
  place: { id: string; name: string } | null;
  userId: string;
}

/** The activity rows to insert: one, or one per occurrence of a series (times and sign-up window shifted alike). */
export function occurrenceRows(
  input: CreateInput,
  t: { startsAt: Date; endsAt: Date; opensAt: Date; closesAt: Date; now: Date },
  who: Organiser,
) {
  const starts = occurrenceStarts(t.startsAt, input.recurrence, input.repeatUntil ? new Date(input.repeatUntil) : null);
  const seriesId = starts.length > 1 ? randomUUID() : null;
  return starts.map((start) => {
    const shift = start.getTime() - t.startsAt.getTime();
    const at = (d: Date) => new Date(d.getTime() + shift);
    return {
      id: randomUUID(),
      areaCode: who.area.code,
      seriesId,
      teamId: who.team?.id ?? null,
      teamName: who.team?.name ?? null,
      organiserKind: who.kind,
      organiserId: who.userId,
      organiserName: who.name,
      title: input.title,
      description: input.description,
      type: input.type,
      placeId: who.place?.id ?? null,
      placeName: who.place?.name ?? null,
      address: input.address,
      startsAt: start,
      endsAt: at(t.endsAt),
      recurrence: input.recurrence,
      signupOpensAt: shift === 0 ? t.opensAt : at(t.opensAt),
      signupClosesAt: at(t.closesAt),
      requirements: input.requirements,
      servesKind: input.servesKind,
      servesId: who.servesId,
      servesRef: who.servesRef,
      status: input.publish ? ('published' as const) : ('draft' as const),
      createdBy: who.userId,
      createdAt: t.now,
      updatedAt: t.now,
    };
  });
}
