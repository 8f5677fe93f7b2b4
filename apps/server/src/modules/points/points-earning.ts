// Earning love-bank points from service hours: the in-transaction handler of 'hours.entry.booked' (declared by the
// hours module). A credit earns floor(minutes / 60 × rate) points, within what remains of the volunteer's monthly
// cap in the district, from the organising community's issuer account; a reversing entry takes back what the
// original earned, as far as the volunteer's balance allows (the rest is recorded as a shortfall).
import type { AreaKey } from '../../platform/colocated';
import type { AppContext } from '../../platform/context';
import type { DbOrTx, Tx } from '../../platform/db';
import type { LinliEvents } from '../../platform/events';
import type {} from '../hours';
import { volunteerRefs } from '../volunteers';
import { findOwnedAccount, lockAccounts } from './points-ledger.repository';
import { ensurePointAccount, openPointAccount, transferPoints } from './points-ledger';
import { earnedInMonth, findEarning, insertEarning, ruleInForce } from './points-rules.repository';

/** The defaults when a district has set no rule: 10 points per confirmed hour, at most 300 a month. */
export const DEFAULT_RULE = { pointsPerHour: 10, monthlyCap: 300, typeRates: {} as Record<string, number> };

/** '110105001001' → '110105000000' (district codes are the first six digits, zero-padded). */
export function districtOf(areaCode: string): string {
  return `${areaCode.slice(0, 6)}000000`;
}

export async function effectiveRule(db: DbOrTx, districtCode: string, onDate: string) {
  const row = await ruleInForce(db, districtCode, onDate);
  return row
    ? { pointsPerHour: row.pointsPerHour, monthlyCap: row.monthlyCap, typeRates: row.typeRates, ruleId: row.id }
    : { ...DEFAULT_RULE, ruleId: null };
}

/**
 * The volunteer's points account, created (in the volunteer's home community) on first use. likelyArea: the home
 * community when the caller knows it (looked in first: one shard group on a Citus cluster), else the organising one.
 */
export async function volunteerAccount(tx: Tx, volunteerId: string, likelyArea: string): Promise<AreaKey> {
  const found = await findOwnedAccount(tx, 'volunteer', volunteerId, likelyArea);
  if (found) return { id: found.id, areaCode: found.areaCode };
  const ref = (await volunteerRefs(tx, [volunteerId], [likelyArea])).get(volunteerId);
  return openPointAccount(tx, { kind: 'volunteer', ownerId: volunteerId, areaCode: ref?.areaCode ?? likelyArea });
}

type Booked = LinliEvents['hours.entry.booked'];

export async function earnForEntry(ctx: AppContext, tx: Tx, p: Booked, actorId: string | null): Promise<void> {
  if (await findEarning(tx, { id: p.entryId, areaCode: p.areaCode })) return; // the same entry announced twice earns once
  const district = districtOf(p.areaCode);
  const month = p.serviceDate.slice(0, 7);
  const issuer = await ensurePointAccount(tx, { kind: 'issuer', ownerId: p.areaCode, areaCode: p.areaCode });
  const account = await volunteerAccount(tx, p.volunteerId, p.areaCode);
  const rule = await effectiveRule(tx, district, p.serviceDate);
  const rate = rule.typeRates[p.activityType] ?? rule.pointsPerHour;
  const due = Math.floor((p.minutes * rate) / 60);
  // Serialise the cap check per volunteer: the account row lock queues two bookings for one volunteer. Both accounts
  // of the coming transfer, in id order as transferPoints locks them, so no other transfer can deadlock with this.
  await lockAccounts(tx, [issuer, account]);
  const remaining = Math.max(0, rule.monthlyCap - (await earnedInMonth(tx, p.volunteerId, district, month)));
  const points = Math.min(due, remaining);
  let transferId: string | null = null;
  if (points > 0) {
    transferId = (
      await transferPoints(ctx, tx, {
        from: issuer,
        to: account,
        points,
        kind: 'earn',
        refType: 'hours_entry',
        refId: p.entryId,
        areaCode: p.areaCode,
        memo: `服务 ${(p.minutes / 60).toFixed(2)} 小时 × ${rate} 分/小时${points < due ? `（本月上限 ${rule.monthlyCap}）` : ''}`,
        actorUserId: actorId,
      })
    ).transferId;
  }
  await insertEarning(tx, {
    entryId: p.entryId,
    areaCode: p.areaCode,
    districtCode: district,
    volunteerId: p.volunteerId,
    month,
    minutes: p.minutes,
    activityType: p.activityType,
    rate,
    pointsDue: due,
    points,
    shortfall: 0,
    capped: points < due,
    reversesEntryId: null,
    transferId,
    createdAt: ctx.clock.now(),
  });
}

export async function reverseForEntry(ctx: AppContext, tx: Tx, p: Booked, actorId: string | null): Promise<void> {
  if (!p.reversesEntryId || (await findEarning(tx, { id: p.entryId, areaCode: p.areaCode }))) return;
  // A reversing entry is booked in its original's community (hours' reverseEntry copies the entry).
  const original = await findEarning(tx, { id: p.reversesEntryId, areaCode: p.areaCode });
  const owed = Math.max(0, original?.points ?? 0);
  const account = await volunteerAccount(tx, p.volunteerId, p.areaCode);
  const issuer = await ensurePointAccount(tx, { kind: 'issuer', ownerId: p.areaCode, areaCode: p.areaCode });
  const locked = await lockAccounts(tx, [account, issuer]);
  const balance = Number(locked.find((a) => a.id === account.id)?.balance ?? 0);
  const taken = Math.min(owed, balance);
  let transferId: string | null = null;
  if (taken > 0 && original?.transferId) {
    transferId = (
      await transferPoints(ctx, tx, {
        from: account,
        to: issuer,
        points: taken,
        kind: 'reverse',
        refType: 'hours_entry',
        refId: p.entryId,
        areaCode: p.areaCode,
        memo: `冲正服务时长记录${owed > taken ? `（已消费 ${owed - taken} 分无法收回）` : ''}`,
        actorUserId: actorId,
        reversesTransferId: original.transferId,
      })
    ).transferId;
  }
  await insertEarning(tx, {
    entryId: p.entryId,
    areaCode: p.areaCode,
    districtCode: original?.districtCode ?? districtOf(p.areaCode),
    volunteerId: p.volunteerId,
    month: original?.month ?? p.serviceDate.slice(0, 7),
    minutes: p.minutes,
    activityType: p.activityType,
    rate: original?.rate ?? 0,
    pointsDue: -owed,
    points: -taken,
    shortfall: owed - taken,
    capped: false,
    reversesEntryId: p.reversesEntryId,
    transferId,
    createdAt: ctx.clock.now(),
  });
}

/** module.setup: earn (or take back) points in the transaction that books the hours. */
export function registerEarningHandler(ctx: AppContext): void {
  ctx.events.onInTransaction('hours.entry.booked', async (tx, payload, meta) => {
    if (payload.reversesEntryId) await reverseForEntry(ctx, tx as Tx, payload, meta.actorId);
    else if (payload.minutes > 0) await earnForEntry(ctx, tx as Tx, payload, meta.actorId);
  });
}
