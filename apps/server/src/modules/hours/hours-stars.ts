// Star levels (志愿者星级) from cumulative hours, with thresholds per district. Awards and revocations are rows of
// their own: a reversal that takes a volunteer below a threshold records 'revoked', the award stays in the history.
import { randomUUID } from 'node:crypto';
import { STAR_PRESETS, type StarPreset, type StarStatus } from '@linli/contracts/modules/hours';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { volunteerRefs } from '../volunteers';
import { findStarRule, insertStarEvent, starEventsOf, volunteerTotalMinutes } from './hours.repository';

/** The district of a 12-digit area code (its first six digits). */
export function districtOf(areaCode: string): string {
  return areaCode.slice(0, 6).padEnd(12, '0');
}

/** The default of a district with no rule: Beijing's districts (11xxxx) take Beijing's preset, others the national. */
export function defaultPreset(districtCode: string): Exclude<StarPreset, 'custom'> {
  return districtCode.startsWith('11') ? 'beijing' : 'national';
}

export async function thresholdsFor(
  db: DbOrTx,
  districtCode: string,
): Promise<{ preset: StarPreset; thresholds: number[]; configured: boolean }> {
  const rule = await findStarRule(db, districtCode);
  if (rule) return { preset: rule.preset as StarPreset, thresholds: rule.thresholds, configured: true };
  const preset = defaultPreset(districtCode);
  return { preset, thresholds: [...STAR_PRESETS[preset]], configured: false };
}

/** The star level cumulative minutes reach under these thresholds (hours). */
export function levelFor(totalMinutes: number, thresholds: readonly number[]): number {
  return thresholds.filter((hours) => totalMinutes >= hours * 60).length;
}

/** Levels currently held: the last event of each level is an award. */
function heldLevels(events: readonly { level: number; kind: string }[]): Set<number> {
  const last = new Map<number, string>();
  for (const e of events) last.set(e.level, e.kind);
  return new Set([...last].filter(([, kind]) => kind === 'awarded').map(([level]) => level));
}

/**
 * After an entry: recomputes the volunteer's cumulative hours and awards (with a notification) or revokes levels
 * so that the held levels match the thresholds of the volunteer's home district. Runs in the booking transaction,
 * under the volunteer's lock.
 */
export async function recomputeStars(
  ctx: AppContext,
  tx: DbOrTx,
  volunteerId: string,
  entry: { id: string; areaCode: string },
): Promise<void> {
  const entryId = entry.id;
  // Most volunteers serve in their own community: looked for in the entry's first (one shard group on Citus).
  const ref = (await volunteerRefs(tx, [volunteerId], [entry.areaCode])).get(volunteerId);
  if (!ref) return;
  const { thresholds } = await thresholdsFor(tx, districtOf(ref.areaCode));
  const total = await volunteerTotalMinutes(tx, volunteerId);
  const level = levelFor(total, thresholds);
  const held = heldLevels(await starEventsOf(tx, volunteerId));
  const now = ctx.clock.now();
  for (let l = 1; l <= 5; l += 1) {
    const should = l <= level;
    if (should === held.has(l)) continue;
    await insertStarEvent(tx, {
      id: randomUUID(),
      areaCode: ref.areaCode,
      volunteerId,
      level: l,
      kind: should ? 'awarded' : 'revoked',
      thresholdHours: thresholds[l - 1]!,
      totalMinutes: total,
      entryId,
      createdAt: now,
    });
    if (should)
      await ctx.notifier.notify(tx, {
        userIds: [ref.userId],
        event: 'hours.star_awarded',
        objectType: 'volunteer',
        objectId: volunteerId,
        link: '/m/hours',
        areaCode: ref.areaCode,
        params: { level: l, hours: thresholds[l - 1]! },
      });
  }
}

/** A volunteer's star status, for /m and staff. */
export async function starStatus(db: DbOrTx, volunteerId: string, homeAreaCode: string | null): Promise<StarStatus> {
  const districtCode = homeAreaCode ? districtOf(homeAreaCode) : null;
  const { thresholds } = districtCode
    ? await thresholdsFor(db, districtCode)
    : { thresholds: [...STAR_PRESETS.national] };
  const events = await starEventsOf(db, volunteerId);
  const held = heldLevels(events);
  const level = held.size === 0 ? 0 : Math.max(...held);
  const total = await volunteerTotalMinutes(db, volunteerId);
  const next = thresholds[level];
  return {
    level,
    thresholds,
    districtCode,
    nextAtHours: next === undefined ? null : Math.max(0, Math.ceil(next - total / 60)),
    history: events.map((e) => ({
      level: e.level,
      kind: e.kind,
      thresholdHours: e.thresholdHours,
      at: e.createdAt.toISOString(),
    })),
  };
}
