import { describe, expect, it } from 'vitest';
import {
  CounterCode,
  MyVolunteer,
  OpenTeamList,
  TeamDetail,
  TeamList,
  VolunteerList,
  VolunteerRecord,
} from '@linli/contracts/modules/volunteers';
import { NotificationList } from '@linli/contracts/modules/notifications';
import { buildOrg, createUser } from '../../../test/factories/org';
import { TestClient, expectError, parseAs, signedIn, useTestApp } from '../../../test/harness';
import type { Actor } from '../../platform/access';
import { issueRotatingCode } from '../../platform/signed-codes';
import {
  findTeamInScope,
  findVolunteerByUser,
  findVolunteerInScope,
  teamsLedBy,
  verifyVolunteerCounterCode,
  volunteerIdentity,
  volunteerRefs,
} from './index';
import { findUserByUsername } from '../users';
import { seedVolunteersDemo } from './index';
import { makeVolunteer, registration, uniqueIdNumber } from './volunteers.test-kit';

const t = useTestApp();

const staffActor = (prefixes: string[]): Actor => ({
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'x',
  displayName: 'x',
  roles: ['community_worker'],
  permissions: new Set(),
  areaCodes: prefixes,
  scopePrefixes: prefixes,
  currentAreaCode: null,
  sessionId: 's',
  ip: null,
  requestId: null,
});

async function setup() {
  const org = await buildOrg(t.app.ctx);
  const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
  const { client: otherWorker } = await signedIn(t, ['community_worker'], [org.communityB]);
  return { org, worker, otherWorker };
}

async function team(worker: Awaited<ReturnType<typeof setup>>['worker'], areaCode: string, name = '先锋队') {
  return parseAs(TeamDetail, await worker.post('/api/volunteer-teams', { areaCode, name, colour: 'red' }), 'team');
}

describe('volunteer refs (for activities, hours, points, supermarket)', () => {
  it('find by user, in scope, refs by id, team in scope, teams led, identity, counter code', async () => {
    const { org, worker } = await setup();
    const v = await makeVolunteer(t.app, org.communityA, worker, { name: '张小明', idNumber: '11010519491231002X' });
    const db = t.app.ctx.db;

    const ref = await findVolunteerByUser(db, v.userId);
    expect(ref).toEqual({
      id: v.volunteerId,
      areaCode: org.communityA,
      userId: v.userId,
      status: 'active',
      maskedName: '张**',
    });
    expect(await findVolunteerByUser(db, '00000000-0000-4000-8000-00000000ffff')).toBeNull();

    expect((await findVolunteerInScope(db, staffActor([org.communityA]), v.volunteerId))?.id).toBe(v.volunteerId);
    expect(await findVolunteerInScope(db, staffActor([org.communityB]), v.volunteerId)).toBeNull();
    expect(await findVolunteerInScope(db, staffActor([org.communityA]), 'not-a-uuid')).toBeNull();

    const refs = await volunteerRefs(db, [v.volunteerId, v.volunteerId, '00000000-0000-4000-8000-00000000ffff']);
    expect([...refs.keys()]).toEqual([v.volunteerId]);

    const created = await team(worker, org.communityA);
    const withMember = parseAs(
      TeamDetail,
      await worker.post(`/api/volunteer-teams/${created.id}/members`, { volunteerId: v.volunteerId, role: 'leader' }),
    );
    expect(withMember.members[0]).toMatchObject({ role: 'leader', status: 'active' });
    expect(await findTeamInScope(db, staffActor([org.communityA]), created.id)).toEqual({
      id: created.id,
      areaCode: org.communityA,
      name: '先锋队',
      colour: 'red',
      organisationId: null,
    });
    expect(await findTeamInScope(db, staffActor([org.communityB]), created.id)).toBeNull();
    expect((await teamsLedBy(db, v.userId)).map((x) => x.id)).toEqual([created.id]);

    expect(await volunteerIdentity(t.app.ctx, db, v.volunteerId)).toEqual({
      name: '张小明',
      idNumberMasked: '110**************X',
      idType: 'resident_id',
    });

    const shown = parseAs(CounterCode, await v.client.get('/api/m/volunteer/counter-code'));
    expect((await verifyVolunteerCounterCode(t.app.ctx, db, shown.code))?.id).toBe(v.volunteerId);
    // Forged (another purpose's key), stale (two windows later) and malformed codes answer null.
    const forged = issueRotatingCode(t.app.ctx.keys, 'activity.checkin', v.volunteerId, t.clock.now()).code;
    expect(await verifyVolunteerCounterCode(t.app.ctx, db, forged)).toBeNull();
    expect(await verifyVolunteerCounterCode(t.app.ctx, db, 'garbage')).toBeNull();
    t.clock.advance(95_000);
    expect(await verifyVolunteerCounterCode(t.app.ctx, db, shown.code)).toBeNull();

    // Leaving the team ends the leadership; the spell stays with its dates.
    const memberId = withMember.members[0]!.id;
    await worker.post(`/api/volunteer-teams/members/${memberId}/end`);
    expect(await teamsLedBy(db, v.userId)).toEqual([]);
  });
});

describe('registration and confirmation', () => {
  it('a resident registers on /m (pending), staff see it masked and confirm; another community sees nothing', async () => {
    const { org, worker, otherWorker } = await setup();
    const v = await makeVolunteer(t.app, org.communityA);
    const mine = parseAs(MyVolunteer, await v.client.get('/api/m/volunteer'));
    expect(mine.record?.volunteer).toMatchObject({ status: 'pending', emergencyPhoneMasked: '138****1234' });
    expectError(await v.client.get('/api/m/volunteer/counter-code'), 409, 'volunteers.not_volunteer');
    expectError(await v.client.post('/api/m/volunteer', registration()), 409, 'volunteers.already_registered');

    const list = parseAs(VolunteerList, await worker.get('/api/volunteers?status=pending'));
    expect(list.items.map((i) => i.id)).toContain(v.volunteerId);
    const item = list.items.find((i) => i.id === v.volunteerId)!;
    expect(item).not.toHaveProperty('name');
    expect(item.idNumberMasked).toMatch(/^\d{3}\*+[\dX]$/);
    expect(item.allowedActions).toEqual(expect.arrayContaining(['confirm', 'reject']));

    expect((await otherWorker.get(`/api/volunteers/${v.volunteerId}`)).statusCode).toBe(404);
    expect((await otherWorker.post(`/api/volunteers/${v.volunteerId}/confirm`)).statusCode).toBe(404);
    expect(parseAs(VolunteerList, await otherWorker.get('/api/volunteers')).items.map((i) => i.id)).not.toContain(
      v.volunteerId,
    );

    const confirmed = parseAs(VolunteerRecord, await worker.post(`/api/volunteers/${v.volunteerId}/confirm`));
    expect(confirmed.volunteer.status).toBe('active');
    expectError(await worker.post(`/api/volunteers/${v.volunteerId}/confirm`), 409, 'volunteers.invalid_state');
    expect(parseAs(CounterCode, await v.client.get('/api/m/volunteer/counter-code')).code).toContain(v.volunteerId);
  });

  it('a rejection keeps the reason and lets the resident register again; an ID number registers once', async () => {
    const { org, worker } = await setup();
    const idNumber = uniqueIdNumber();
    const v = await makeVolunteer(t.app, org.communityA, undefined, { idNumber });
    const rejected = parseAs(
      VolunteerRecord,
      await worker.post(`/api/volunteers/${v.volunteerId}/reject`, { reason: '证件信息不符' }),
    );
    expect(rejected.volunteer).toMatchObject({ status: 'rejected', statusReason: '证件信息不符' });
    // Someone else cannot take that number.
    await expect(makeVolunteer(t.app, org.communityA, undefined, { idNumber })).rejects.toThrow(
      /volunteers.id_number_taken/,
    );
    const again = parseAs(MyVolunteer, await v.client.post('/api/m/volunteer', registration({ idNumber })));
    expect(again.record?.volunteer).toMatchObject({ id: v.volunteerId, status: 'pending', statusReason: null });
  });

  it('a volunteer who left and moved registers again from the new community; their record moves with them', async () => {
    const { org, worker, otherWorker } = await setup();
    const resident = await createUser(t.app.ctx, { roles: ['resident'], areas: [org.communityA] });
    const before = new TestClient(t.app);
    await before.login(resident.username, resident.password);
    const idNumber = uniqueIdNumber();
    const id = parseAs(MyVolunteer, await before.post('/api/m/volunteer', registration({ idNumber }))).record!.volunteer
      .id;
    parseAs(VolunteerRecord, await worker.post(`/api/volunteers/${id}/confirm`));
    const training = { kind: 'training', onDate: '2026-02-01', title: '急救培训', byWhom: '红十字会', minutes: 180 };
    parseAs(VolunteerRecord, await worker.post(`/api/volunteers/${id}/records`, training));
    parseAs(
      VolunteerRecord,
      await worker.post(`/api/volunteers/${id}/status`, { status: 'left', reason: '搬离本社区' }),
    );
    // The resident moves to community B (an administrator changes the account's community) and signs in again.
    await t.testDb.owner(`UPDATE user_areas SET area_code = '${org.communityB}' WHERE user_id = '${resident.id}'`);
    const after = new TestClient(t.app);
    await after.login(resident.username, resident.password);
    const again = parseAs(MyVolunteer, await after.post('/api/m/volunteer', registration({ idNumber })));
    expect(again.record?.volunteer).toMatchObject({ id, status: 'pending', statusReason: null });
    // B's staff now hold the volunteer, with the record kept in A; A's staff no longer see them.
    const held = parseAs(VolunteerRecord, await otherWorker.get(`/api/volunteers/${id}`));
    expect(held.entries.map((e) => e.title)).toEqual(['急救培训']);
    expect((await worker.get(`/api/volunteers/${id}`)).statusCode).toBe(404);
    expect(await t.testDb.owner(`SELECT area_code FROM volunteers WHERE id = '${id}'`)).toEqual([
      { area_code: org.communityB },
    ]);
    expectError(await after.post('/api/m/volunteer', registration({ idNumber })), 409, 'volunteers.already_registered');
  });

  it('the resident is notified of the decision: confirmed, or rejected with the reason', async () => {
    const { org, worker } = await setup();
    const yes = await makeVolunteer(t.app, org.communityA);
    const no = await makeVolunteer(t.app, org.communityA);
    expect(parseAs(NotificationList, await yes.client.get('/api/notifications')).items).toEqual([]);
    await worker.post(`/api/volunteers/${yes.volunteerId}/confirm`);
    await worker.post(`/api/volunteers/${no.volunteerId}/reject`, { reason: '证件照片不清晰' });
    const toYes = parseAs(NotificationList, await yes.client.get('/api/notifications')).items;
    expect(toYes.map((n) => [n.event, n.objectId, n.link])).toEqual([
      ['volunteer.confirmed', yes.volunteerId, '/m/volunteer'],
    ]);
    const toNo = parseAs(NotificationList, await no.client.get('/api/notifications')).items;
    expect(toNo.map((n) => [n.event, n.params])).toEqual([['volunteer.rejected', {}]]);
    // Suspending is not a decision on the registration: no notification.
    await worker.post(`/api/volunteers/${yes.volunteerId}/status`, { status: 'suspended', reason: '暂停服务' });
    expect(parseAs(NotificationList, await yes.client.get('/api/notifications')).items).toHaveLength(1);
    // A refused decision (already decided) notifies nobody.
    await worker.post(`/api/volunteers/${no.volunteerId}/confirm`);
    expect(parseAs(NotificationList, await no.client.get('/api/notifications')).items).toHaveLength(1);
  });

  it('refuses a registration without consent or with a wrong ID number; staff cannot register themselves', async () => {
    const { org, worker } = await setup();
    const v = await makeVolunteer(t.app, org.communityB);
    const { client: fresh } = await signedIn(t, ['resident'], [org.communityA]);
    expect((await fresh.post('/api/m/volunteer', registration({ consent: false }))).statusCode).toBe(400);
    const bad = expectError(
      await fresh.post('/api/m/volunteer', registration({ idNumber: '110105194912310021' })),
      400,
    );
    expect(bad.fields?.[0]?.path).toBe('idNumber');
    expect((await worker.post('/api/m/volunteer', registration())).statusCode).toBe(403);
    expect(v.volunteerId).toBeTruthy();
  });
});

describe('teams and membership history', () => {
  it('a volunteer asks to join on /m, the leader approves, the volunteer leaves; re-joining is a new spell', async () => {
    const { org, worker, otherWorker } = await setup();
    const leader = await makeVolunteer(t.app, org.communityA, worker);
    const member = await makeVolunteer(t.app, org.communityA, worker);
    const created = await team(worker, org.communityA, '活力橙队');
    await worker.post(`/api/volunteer-teams/${created.id}/members`, {
      volunteerId: leader.volunteerId,
      role: 'leader',
    });

    const open = parseAs(OpenTeamList, await member.client.get('/api/m/volunteer/teams'));
    expect(open.items.map((i) => i.id)).toContain(created.id);
    parseAs(MyVolunteer, await member.client.post(`/api/m/volunteer/teams/${created.id}/join`));
    expectError(
      await member.client.post(`/api/m/volunteer/teams/${created.id}/join`),
      409,
      'volunteers.already_member',
    );

    const led = parseAs(TeamDetail, await leader.client.get(`/api/m/volunteer/led-teams/${created.id}`));
    const request = led.members.find((m) => m.volunteerId === member.volunteerId)!;
    expect(request.status).toBe('requested');
    // The member is not the leader: the leader's routes answer 404.
    expect((await member.client.get(`/api/m/volunteer/led-teams/${created.id}`)).statusCode).toBe(404);
    const approved = parseAs(
      TeamDetail,
      await leader.client.post(`/api/m/volunteer/memberships/${request.id}/decide`, {
        approve: true,
      }),
    );
    expect(approved.members.find((m) => m.id === request.id)).toMatchObject({
      status: 'active',
      joinedOn: '2026-03-02',
    });

    t.clock.advance(3 * 86_400_000);
    await member.client.relogin();
    await worker.relogin();
    await otherWorker.relogin();
    parseAs(MyVolunteer, await member.client.post(`/api/m/volunteer/memberships/${request.id}/leave`));
    parseAs(MyVolunteer, await member.client.post(`/api/m/volunteer/teams/${created.id}/join`));
    const history = parseAs(TeamDetail, await worker.get(`/api/volunteer-teams/${created.id}`));
    const spells = history.members.filter((m) => m.volunteerId === member.volunteerId);
    expect(spells.map((s) => [s.status, s.joinedOn, s.leftOn])).toEqual([
      ['requested', null, null],
      ['left', '2026-03-02', '2026-03-05'],
    ]);
    expect(history.memberCount).toBe(1);

    const teams = parseAs(TeamList, await worker.get('/api/volunteer-teams'));
    expect(teams.items.find((x) => x.id === created.id)).toMatchObject({ colour: 'red', memberCount: 1 });
    const byTeam = parseAs(VolunteerList, await worker.get(`/api/volunteers?teamId=${created.id}&skill=medical`));
    expect(byTeam.items.map((i) => i.id)).toEqual([leader.volunteerId]);
    expect(parseAs(TeamList, await otherWorker.get('/api/volunteer-teams')).items).toEqual([]);
    expect((await otherWorker.get(`/api/volunteer-teams/${created.id}`)).statusCode).toBe(404);
    expectError(
      await worker.post('/api/volunteer-teams', { areaCode: org.communityA, name: '活力橙队', colour: 'orange' }),
      409,
      'volunteers.team_name_taken',
    );
  });
});

describe('the record (67号令 art. 4) and corrections', () => {
  it('staff add training, commendation, evaluation, complaint; a correction request and its answer are both kept', async () => {
    const { org, worker } = await setup();
    const v = await makeVolunteer(t.app, org.communityA, worker);
    const add = (body: object) => worker.post(`/api/volunteers/${v.volunteerId}/records`, body);
    parseAs(
      VolunteerRecord,
      await add({ kind: 'training', onDate: '2026-02-01', title: '急救培训', byWhom: '红十字会', minutes: 180 }),
    );
    parseAs(
      VolunteerRecord,
      await add({ kind: 'commendation', onDate: '2026-02-10', title: '优秀志愿者', byWhom: '街道办' }),
    );
    parseAs(VolunteerRecord, await add({ kind: 'evaluation', onDate: '2026-02-20', title: '年度评价', rating: 5 }));
    const rec = parseAs(
      VolunteerRecord,
      await add({ kind: 'complaint', onDate: '2026-02-25', title: '迟到', outcome: '经核实已说明' }),
    );
    expect(rec.entries.map((e) => e.kind)).toEqual(['complaint', 'evaluation', 'commendation', 'training']);
    expect(rec.entries.find((e) => e.kind === 'training')).toMatchObject({ minutes: 180, rating: null });

    const complaint = rec.entries[0]!;
    const asked = parseAs(
      MyVolunteer,
      await v.client.post('/api/m/volunteer/corrections', {
        part: 'complaint',
        entryId: complaint.id,
        requestText: '当天因公交延误，已提前告知',
      }),
    );
    const correction = asked.record!.corrections[0]!;
    expect(correction.status).toBe('open');
    const queue = (await worker.get('/api/volunteers/corrections')).json() as { items: { id: string }[] };
    expect(queue.items.map((i) => i.id)).toContain(correction.id);

    const answered = parseAs(
      VolunteerRecord,
      await worker.post(`/api/volunteers/corrections/${correction.id}/answer`, {
        decision: 'accepted',
        answerText: '已补充说明',
      }),
    );
    expect(answered.corrections[0]).toMatchObject({
      status: 'accepted',
      answerText: '已补充说明',
      requestText: '当天因公交延误，已提前告知',
    });
    // The complaint entry itself stays; the answer does not rewrite it.
    expect(answered.entries.find((e) => e.id === complaint.id)?.title).toBe('迟到');
    expectError(
      await worker.post(`/api/volunteers/corrections/${correction.id}/answer`, {
        decision: 'declined',
        answerText: 'x',
      }),
      409,
      'volunteers.correction_answered',
    );
    const mine = parseAs(MyVolunteer, await v.client.get('/api/m/volunteer'));
    expect(mine.record!.corrections[0]!.answerText).toBe('已补充说明');
  });

  it('suspending and leaving: a volunteer who left has their team spells closed', async () => {
    const { org, worker } = await setup();
    const v = await makeVolunteer(t.app, org.communityA, worker);
    const created = await team(worker, org.communityA, '卫士白队');
    await worker.post(`/api/volunteer-teams/${created.id}/members`, { volunteerId: v.volunteerId });
    const s = parseAs(
      VolunteerRecord,
      await worker.post(`/api/volunteers/${v.volunteerId}/status`, { status: 'suspended', reason: '暂停' }),
    );
    expect(s.volunteer.status).toBe('suspended');
    expect((await findVolunteerByUser(t.app.ctx.db, v.userId))?.status).toBe('suspended');
    const left = parseAs(
      VolunteerRecord,
      await worker.post(`/api/volunteers/${v.volunteerId}/status`, { status: 'left', reason: '搬离本社区' }),
    );
    expect(left.memberships[0]).toMatchObject({ status: 'left', leftOn: '2026-03-02' });
  });
});

describe('demo data', () => {
  it('six teams in every colour, r_demo_1 and r_demo_2 active, r_demo_1 leads a team, two pending; idempotent', async () => {
    const { org, worker } = await setup();
    const areas = {
      districtCode: org.district,
      streetCode: org.streetA,
      communityA: org.communityA,
      communityB: org.communityB,
      createdBy: null,
    };
    await seedVolunteersDemo(t.app.ctx, areas);
    await seedVolunteersDemo(t.app.ctx, areas);
    const db = t.app.ctx.db;
    const user1 = (await findUserByUsername(db, 'r_demo_1'))!;
    const user2 = (await findUserByUsername(db, 'r_demo_2'))!;
    expect((await findVolunteerByUser(db, user1.id))?.status).toBe('active');
    expect((await findVolunteerByUser(db, user2.id))?.status).toBe('active');
    expect((await teamsLedBy(db, user1.id)).map((x) => x.colour)).toEqual(['red']);
    const { client: street } = await signedIn(t, ['community_supervisor'], [org.streetA]);
    const teams = parseAs(TeamList, await street.get('/api/volunteer-teams'));
    expect(new Set(teams.items.map((x) => x.colour))).toEqual(
      new Set(['red', 'orange', 'yellow', 'green', 'blue', 'white']),
    );
    const pending = parseAs(VolunteerList, await street.get('/api/volunteers?status=pending'));
    expect(pending.total).toBe(2);
    expect(parseAs(VolunteerList, await worker.get('/api/volunteers?status=active')).total).toBeGreaterThanOrEqual(6);
  });
});
