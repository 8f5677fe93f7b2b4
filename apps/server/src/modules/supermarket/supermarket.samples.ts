import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ModuleSamples } from '../../../test/route-samples';
import { issueRotatingCode } from '../../platform/signed-codes';
import { giveTestPoints, makeTestVolunteer } from './supermarket.test-kit';

/** The app of the last fixtures call (samples get only the worker's client): the counter bodies issue fresh codes. */
let app: FastifyInstance | null = null;
const counterCode = (volunteerId: string | undefined) =>
  app && volunteerId
    ? issueRotatingCode(app.ctx.keys, 'volunteer.counter', volunteerId, app.ctx.clock.now()).code
    : 'none.1.none';

/**
 * Samples of this module's routes for the route-table tests. The fixtures are a supermarket with a stocked item, an
 * active volunteer with points, a reservation of theirs (collect, cancel) and a counter redemption (return). The
 * volunteer's own routes (/api/m/supermarket…) answer the generic caller 403/404, their real answers are tested in
 * supermarket.test.ts.
 */
const samples: ModuleSamples = {
  samples: {
    'GET /api/supermarket/supermarkets': {},
    'POST /api/supermarket/supermarkets': { body: ({ org }) => ({ areaCode: org.communityA, name: '样例超市' }) },
    'GET /api/supermarket/supermarkets/:id': {},
    'PUT /api/supermarket/supermarkets/:id': { body: () => ({ name: '改名超市', active: true }) },
    'GET /api/supermarket/items': {},
    'POST /api/supermarket/items': {
      body: ({ fixtures }) => ({
        supermarketId: fixtures.supermarket,
        name: '挂面',
        category: 'grain_oil',
        unit: '把',
        pricePoints: 5,
      }),
    },
    'GET /api/supermarket/items/:id': {},
    'PUT /api/supermarket/items/:id': {
      body: () => ({ name: '大米', category: 'grain_oil', unit: '袋', pricePoints: 30, active: true }),
    },
    'POST /api/supermarket/stock-in': {
      body: ({ fixtures }) => ({
        itemId: fixtures.supermarket_item,
        quantity: 5,
        donorKind: 'person',
        donorName: '李',
      }),
    },
    'POST /api/supermarket/adjustments': {
      body: ({ fixtures }) => ({ itemId: fixtures.supermarket_item, delta: -1, reason: '破损' }),
    },
    'GET /api/supermarket/movements': {},
    'POST /api/supermarket/counter/lookup': {
      body: ({ fixtures }) => ({
        supermarketId: fixtures.supermarket,
        code: counterCode(fixtures.supermarket_volunteer),
      }),
    },
    'POST /api/supermarket/redemptions': {
      body: ({ fixtures }) => ({
        id: randomUUID(),
        supermarketId: fixtures.supermarket,
        code: counterCode(fixtures.supermarket_volunteer),
        lines: [{ itemId: fixtures.supermarket_item, quantity: 1 }],
      }),
    },
    'GET /api/supermarket/redemptions': {},
    'GET /api/supermarket/redemptions/:id': {},
    'POST /api/supermarket/redemptions/:id/collect': {},
    'POST /api/supermarket/redemptions/:id/cancel': { body: () => ({ reason: '未来领取' }) },
    'POST /api/supermarket/redemptions/:id/returns': {
      fixture: 'supermarket_collected',
      body: ({ fixtures }) => ({
        id: randomUUID(),
        lines: [{ itemId: fixtures.supermarket_item, quantity: 1 }],
        reason: '不合适',
      }),
    },
    'GET /api/supermarket/supermarkets/:id/export/movements': {},
    'GET /api/supermarket/supermarkets/:id/export/redemptions': {},
    'GET /api/m/supermarket': {},
    'GET /api/m/supermarket/items': { query: `supermarketId=${randomUUID()}` },
    'GET /api/m/supermarket/redemptions': {},
    'POST /api/m/supermarket/reservations': {
      body: ({ fixtures }) => ({
        id: randomUUID(),
        supermarketId: fixtures.supermarket,
        lines: [{ itemId: fixtures.supermarket_item, quantity: 1 }],
      }),
    },
    'POST /api/m/supermarket/reservations/:id/cancel': {},
  },
  async fixtures(worker, communityCode) {
    app = (worker as unknown as { app: FastifyInstance }).app;
    const ok = async (what: string, res: { statusCode: number; body: string }) => {
      if (res.statusCode !== 200) throw new Error(`supermarket fixtures (${what}): ${res.body}`);
      return JSON.parse(res.body) as { id: string };
    };
    const market = await ok(
      'supermarket',
      await worker.post('/api/supermarket/supermarkets', {
        areaCode: communityCode,
        name: '测试爱心超市',
      }),
    );
    const item = await ok(
      'item',
      await worker.post('/api/supermarket/items', {
        supermarketId: market.id,
        name: '食用油',
        category: 'grain_oil',
        unit: '桶',
        pricePoints: 10,
      }),
    );
    await ok(
      'stock-in',
      await worker.post('/api/supermarket/stock-in', {
        itemId: item.id,
        quantity: 100,
        donorKind: 'anonymous',
      }),
    );
    const volunteer = await makeTestVolunteer(app, communityCode, worker);
    await giveTestPoints(app.ctx, volunteer.volunteerId, communityCode, 1000);
    const lines = [{ itemId: item.id, quantity: 2 }];
    const reserved = await ok(
      'reservation',
      await volunteer.client.post('/api/m/supermarket/reservations', {
        id: randomUUID(),
        supermarketId: market.id,
        lines,
      }),
    );
    const collected = await ok(
      'counter',
      await worker.post('/api/supermarket/redemptions', {
        id: randomUUID(),
        supermarketId: market.id,
        code: counterCode(volunteer.volunteerId),
        lines,
      }),
    );
    return {
      supermarket: market.id,
      supermarket_item: item.id,
      supermarket_volunteer: volunteer.volunteerId,
      supermarket_redemption: reserved.id,
      supermarket_collected: collected.id,
    };
  },
};
export default samples;
