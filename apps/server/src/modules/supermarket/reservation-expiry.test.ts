import { randomUUID } from 'node:crypto';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  MySupermarket,
  Redemption,
  RedemptionList,
  StockMovementList,
  Supermarket,
  SupermarketItem,
} from '@linli/contracts/modules/supermarket';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { type TestClient, expectError, signedIn, useTestApp } from '../../../test/harness';
import { auditLog } from '../../platform/audit.tables';
import { queryRows } from '../../platform/db';
import { EXPIRE_RESERVATIONS_JOB, expireReservations } from './reservation-expiry';
import { giveTestPoints, makeTestVolunteer } from './supermarket.test-kit';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
const DAY = 86_400_000;

let org: TestOrg;
let worker: TestClient;
beforeEach(async () => {
  org = await buildOrg(t.app.ctx);
  worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
});

/** A supermarket of community A (reservations kept `days` days when given) with one item of 10 at 10 points. */
async function stocked(days?: number) {
  const market = await worker.postAs(Supermarket, '/api/supermarket/supermarkets', {
    areaCode: org.communityA,
    name: '爱心超市',
    ...(days ? { reservationDays: days } : {}),
  });
  const item = await worker.postAs(SupermarketItem, '/api/supermarket/items', {
    supermarketId: market.id,
    name: '大米',
    category: 'grain_oil',
    unit: '袋',
    pricePoints: 10,
  });
  await worker.postAs(SupermarketItem, '/api/supermarket/stock-in', {
    itemId: item.id,
    quantity: 10,
    donorKind: 'anonymous',
  });
  return { market, item };
}

async function volunteer() {
  const v = await makeTestVolunteer(t.app, org.communityA, worker);
  await giveTestPoints(t.app.ctx, v.volunteerId, org.communityA, 100);
  return v;
}

const reserve = (client: TestClient, supermarketId: string, itemId: string, quantity: number) =>
  client.postAs(Redemption, '/api/m/supermarket/reservations', {
    id: randomUUID(),
    supermarketId,
    lines: [{ itemId, quantity }],
  });

/** Moves the clock on and logs the clients in again (their sessions idle out meanwhile). */
async function later(ms: number, ...clients: TestClient[]) {
  t.clock.advance(ms);
  for (const c of [worker, ...clients]) await c.relogin();
}

const status = async (id: string) => (await worker.getAs(Redemption, `/api/supermarket/redemptions/${id}`)).status;
const stockOf = async (itemId: string) =>
  (await worker.getAs(SupermarketItem, `/api/supermarket/items/${itemId}`)).stock;
const balanceOf = async (client: TestClient) => (await client.getAs(MySupermarket, '/api/m/supermarket')).balance;

async function count(query: SQL): Promise<number> {
  return Number((await queryRows<{ n: string }>(t.app.ctx.db, query))[0]!.n);
}
const givenBack = (redemptionId: string) =>
  count(sql`SELECT count(*) AS n FROM supermarket_returns WHERE redemption_id = ${redemptionId}`);
const pointsBack = (redemptionId: string) =>
  count(sql`SELECT count(*) AS n FROM point_transfers t JOIN supermarket_returns r ON t.ref_id = r.id::text
    AND t.area_code = r.area_code
    WHERE t.ref_type = 'supermarket_return' AND r.redemption_id = ${redemptionId}`);
const sumOfBalances = () => count(sql`SELECT coalesce(sum(balance), 0) AS n FROM point_accounts`);
const inbox = (userId: string) =>
  count(sql`SELECT count(*) AS n FROM notifications
    WHERE user_id = ${userId} AND event = 'supermarket.reservation_expired'`);

describe('reservations expire', () => {
  it('an old one gives stock and points back exactly once; a collected and a fresh one are untouched', async () => {
    expect(t.app.ctx.jobs.registered().some((j) => j.name === EXPIRE_RESERVATIONS_JOB)).toBe(true);
    const { market, item } = await stocked();
    expect(market.reservationDays).toBe(7);
    const v = await volunteer();
    const old = await reserve(v.client, market.id, item.id, 2);
    expect(old.pickupBy).toBe(new Date(Date.parse(old.createdAt) + 7 * DAY).toISOString());
    const collected = await reserve(v.client, market.id, item.id, 1);
    await worker.postAs(Redemption, `/api/supermarket/redemptions/${collected.id}/collect`);
    await later(6 * DAY, v.client);
    const fresh = await reserve(v.client, market.id, item.id, 1);
    expect([await stockOf(item.id), await balanceOf(v.client)]).toEqual([6, 60]);

    // One minute short of 7 days: nothing yet.
    await later(DAY - 60_000, v.client);
    await expireReservations(t.app.ctx);
    expect(await status(old.id)).toBe('reserved');

    // Past the deadline: two runs at once (as two server processes would) and a third afterwards.
    await later(2 * 60_000, v.client);
    await Promise.all([expireReservations(t.app.ctx), expireReservations(t.app.ctx)]);
    await expireReservations(t.app.ctx);
    expect(await status(old.id)).toBe('expired');
    expect(await status(collected.id)).toBe('collected');
    expect(await status(fresh.id)).toBe('reserved');
    expect([await givenBack(old.id), await pointsBack(old.id)]).toEqual([1, 1]);
    expect([await stockOf(item.id), await balanceOf(v.client)]).toEqual([8, 80]);
    expect(await sumOfBalances()).toBe(0);

    // The stock ledger has the return; /m shows 已过期 (no deadline any more); the volunteer is told once.
    const ledger = await worker.getAs(StockMovementList, `/api/supermarket/movements?supermarketId=${market.id}`);
    expect(ledger.items.filter((m) => m.redemptionId === old.id).map((m) => [m.kind, m.quantity])).toEqual([
      ['return', 2],
      ['redemption', -2],
    ]);
    const mine = await v.client.getAs(RedemptionList, '/api/m/supermarket/redemptions');
    const shown = mine.items.find((r) => r.id === old.id)!;
    expect([shown.status, shown.pickupBy, shown.allowedActions]).toEqual(['expired', null, []]);
    expect(shown.cancelledAt).not.toBeNull();
    expect(await inbox(v.userId)).toBe(1);
    expectError(
      await v.client.post(`/api/m/supermarket/reservations/${old.id}/cancel`),
      409,
      'supermarket.invalid_state',
    );

    // Audited once, as the system (no actor).
    await t.app.ctx.auditWriter.flush();
    const audit = await t.app.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'supermarket.expire'), sql`${old.id} = ANY(${auditLog.objectIds})`));
    expect(audit.map((a) => a.actorId)).toEqual([null]);
  });

  it('an expiry racing a cancel by staff gives everything back once', async () => {
    const { market, item } = await stocked(1);
    const v = await volunteer();
    const r = await reserve(v.client, market.id, item.id, 3);
    await later(DAY + 60_000, v.client);
    const [, cancel] = await Promise.all([
      expireReservations(t.app.ctx),
      worker.post(`/api/supermarket/redemptions/${r.id}/cancel`, {}),
    ]);
    const final = await status(r.id);
    expect(final).toBe(cancel.statusCode === 200 ? 'cancelled' : 'expired');
    expect([await givenBack(r.id), await stockOf(item.id), await balanceOf(v.client)]).toEqual([1, 10, 100]);
    expect(await sumOfBalances()).toBe(0);
  });

  it('the limit is per supermarket and staff set it (1–60 days)', async () => {
    const short = await stocked();
    const long = await stocked();
    const put = (days: number) =>
      worker.put(`/api/supermarket/supermarkets/${short.market.id}`, {
        name: '爱心超市',
        active: true,
        reservationDays: days,
      });
    for (const bad of [0, 61, 2.5]) expect((await put(bad)).statusCode).toBe(400);
    expect((await put(2)).json()).toMatchObject({ reservationDays: 2 });
    // Left out of an edit, the setting stays.
    await worker.putAs(Supermarket, `/api/supermarket/supermarkets/${short.market.id}`, {
      name: '爱心超市',
      active: true,
    });
    expect((await worker.getAs(Supermarket, `/api/supermarket/supermarkets/${short.market.id}`)).reservationDays).toBe(
      2,
    );
    const v = await volunteer();
    const a = await reserve(v.client, short.market.id, short.item.id, 1);
    const b = await reserve(v.client, long.market.id, long.item.id, 1);
    expect(Date.parse(a.pickupBy!) - Date.parse(a.createdAt)).toBe(2 * DAY);
    await later(2 * DAY + 60_000, v.client);
    await expireReservations(t.app.ctx);
    expect([await status(a.id), await status(b.id)]).toEqual(['expired', 'reserved']);
    await later(5 * DAY, v.client);
    await expireReservations(t.app.ctx);
    expect(await status(b.id)).toBe('expired');
    expect([await stockOf(short.item.id), await stockOf(long.item.id), await balanceOf(v.client)]).toEqual([
      10, 10, 100,
    ]);
    expect(await inbox(v.userId)).toBe(2);
    expect(await sumOfBalances()).toBe(0);
  });
});
