import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { FakeClock } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { AreaKey } from '../../platform/colocated';
import type { Tx } from '../../platform/db';
import { EventBus, type LinliEvents } from '../../platform/events';
import type {} from '../hours';
import { districtOf, registerEarningHandler } from './points-earning';
import { ensurePointAccount, pointBalance, transferPoints } from './points-ledger';
import { ledgerCheck } from './points-ledger.repository';
import { findEarning, insertRule } from './points-rules.repository';

// The 'hours.entry.booked' handler, driven by emitting the event in a transaction as the hours module does.
let testDb: TestDatabase;
let ctx: AppContext;
beforeAll(async () => {
  testDb = await createTestDatabase();
  const clock = new FakeClock('2026-03-02T01:00:00Z');
  ctx = {
    db: testDb.database.db,
    clock,
    events: new EventBus(testDb.database.db, clock, console),
  } as unknown as AppContext;
  registerEarningHandler(ctx);
});
afterAll(() => testDb?.drop());

let seq = 0;
/** A fresh community in a fresh district, so tests do not share rules or caps. */
function community() {
  seq++;
  return `1101${String(10 + seq).padStart(2, '0')}001001`;
}
const inTx = <T>(fn: (tx: Tx) => Promise<T>) => ctx.db.transaction(fn);
async function volunteer(area: string) {
  const id = randomUUID();
  const account = await inTx((tx) => ensurePointAccount(tx, { kind: 'volunteer', ownerId: id, areaCode: area }));
  return { id, account };
}
async function book(p: Partial<LinliEvents['hours.entry.booked']> & { volunteerId: string; areaCode: string }) {
  const payload = {
    entryId: randomUUID(),
    minutes: 120,
    activityType: 'elderly',
    serviceDate: '2026-03-01',
    reversesEntryId: null,
    ...p,
  };
  await inTx((tx) => ctx.events.emit(tx, 'hours.entry.booked', payload, { actorId: null, areaCode: p.areaCode }));
  return payload.entryId;
}
const balance = (account: AreaKey) => inTx((tx) => pointBalance(tx, account));

describe('points earned from hours', () => {
  it('defaults: 10 points per hour, rounded down; a booked entry earns once', async () => {
    const area = community();
    const v = await volunteer(area);
    const entryId = await book({ volunteerId: v.id, areaCode: area, minutes: 95 });
    expect(await balance(v.account)).toBe(15);
    // The same entry announced again earns nothing more.
    await book({ entryId, volunteerId: v.id, areaCode: area, minutes: 95 });
    expect(await balance(v.account)).toBe(15);
    const issuer = await inTx((tx) => ensurePointAccount(tx, { kind: 'issuer', ownerId: area, areaCode: area }));
    expect(await balance(issuer)).toBe(-15);
    expect(await inTx((tx) => ledgerCheck(tx))).toEqual({ sum: 0, mismatched: [] });
  });

  it('per-district rules: the version in force on the service date, a per-type rate and the monthly cap', async () => {
    const area = community();
    const district = districtOf(area);
    const v = await volunteer(area);
    await inTx(async (tx) => {
      await insertRule(tx, {
        id: randomUUID(),
        areaCode: district,
        effectiveFrom: '2026-01-01',
        pointsPerHour: 20,
        typeRates: { safety: 30 },
        monthlyCap: 100,
        note: '',
        createdBy: null,
        createdAt: new Date(),
      });
      await insertRule(tx, {
        id: randomUUID(),
        areaCode: district,
        effectiveFrom: '2026-04-01',
        pointsPerHour: 5,
        typeRates: {},
        monthlyCap: 1000,
        note: '',
        createdBy: null,
        createdAt: new Date(),
      });
    });
    await book({ volunteerId: v.id, areaCode: area, minutes: 60 }); // 20
    await book({ volunteerId: v.id, areaCode: area, minutes: 60, activityType: 'safety' }); // 30
    expect(await balance(v.account)).toBe(50);
    const capped = await book({ volunteerId: v.id, areaCode: area, minutes: 240 }); // 80 due, 50 left of the cap
    expect(await balance(v.account)).toBe(100);
    expect(await inTx((tx) => findEarning(tx, { id: capped, areaCode: area }))).toMatchObject({
      pointsDue: 80,
      points: 50,
      capped: true,
    });
    const nothing = await book({ volunteerId: v.id, areaCode: area, minutes: 60 }); // cap reached: no transfer
    expect(await inTx((tx) => findEarning(tx, { id: nothing, areaCode: area }))).toMatchObject({
      points: 0,
      transferId: null,
    });
    // April's rule, and April's cap is fresh.
    await book({ volunteerId: v.id, areaCode: area, minutes: 120, serviceDate: '2026-04-02' });
    expect(await balance(v.account)).toBe(110);
    // Another district keeps the defaults.
    const other = community();
    await book({ volunteerId: v.id, areaCode: other, minutes: 60 });
    expect(await balance(v.account)).toBe(120);
  });

  it('a reversing entry takes back what the original earned; spent points are a recorded shortfall', async () => {
    const area = community();
    const v = await volunteer(area);
    const first = await book({ volunteerId: v.id, areaCode: area, minutes: 180 }); // 30
    const reversal = await book({ volunteerId: v.id, areaCode: area, minutes: -180, reversesEntryId: first });
    expect(await balance(v.account)).toBe(0);
    expect(await inTx((tx) => findEarning(tx, { id: reversal, areaCode: area }))).toMatchObject({
      points: -30,
      shortfall: 0,
    });
    // The cap counts net points: the month is free again.
    const second = await book({ volunteerId: v.id, areaCode: area, minutes: 120 }); // 20
    const shop = await inTx((tx) =>
      ensurePointAccount(tx, { kind: 'supermarket', ownerId: randomUUID(), areaCode: area }),
    );
    await inTx((tx) =>
      transferPoints(ctx, tx, {
        from: v.account,
        to: shop,
        points: 15,
        kind: 'redeem',
        refType: 'redemption',
        refId: randomUUID(),
        areaCode: area,
        memo: '',
        actorUserId: null,
      }),
    );
    const late = await book({ volunteerId: v.id, areaCode: area, minutes: -120, reversesEntryId: second });
    expect(await balance(v.account)).toBe(0);
    expect(await inTx((tx) => findEarning(tx, { id: late, areaCode: area }))).toMatchObject({
      pointsDue: -20,
      points: -5,
      shortfall: 15,
    });
    expect(await inTx((tx) => ledgerCheck(tx))).toEqual({ sum: 0, mismatched: [] });
  });

  it('concurrent bookings for one volunteer never earn past the monthly cap (default 300)', async () => {
    const area = community();
    const v = await volunteer(area);
    // 12 × 3 h = 360 points due, 300 allowed; other volunteers book at the same time from the same issuer.
    const others = await Promise.all([volunteer(area), volunteer(area)]);
    await Promise.all([
      ...Array.from({ length: 12 }, () => book({ volunteerId: v.id, areaCode: area, minutes: 180 })),
      ...others.map((o) => book({ volunteerId: o.id, areaCode: area, minutes: 60 })),
    ]);
    expect(await balance(v.account)).toBe(300);
    for (const o of others) expect(await balance(o.account)).toBe(10);
    expect(await inTx((tx) => ledgerCheck(tx))).toEqual({ sum: 0, mismatched: [] });
  });

  it('the points roll back with the hours when the booking transaction fails', async () => {
    const area = community();
    const v = await volunteer(area);
    await expect(
      inTx(async (tx) => {
        await ctx.events.emit(
          tx,
          'hours.entry.booked',
          {
            entryId: randomUUID(),
            volunteerId: v.id,
            areaCode: area,
            minutes: 60,
            activityType: 'other',
            serviceDate: '2026-03-01',
            reversesEntryId: null,
          },
          { actorId: null, areaCode: area },
        );
        expect(await pointBalance(tx, v.account)).toBe(10);
        throw new Error('hours booking failed');
      }),
    ).rejects.toThrow('hours booking failed');
    expect(await balance(v.account)).toBe(0);
  });
});
