import type { FastifyInstance } from 'fastify';
import type { ModuleSamples } from '../../../test/route-samples';
import { makeVolunteer } from './activities.test-kit';

const HOUR = 3_600_000;

const activityBody = (areaCode: string, now = Date.now()) => ({
  areaCode,
  title: '清洁家园',
  type: 'environment',
  address: '小区东门',
  startsAt: new Date(now + 2 * HOUR).toISOString(),
  endsAt: new Date(now + 4 * HOUR).toISOString(),
  roles: [{ name: '清扫', capacity: 5 }],
});

/**
 * Samples of this module's routes for the route-table tests. The fixtures are a published activity of the community
 * (starting in two hours) and a confirmed volunteer's sign-up for it. The volunteer's and the team leader's routes
 * (/api/m/activities…) answer the generic resident caller 404/409; their real answers are in activities.test.ts.
 */
const samples: ModuleSamples = {
  samples: {
    'GET /api/activities': {},
    'GET /api/activities/:id': {},
    'GET /api/activities/:id/roster': {},
    'POST /api/activities': { body: ({ org }) => activityBody(org.communityA) },
    'PATCH /api/activities/:id': { body: () => ({ requirements: '请穿运动鞋' }) },
    'POST /api/activities/:id/publish': { auditStatus: 409 },
    'POST /api/activities/:id/cancel': { body: () => ({ reason: '天气原因' }) },
    'POST /api/activities/participations/:id/attendance': { body: () => ({ state: 'no_show' }) },
    'POST /api/activities/:id/confirm': { body: () => ({}), auditStatus: 409 },
    'GET /api/activities/:id/checkin-code': {},
    'GET /api/m/activities/lead': {},
    // The generic caller leads no team: refused as not found (audited); the leader's answer is in activities.test.ts.
    'GET /api/m/activities/lead/:id/roster': { auditStatus: 404 },
    'POST /api/m/activities/lead': {
      body: ({ org }) => ({ ...activityBody(org.communityA), teamId: crypto.randomUUID() }),
    },
    'PATCH /api/m/activities/lead/:id': { body: () => ({ requirements: '请穿运动鞋' }) },
    'POST /api/m/activities/lead/:id/publish': {},
    'POST /api/m/activities/lead/:id/cancel': { body: () => ({ reason: '天气原因' }) },
    'POST /api/m/activities/lead/participations/:id/attendance': {
      body: () => ({ state: 'no_show' }),
      auditStatus: 404,
    },
    'POST /api/m/activities/lead/:id/confirm': { body: () => ({}) },
    'GET /api/m/activities/lead/:id/checkin-code': {},
    'GET /api/m/activities': {},
    'GET /api/m/activities/mine': {},
    'POST /api/m/activities/check-in': { body: () => ({ code: 'x.1.y' }) },
    'GET /api/m/activities/:id': {},
    'POST /api/m/activities/:id/signup': { body: () => ({ roleId: crypto.randomUUID() }) },
    'POST /api/m/activities/:id/cancel': {},
  },
  /** A published activity of the community and a confirmed volunteer's sign-up for it. */
  async fixtures(worker, communityCode) {
    // The samples get only the worker's client: its app (a test-only reach into the harness) makes the volunteer.
    const app = (worker as unknown as { app: FastifyInstance }).app;
    const created = await worker.post('/api/activities', activityBody(communityCode, app.ctx.clock.now().getTime()));
    if (created.statusCode !== 200) throw new Error(`activities fixtures: ${created.body}`);
    const activity = created.json() as { id: string; roles: { id: string }[] };
    const v = await makeVolunteer(app, communityCode, worker);
    const signed = await v.client.post(`/api/m/activities/${activity.id}/signup`, { roleId: activity.roles[0]!.id });
    if (signed.statusCode !== 200) throw new Error(`activities fixtures (sign-up): ${signed.body}`);
    const mine = (signed.json() as { mine: { id: string } }).mine;
    return { activity: activity.id, activity_participation: mine.id };
  },
};
export default samples;
