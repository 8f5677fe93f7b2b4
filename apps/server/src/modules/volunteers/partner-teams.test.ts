import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MyVolunteer, TeamDetail, TeamList } from '@linli/contracts/modules/volunteers';
import { buildOrg, createUser } from '../../../test/factories/org';
import { TestClient, expectError, parseAs, signedIn, useTestApp } from '../../../test/harness';
import { makeVolunteer } from './volunteers.test-kit';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

/** An answer with its request id and the id the caller sent set aside (the same answer, word for word, otherwise). */
const same = (text: string, sent: string) =>
  (sent ? text.split(sent).join('«id»') : text).replace(/"requestId":"[^"]+"/, '');

/** A partner of the register held by `areaCode`, made through the register's API by `worker`. */
async function partner(worker: TestClient, areaCode: string, name: string): Promise<string> {
  const res = await worker.post('/api/organisations', { areaCode, kind: 'expert', name, expertField: '心理咨询' });
  if (res.statusCode !== 200) throw new Error(`organisation: ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A signed-in member of the organisation (partner accounts hold no area; the organisation decides what they see). */
async function member(organisationId: string | null): Promise<TestClient> {
  const user = await createUser(t.app.ctx, { roles: ['partner_member'], areas: [] });
  if (organisationId)
    await t.app.ctx.db.execute(sql`UPDATE users SET organisation_id = ${organisationId} WHERE id = ${user.id}`);
  const client = new TestClient(t.app);
  await client.login(user.username, user.password);
  return client;
}

async function setup() {
  const org = await buildOrg(t.app.ctx);
  const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
  const ours = await partner(worker, org.communityA, `阳光社工${randomUUID().slice(0, 4)}`);
  const theirs = await partner(worker, org.communityA, `春晖义工${randomUUID().slice(0, 4)}`);
  const team = async (name: string, organisationId?: string) =>
    parseAs(
      TeamDetail,
      await worker.post('/api/volunteer-teams', { areaCode: org.communityA, name, colour: 'green', organisationId }),
      name,
    );
  return {
    org,
    worker,
    ours,
    theirs,
    own: await team('阳光助老队', ours),
    other: await team('春晖环保队', theirs),
    plain: await team('社区先锋队'),
    team,
  };
}

describe('a partner member sees its own organisation’s volunteer teams', () => {
  it('lists exactly the organisation’s teams, with the register’s name; staff lists show it too', async () => {
    const s = await setup();
    const second = await s.team('阳光二队', s.ours);
    const partnerClient = await member(s.ours);
    const list = await partnerClient.getAs(TeamList, '/api/partner/volunteer-teams');
    expect(list.items.map((x) => x.id).sort()).toEqual([s.own.id, second.id].sort());
    expect(list.items.every((x) => x.organisationId === s.ours)).toBe(true);
    expect(list.items[0]!.organisationName).toMatch(/^阳光社工/);

    const staff = await s.worker.getAs(TeamList, '/api/volunteer-teams');
    const byId = new Map(staff.items.map((x) => [x.id, x]));
    expect(byId.get(s.own.id)?.organisationName).toMatch(/^阳光社工/);
    expect(byId.get(s.plain.id)?.organisationName).toBeNull();

    // Another organisation's member sees only its team; a member without an organisation nothing (404).
    const otherMember = await member(s.theirs);
    const others = await otherMember.getAs(TeamList, '/api/partner/volunteer-teams');
    expect(others.items.map((x) => x.id)).toEqual([s.other.id]);
    expectError(await (await member(null)).get('/api/partner/volunteer-teams'), 404, 'volunteers.not_found');
  });

  it('reads its team with masked names, and answers another organisation’s team like a missing one', async () => {
    const s = await setup();
    const v = await makeVolunteer(t.app, s.org.communityA, s.worker, { name: '赵志愿' });
    await s.worker.post(`/api/volunteer-teams/${s.own.id}/members`, { volunteerId: v.volunteerId, role: 'member' });
    const partnerClient = await member(s.ours);
    const detail = await partnerClient.getAs(TeamDetail, `/api/partner/volunteer-teams/${s.own.id}`);
    expect(detail.members.map((m) => m.volunteerName)).toEqual(['赵**']);
    expect(JSON.stringify(detail)).not.toContain('赵志愿');
    expect(detail.allowedActions).toEqual(['decide']);

    for (const id of [s.other.id, s.plain.id]) {
      const there = await partnerClient.get(`/api/partner/volunteer-teams/${id}`);
      const absent = randomUUID();
      const missing = await partnerClient.get(`/api/partner/volunteer-teams/${absent}`);
      expect(there.statusCode).toBe(404);
      expect(same(there.body, id)).toBe(same(missing.body, absent));
    }
    // The staff routes stay staff's (an external account is answered 404 there); staff do not reach the partner's.
    expectError(await partnerClient.get('/api/volunteer-teams'), 404, 'common.not_found');
    expectError(await partnerClient.get(`/api/volunteer-teams/${s.own.id}`), 404, 'common.not_found');
    expectError(await s.worker.get('/api/partner/volunteer-teams'), 403);

    // A partnership disabled in the register: its members see nothing any more.
    await t.app.ctx.db.execute(sql`UPDATE organisations SET status = 'disabled' WHERE id = ${s.ours}`);
    expectError(await partnerClient.get(`/api/partner/volunteer-teams/${s.own.id}`), 404, 'volunteers.not_found');
  });

  it('decides join requests to its own teams only', async () => {
    const s = await setup();
    const v = await makeVolunteer(t.app, s.org.communityA, s.worker);
    const request = async (teamId: string) => {
      const mine = parseAs(MyVolunteer, await v.client.post(`/api/m/volunteer/teams/${teamId}/join`), 'join');
      return mine.record!.memberships.find((m) => m.teamId === teamId)!.id;
    };
    const ownRequest = await request(s.own.id);
    const otherRequest = await request(s.other.id);
    const partnerClient = await member(s.ours);

    const decided = await partnerClient.postAs(
      TeamDetail,
      `/api/partner/volunteer-teams/members/${ownRequest}/decide`,
      { approve: true },
    );
    expect(decided.members).toEqual([expect.objectContaining({ id: ownRequest, status: 'active' })]);
    expectError(
      await partnerClient.post(`/api/partner/volunteer-teams/members/${ownRequest}/decide`, { approve: false }),
      409,
      'volunteers.invalid_state',
    );
    const foreign = await partnerClient.post(`/api/partner/volunteer-teams/members/${otherRequest}/decide`, {
      approve: true,
    });
    const missing = await partnerClient.post(`/api/partner/volunteer-teams/members/${randomUUID()}/decide`, {
      approve: true,
    });
    expect(foreign.statusCode).toBe(404);
    expect(same(foreign.body, otherRequest)).toBe(same(missing.body, ''));
    const still = await s.worker.getAs(TeamDetail, `/api/volunteer-teams/${s.other.id}`);
    expect(still.members.find((m) => m.id === otherRequest)?.status).toBe('requested');
  });
});

describe('a team’s organisation in a body', () => {
  it('another district’s organisation answers exactly like a missing one; an edit may keep a disabled one', async () => {
    const s = await setup();
    const far = await buildOrg(t.app.ctx);
    const { client: farWorker } = await signedIn(t, ['community_worker'], [far.communityA]);
    const foreign = await partner(farWorker, far.communityA, '外区社工站');
    const body = (organisationId: string) => ({
      areaCode: s.org.communityA,
      name: `新队${randomUUID().slice(0, 4)}`,
      colour: 'blue',
      organisationId,
    });
    const absent = randomUUID();
    const there = await s.worker.post('/api/volunteer-teams', body(foreign));
    const notThere = await s.worker.post('/api/volunteer-teams', body(absent));
    expect(there.statusCode).toBe(404);
    expect(there.statusCode).toBe(notThere.statusCode);
    expect(same(there.body, foreign)).toBe(same(notThere.body, absent));
    const edit = (organisationId?: string) =>
      s.worker.put(`/api/volunteer-teams/${s.own.id}`, { name: s.own.name, colour: 'green', organisationId });
    const editThere = await edit(foreign);
    const editNotThere = await edit(absent);
    expect(editThere.statusCode).toBe(404);
    expect(same(editThere.body, foreign)).toBe(same(editNotThere.body, absent));

    await t.app.ctx.db.execute(sql`UPDATE organisations SET status = 'disabled' WHERE id = ${s.ours}`);
    expect(parseAs(TeamDetail, await edit(s.ours)).organisationId).toBe(s.ours);
    expect(parseAs(TeamDetail, await edit(s.theirs)).organisationId).toBe(s.theirs);
    expectError(await edit(s.ours), 404, 'volunteers.not_found');
    expect(parseAs(TeamDetail, await edit()).organisationId).toBeNull();
  });
});
