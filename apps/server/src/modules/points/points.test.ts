import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  MyPoints,
  PointAccountList,
  PointAdjustResult,
  PointCommunitySummary,
  PointRules,
  PointStatement,
} from '@linli/contracts/modules/points';
import { buildOrg } from '../../../test/factories/org';
import { createUser } from '../../../test/factories/org';
import { TestClient, expectError, parseAs, signedIn, useTestApp } from '../../../test/harness';
// eslint-disable-next-line linli/module-boundaries -- the volunteers module's test-only kit (no index export)
import { makeVolunteer } from '../volunteers/volunteers.test-kit';
import { creditHours } from '../hours';

const t = useTestApp();

describe('points API', () => {
  it('staff award and take back points; the volunteer sees balance and history on /m; other communities see nothing', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
    const v = await makeVolunteer(t.app, org.communityA, worker);
    const award = parseAs(
      PointAdjustResult,
      await worker.post('/api/points/adjustments', {
        volunteerId: v.volunteerId,
        points: 50,
        reason: '优秀志愿者表彰',
      }),
    );
    expect(award.balance).toBe(50);
    const back = parseAs(
      PointAdjustResult,
      await worker.post('/api/points/adjustments', { volunteerId: v.volunteerId, points: -20, reason: '重复奖励更正' }),
    );
    expect(back.balance).toBe(30);
    expectError(
      await worker.post('/api/points/adjustments', { volunteerId: v.volunteerId, points: -31, reason: '过多' }),
      409,
      'points.insufficient',
    );

    const mine = parseAs(MyPoints, await v.client.get('/api/m/points'));
    expect(mine.balance).toBe(30);
    expect(mine.totals.adjusted).toBe(30);
    // (Both booked at the same instant of the test clock, so compared without their order.)
    expect(mine.lines.items.map((l) => [l.kind, l.points, l.memo]).sort()).toEqual([
      ['adjust', -20, '重复奖励更正'],
      ['adjust', 50, '优秀志愿者表彰'],
    ]);

    const statement = parseAs(PointStatement, await worker.get(`/api/points/volunteers/${v.volunteerId}`));
    expect(statement.account).toMatchObject({ kind: 'volunteer', balance: 30, allowedActions: ['adjust'] });
    const byAccount = parseAs(
      PointStatement,
      await worker.get(`/api/points/statement?accountId=${statement.account.id}`),
    );
    expect(byAccount.lines.total).toBe(2);

    const list = parseAs(PointAccountList, await worker.get(`/api/points/accounts?areaCode=${org.communityA}`));
    expect(list.items.map((a) => [a.kind, a.balance]).sort()).toEqual([
      ['issuer', -30],
      ['volunteer', 30],
    ]);
    const summary = parseAs(PointCommunitySummary, await worker.get(`/api/points/community/${org.communityA}`));
    expect(summary).toMatchObject({ issued: 30, volunteerAccounts: 1, volunteerBalance: 30, byKind: { adjust: 70 } });

    const { client: other } = await signedIn(t, ['community_worker'], [org.communityB]);
    expect((await other.get(`/api/points/volunteers/${v.volunteerId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/points/statement?accountId=${statement.account.id}`)).statusCode).toBe(404);
    expect(
      (await other.post('/api/points/adjustments', { volunteerId: v.volunteerId, points: 5, reason: '越权' }))
        .statusCode,
    ).toBe(404);
    expect(parseAs(PointAccountList, await other.get('/api/points/accounts')).total).toBe(0);
    // A social worker reads but does not adjust.
    const { client: reader } = await signedIn(t, ['social_worker'], [org.communityA]);
    expect(
      (await reader.post('/api/points/adjustments', { volunteerId: v.volunteerId, points: 5, reason: 'x1' }))
        .statusCode,
    ).toBe(403);
  });

  it('a resident who is not a volunteer has no points page', async () => {
    const org = await buildOrg(t.app.ctx);
    const resident = await createUser(t.app.ctx, { roles: ['resident'], areas: [org.communityA] });
    const client = new TestClient(t.app);
    await client.login(resident.username, resident.password);
    expectError(await client.get('/api/m/points'), 404, 'points.not_volunteer');
  });

  it('the district officer sets versioned earning rules; workers read their district rules but cannot set them', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client: officer } = await signedIn(t, ['district_officer'], [org.district]);
    const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
    const before = parseAs(PointRules, await worker.get(`/api/points/rules/${org.communityA}`));
    expect(before.inForce).toMatchObject({ effectiveFrom: null, pointsPerHour: 10, monthlyCap: 300 });
    expect(before.allowedActions).toEqual([]);
    const rule = {
      districtCode: org.district,
      effectiveFrom: '2026-01-01',
      pointsPerHour: 15,
      monthlyCap: 200,
      typeRates: { safety: 20 },
    };
    const set = parseAs(PointRules, await officer.post('/api/points/rules', rule));
    expect(set.inForce).toMatchObject({ effectiveFrom: '2026-01-01', pointsPerHour: 15, typeRates: { safety: 20 } });
    expect(set.allowedActions).toEqual(['set']);
    expectError(await officer.post('/api/points/rules', rule), 409, 'points.rule_exists');
    await officer.post('/api/points/rules', { ...rule, effectiveFrom: '2099-01-01', pointsPerHour: 1 });
    const after = parseAs(PointRules, await worker.get(`/api/points/rules/${org.communityA}`));
    expect(after.inForce.pointsPerHour).toBe(15);
    expect(after.versions.map((v) => v.effectiveFrom)).toEqual(['2099-01-01', '2026-01-01']);
    expect((await worker.post('/api/points/rules', { ...rule, effectiveFrom: '2026-02-01' })).statusCode).toBe(403);
    // Only a district's own code: a community is not a district.
    expect((await officer.post('/api/points/rules', { ...rule, districtCode: org.communityA })).statusCode).toBe(404);
  });

  it('exports the transfers and balances as .xlsx', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
    const v = await makeVolunteer(t.app, org.communityA, worker);
    await worker.post('/api/points/adjustments', { volunteerId: v.volunteerId, points: 8, reason: '表彰' });
    const res = await worker.get(`/api/points/export?areaCode=${org.communityA}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ledger = book.getWorksheet('积分流水')!;
    expect(ledger.getRow(1).getCell(4).value).toBe('类型');
    expect(ledger.getRow(2).getCell(4).value).toBe('人工调整');
    expect(ledger.getRow(2).getCell(7).value).toBe(8);
    expect(book.getWorksheet('账户余额')!.rowCount).toBe(3);
  });

  it('hours credited through the hours module earn points in the same transaction, shown on /m', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client: worker, id: workerId } = await signedIn(t, ['community_worker'], [org.communityA]);
    const v = await makeVolunteer(t.app, org.communityA, worker);
    const credited = await t.app.ctx.db.transaction((tx) =>
      creditHours(t.app.ctx, tx, {
        volunteerId: v.volunteerId,
        areaCode: org.communityA,
        activityId: null,
        participationId: null,
        serviceDate: '2026-03-01',
        minutes: 150,
        content: '助老服务',
        activityType: 'elderly',
        organiserName: '社区居委会',
        confirmedBy: workerId,
      }),
    );
    const mine = parseAs(MyPoints, await v.client.get('/api/m/points'));
    expect(mine.balance).toBe(25);
    expect(mine.lines.items[0]).toMatchObject({
      kind: 'earn',
      points: 25,
      refType: 'hours_entry',
      refId: credited.entryId,
    });
  });
});
