import type { ModuleSamples } from '../../../test/route-samples';

/**
 * Samples of this module's routes for the route-table tests. The points module owns no id kinds: statements name
 * an account in the query (a random one here: answered 404, audited) or a volunteer (the volunteers module's fixture).
 * Real answers are in points.test.ts.
 */
const samples: ModuleSamples = {
  samples: {
    'GET /api/points/accounts': {},
    'GET /api/points/statement': { query: 'accountId=00000000-0000-4000-8000-000000000000', auditStatus: 404 },
    'GET /api/points/volunteers/:id': {},
    // The volunteers module's team (its fixture volunteer is a member).
    'GET /api/points/teams/:id': { query: 'from=2026-01-01' },
    'GET /api/points/teams/:id/export': {},
    'GET /api/points/community/:code': {},
    'POST /api/points/adjustments': {
      body: ({ fixtures }) => ({ volunteerId: fixtures.volunteer, points: 5, reason: '表彰奖励' }),
    },
    'GET /api/points/rules/:code': {},
    'POST /api/points/rules': {
      // Rules are never edited: each call takes effect on a date of its own.
      body: ({ org }) => ({
        districtCode: org.district,
        effectiveFrom: `${2030 + Math.floor(Math.random() * 60)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`,
        pointsPerHour: 12,
        monthlyCap: 300,
      }),
    },
    'GET /api/points/export': {},
    'GET /api/m/points': {},
  },
  async fixtures() {
    return {};
  },
};
export default samples;
