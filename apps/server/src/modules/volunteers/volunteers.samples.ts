import type { FastifyInstance } from 'fastify';
import type { ModuleSamples } from '../../../test/route-samples';
import { makeVolunteer, registration } from './volunteers.test-kit';

/**
 * Samples of this module's routes for the route-table tests. The fixtures are a confirmed volunteer of the community
 * (a resident who registered), a team with that volunteer as member, and an open correction request; the resident's
 * own routes (/api/m/volunteer…) answer the generic caller 403/404/409, their real answers are in volunteers.test.ts.
 */
const samples: ModuleSamples = {
  samples: {
    'GET /api/volunteers': {},
    'GET /api/volunteers/corrections': {},
    'POST /api/volunteers/corrections/:id/answer': { body: () => ({ decision: 'accepted', answerText: '已更正' }) },
    'GET /api/volunteers/:id': {},
    'POST /api/volunteers/:id/confirm': { fixture: 'volunteer_pending' },
    'POST /api/volunteers/:id/reject': { fixture: 'volunteer_pending2', body: () => ({ reason: '信息不全' }) },
    'POST /api/volunteers/:id/status': { body: () => ({ status: 'suspended', reason: '暂停服务' }) },
    'POST /api/volunteers/:id/records': {
      body: ({ today }) => ({ kind: 'training', onDate: today, title: '急救培训', byWhom: '红十字会', minutes: 120 }),
    },
    'GET /api/volunteer-teams': {},
    'POST /api/volunteer-teams': {
      body: ({ org }) => ({ areaCode: org.communityA, name: `样例队伍${Math.random()}`.slice(0, 20), colour: 'red' }),
    },
    'GET /api/volunteer-teams/:id': {},
    'PUT /api/volunteer-teams/:id': { body: () => ({ name: `改名队伍${Math.random()}`.slice(0, 20), colour: 'blue' }) },
    'POST /api/volunteer-teams/:id/members': {
      body: ({ fixtures }) => ({ volunteerId: fixtures.volunteer2, role: 'member' }),
    },
    'POST /api/volunteer-teams/members/:id/decide': { fixture: 'volunteer_request', body: () => ({ approve: true }) },
    'POST /api/volunteer-teams/members/:id/role': { body: () => ({ role: 'leader' }) },
    'POST /api/volunteer-teams/members/:id/end': {},
    'GET /api/m/volunteer': {},
    'POST /api/m/volunteer': { body: () => registration() },
    'GET /api/m/volunteer/counter-code': {},
    'GET /api/m/volunteer/teams': {},
    'POST /api/m/volunteer/teams/:id/join': {},
    'POST /api/m/volunteer/memberships/:id/leave': {},
    'POST /api/m/volunteer/corrections': { body: () => ({ part: 'basic', requestText: '姓名有误' }) },
    'GET /api/m/volunteer/led-teams/:id': {},
    'POST /api/m/volunteer/memberships/:id/decide': { body: () => ({ approve: true }) },
    // A partner member's routes: the generic partner member has no organisation (404, audited); the real answers
    // are in partner-teams.test.ts.
    'GET /api/partner/volunteer-teams': {},
    'GET /api/partner/volunteer-teams/:id': { auditStatus: 404 },
    'POST /api/partner/volunteer-teams/members/:id/decide': {
      auditStatus: 404,
      fixture: 'volunteer_request',
      body: () => ({ approve: true }),
    },
  },
  /**
   * A confirmed volunteer, a second one for adding, two pending registrations, a team with the first as member, a
   * join request of the first to a second team, an open correction.
   */
  async fixtures(worker, communityCode) {
    // The samples get only the worker's client: its app (a test-only reach into the harness) makes the residents.
    const app = (worker as unknown as { app: FastifyInstance }).app;
    const first = await makeVolunteer(app, communityCode, worker);
    const second = await makeVolunteer(app, communityCode, worker);
    const created = await worker.post('/api/volunteer-teams', {
      areaCode: communityCode,
      name: `测试队伍${first.volunteerId.slice(0, 6)}`,
      colour: 'orange',
    });
    if (created.statusCode !== 200) throw new Error(`volunteers fixtures (team): ${created.body}`);
    const teamId = (created.json() as { id: string }).id;
    const added = await worker.post(`/api/volunteer-teams/${teamId}/members`, { volunteerId: first.volunteerId });
    if (added.statusCode !== 200) throw new Error(`volunteers fixtures (member): ${added.body}`);
    const memberId = (added.json() as { members: { id: string }[] }).members[0]!.id;
    // A second team the first volunteer asks to join (the open request staff decide).
    const other = await worker.post('/api/volunteer-teams', {
      areaCode: communityCode,
      name: `测试二队${first.volunteerId.slice(0, 6)}`,
      colour: 'green',
    });
    if (other.statusCode !== 200) throw new Error(`volunteers fixtures (team 2): ${other.body}`);
    const otherId = (other.json() as { id: string }).id;
    const joined = await first.client.post(`/api/m/volunteer/teams/${otherId}/join`);
    if (joined.statusCode !== 200) throw new Error(`volunteers fixtures (join): ${joined.body}`);
    const request = (
      joined.json() as { record: { memberships: { id: string; teamId: string }[] } }
    ).record.memberships.find((m) => m.teamId === otherId)!.id;
    const pending = await makeVolunteer(app, communityCode);
    const pending2 = await makeVolunteer(app, communityCode);
    const asked = await first.client.post('/api/m/volunteer/corrections', {
      part: 'basic',
      requestText: '出生日期有误',
    });
    if (asked.statusCode !== 200) throw new Error(`volunteers fixtures (correction): ${asked.body}`);
    const correction = (asked.json() as { record: { corrections: { id: string }[] } }).record.corrections[0]!.id;
    return {
      volunteer: first.volunteerId,
      volunteer2: second.volunteerId,
      volunteer_team: teamId,
      volunteer_membership: memberId,
      volunteer_correction: correction,
      volunteer_request: request,
      volunteer_pending: pending.volunteerId,
      volunteer_pending2: pending2.volunteerId,
    };
  },
};
export default samples;
