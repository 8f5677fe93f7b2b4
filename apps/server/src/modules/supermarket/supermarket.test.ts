import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CounterVolunteer,
  MySupermarket,
  Redemption,
  RedemptionList,
  StockMovementList,
  Supermarket,
  SupermarketItem,
  SupermarketItemList,
  SupermarketList,
} from '@linli/contracts/modules/supermarket';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { type TestClient, expectError, signedIn, useTestApp } from '../../../test/harness';
import { issueRotatingCode } from '../../platform/signed-codes';
import { giveTestPoints, makeTestVolunteer } from './supermarket.test-kit';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

let org: TestOrg;
let worker: TestClient;
beforeEach(async () => {
  org = await buildOrg(t.app.ctx);
  worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
});

const code = (volunteerId: string) =>
  issueRotatingCode(t.app.ctx.keys, 'volunteer.counter', volunteerId, t.clock.now()).code;

/** A supermarket of community A with one item of `stock` at `price` points. */
async function stocked(stock: number, price = 10) {
  const market = await worker.postAs(Supermarket, '/api/supermarket/supermarkets', {
    areaCode: org.communityA,
    name: '爱心超市',
    address: '幸福路1号',
  });
  const item = await worker.postAs(SupermarketItem, '/api/supermarket/items', {
    supermarketId: market.id,
    name: '大米',
    category: 'grain_oil',
    unit: '袋',
    pricePoints: price,
  });
  if (stock > 0)
    await worker.postAs(SupermarketItem, '/api/supermarket/stock-in', {
      itemId: item.id,
      quantity: stock,
      donorKind: 'person',
      donorName: '王先生',
      fundReference: 'CSKW-2026-001',
    });
  return { market, item };
}

async function volunteerWith(points: number) {
  const v = await makeTestVolunteer(t.app, org.communityA, worker);
  if (points > 0) await giveTestPoints(t.app.ctx, v.volunteerId, org.communityA, points);
  return v;
}

const redeem = (marketId: string, volunteerId: string, itemId: string, quantity: number, id = randomUUID()) =>
  worker.post('/api/supermarket/redemptions', {
    id,
    supermarketId: marketId,
    code: code(volunteerId),
    lines: [{ itemId, quantity }],
  });

async function stockOf(itemId: string) {
  return (await worker.getAs(SupermarketItem, `/api/supermarket/items/${itemId}`)).stock;
}
async function balanceOf(marketId: string, volunteerId: string) {
  return (
    await worker.postAs(CounterVolunteer, '/api/supermarket/counter/lookup', {
      supermarketId: marketId,
      code: code(volunteerId),
    })
  ).balance;
}
async function sumOfBalances(): Promise<number> {
  const rows = await t.app.ctx.db.execute(sql`SELECT coalesce(sum(balance), 0)::bigint AS s FROM point_accounts`);
  return Number((rows as unknown as { rows: { s: string }[] }).rows[0]!.s);
}

describe('supermarket', () => {
  it('staff open a supermarket, add an item, book a donation in; the ledger names the source; others see none', async () => {
    const { market, item } = await stocked(12);
    expect(await stockOf(item.id)).toBe(12);
    const ledger = await worker.getAs(StockMovementList, `/api/supermarket/movements?supermarketId=${market.id}`);
    expect(ledger.items.map((m) => [m.kind, m.quantity, m.stockAfter, m.donorName, m.fundReference])).toEqual([
      ['donation', 12, 12, '王先生', 'CSKW-2026-001'],
    ]);
    const list = await worker.getAs(SupermarketList, '/api/supermarket/supermarkets');
    expect(list.items.map((s) => s.id)).toEqual([market.id]);
    const other = (await signedIn(t, ['community_worker'], [org.communityB])).client;
    expect((await other.get(`/api/supermarket/supermarkets/${market.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/supermarket/items/${item.id}`)).statusCode).toBe(404);
    expect((await other.getAs(SupermarketItemList, '/api/supermarket/items')).total).toBe(0);
    expect(
      (await other.post('/api/supermarket/stock-in', { itemId: item.id, quantity: 1, donorKind: 'anonymous' }))
        .statusCode,
    ).toBe(404);
    expectError(
      await worker.post('/api/supermarket/adjustments', { itemId: item.id, delta: -13, reason: '盘点' }),
      409,
      'supermarket.stock_negative',
    );
    expect(await stockOf(item.id)).toBe(12);
  });

  it('20 concurrent redemptions of the last 3 items: exactly 3 succeed, stock 0, balances sum to zero', async () => {
    const { market, item } = await stocked(3);
    const volunteers = [];
    for (let i = 0; i < 20; i++) volunteers.push(await volunteerWith(50));
    const answers = await Promise.all(volunteers.map((v) => redeem(market.id, v.volunteerId, item.id, 1)));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(3);
    for (const a of answers.filter((x) => x.statusCode !== 200)) expectError(a, 409, 'supermarket.out_of_stock');
    expect(await stockOf(item.id)).toBe(0);
    const market2 = await worker.getAs(Supermarket, `/api/supermarket/supermarkets/${market.id}`);
    expect(market2.balance).toBe(30);
    const list = await worker.getAs(RedemptionList, `/api/supermarket/redemptions?supermarketId=${market.id}`);
    expect(list.total).toBe(3);
    expect(await sumOfBalances()).toBe(0);
  });

  it('insufficient points are refused and the stock stays as it was', async () => {
    const { market, item } = await stocked(10, 30);
    const v = await volunteerWith(50);
    expectError(await redeem(market.id, v.volunteerId, item.id, 2), 409, 'points.insufficient');
    expect(await stockOf(item.id)).toBe(10);
    expect(await balanceOf(market.id, v.volunteerId)).toBe(50);
    const ledger = await worker.getAs(StockMovementList, `/api/supermarket/movements?itemId=${item.id}`);
    expect(ledger.items.map((m) => m.kind)).toEqual(['donation']);
    expect((await worker.getAs(RedemptionList, `/api/supermarket/redemptions?supermarketId=${market.id}`)).total).toBe(
      0,
    );
  });

  it('the same redemption submitted twice (also at once) is booked once', async () => {
    const { market, item } = await stocked(10);
    const v = await volunteerWith(100);
    const id = randomUUID();
    const [a, b] = await Promise.all([
      redeem(market.id, v.volunteerId, item.id, 2, id),
      redeem(market.id, v.volunteerId, item.id, 2, id),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    // Later, with the code long stale, the page retries: the first booking answers again.
    t.clock.advance(5 * 60_000);
    await worker.relogin();
    const again = await worker.postAs(Redemption, '/api/supermarket/redemptions', {
      id,
      supermarketId: market.id,
      code: 'stale.1.x',
      lines: [{ itemId: item.id, quantity: 2 }],
    });
    expect(again.id).toBe(id);
    expect(await stockOf(item.id)).toBe(8);
    expect(await balanceOf(market.id, v.volunteerId)).toBe(80);
    expect((await worker.getAs(RedemptionList, `/api/supermarket/redemptions?supermarketId=${market.id}`)).total).toBe(
      1,
    );
  });

  it('a stale or forged code is refused', async () => {
    const { market, item } = await stocked(5);
    const v = await volunteerWith(100);
    const old = code(v.volunteerId);
    t.clock.advance(2 * 60_000);
    await worker.relogin();
    const body = { id: randomUUID(), supermarketId: market.id, lines: [{ itemId: item.id, quantity: 1 }] };
    expectError(
      await worker.post('/api/supermarket/redemptions', { ...body, code: old }),
      409,
      'supermarket.code_invalid',
    );
    expectError(
      await worker.post('/api/supermarket/redemptions', { ...body, code: `${v.volunteerId}.1.forged` }),
      409,
      'supermarket.code_invalid',
    );
    expect(await stockOf(item.id)).toBe(5);
  });

  it('a return restores stock and points (in parts, each return once); balances sum to zero', async () => {
    const { market, item } = await stocked(10);
    const v = await volunteerWith(100);
    const r = Redemption.parse((await redeem(market.id, v.volunteerId, item.id, 3)).json());
    expect(r.allowedActions).toEqual(['return']);
    const returnId = randomUUID();
    const back = { id: returnId, lines: [{ itemId: item.id, quantity: 2 }], reason: '多拿了' };
    await worker.postAs(Redemption, `/api/supermarket/redemptions/${r.id}/returns`, back);
    const twice = await worker.postAs(Redemption, `/api/supermarket/redemptions/${r.id}/returns`, back);
    expect(twice.returnedPoints).toBe(20);
    expect(await stockOf(item.id)).toBe(9);
    expect(await balanceOf(market.id, v.volunteerId)).toBe(90);
    expectError(
      await worker.post(`/api/supermarket/redemptions/${r.id}/returns`, { ...back, id: randomUUID() }),
      409,
      'supermarket.return_exceeds',
    );
    const last = await worker.postAs(Redemption, `/api/supermarket/redemptions/${r.id}/returns`, {
      ...back,
      id: randomUUID(),
      lines: [{ itemId: item.id, quantity: 1 }],
    });
    expect([last.status, last.returnedPoints]).toEqual(['returned', 30]);
    expect(await stockOf(item.id)).toBe(10);
    expect(await balanceOf(market.id, v.volunteerId)).toBe(100);
    expect((await worker.getAs(Supermarket, `/api/supermarket/supermarkets/${market.id}`)).balance).toBe(0);
    expect(await sumOfBalances()).toBe(0);
  });

  it('a volunteer reserves on /m, staff hand it over; a cancelled reservation gives everything back', async () => {
    const { market, item } = await stocked(5);
    const v = await volunteerWith(100);
    const view = await v.client.getAs(MySupermarket, '/api/m/supermarket');
    expect(view).toMatchObject({ volunteer: true, balance: 100 });
    expect(view.supermarkets.map((s) => s.id)).toEqual([market.id]);
    const goods = await v.client.getAs(SupermarketItemList, `/api/m/supermarket/items?supermarketId=${market.id}`);
    expect(goods.items.map((i) => [i.name, i.stock])).toEqual([['大米', 5]]);
    const lines = [{ itemId: item.id, quantity: 2 }];
    const first = await v.client.postAs(Redemption, '/api/m/supermarket/reservations', {
      id: randomUUID(),
      supermarketId: market.id,
      lines,
    });
    expect([first.status, first.allowedActions]).toEqual(['reserved', ['cancel']]);
    const handed = await worker.postAs(Redemption, `/api/supermarket/redemptions/${first.id}/collect`);
    expect(handed.status).toBe('collected');
    const second = await v.client.postAs(Redemption, '/api/m/supermarket/reservations', {
      id: randomUUID(),
      supermarketId: market.id,
      lines,
    });
    expect(await stockOf(item.id)).toBe(1);
    const cancelled = await v.client.postAs(Redemption, `/api/m/supermarket/reservations/${second.id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    expectError(
      await v.client.post(`/api/m/supermarket/reservations/${second.id}/cancel`),
      409,
      'supermarket.invalid_state',
    );
    expect(await stockOf(item.id)).toBe(3);
    expect((await v.client.getAs(MySupermarket, '/api/m/supermarket')).balance).toBe(80);
    const mine = await v.client.getAs(RedemptionList, '/api/m/supermarket/redemptions');
    expect(mine.items.map((r) => r.status).sort()).toEqual(['cancelled', 'collected']);
    // Someone else's reservation is not theirs to cancel.
    const other = await volunteerWith(0);
    expect((await other.client.post(`/api/m/supermarket/reservations/${first.id}/cancel`)).statusCode).toBe(404);
    expect(await sumOfBalances()).toBe(0);
  });

  it('a resident who is not a confirmed volunteer cannot reserve', async () => {
    const { market, item } = await stocked(5);
    const pending = await makeTestVolunteer(t.app, org.communityA);
    expect((await pending.client.getAs(MySupermarket, '/api/m/supermarket')).volunteer).toBe(false);
    expectError(
      await pending.client.post('/api/m/supermarket/reservations', {
        id: randomUUID(),
        supermarketId: market.id,
        lines: [{ itemId: item.id, quantity: 1 }],
      }),
      409,
      'supermarket.not_volunteer',
    );
  });

  it('exports the stock ledger and the redemptions as .xlsx', async () => {
    const { market, item } = await stocked(5);
    const v = await volunteerWith(100);
    await redeem(market.id, v.volunteerId, item.id, 1);
    for (const what of ['movements', 'redemptions']) {
      const res = await worker.get(`/api/supermarket/supermarkets/${market.id}/export/${what}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('the stock ledger is append-only', async () => {
    const { item } = await stocked(2);
    await expect(
      t.app.ctx.db.execute(sql`UPDATE supermarket_stock_movements SET quantity = 5 WHERE item_id = ${item.id}`),
    ).rejects.toThrow();
    await expect(
      t.app.ctx.db.execute(sql`DELETE FROM supermarket_stock_movements WHERE item_id = ${item.id}`),
    ).rejects.toThrow();
  });
});
