// The per-team points statement (issue 12): a team's members' accounts — balance now, earned and spent in a period —
// on screen and as .xlsx; a team outside the caller's scope answers like one that does not exist.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PointTeamStatement } from '@linli/contracts/modules/points';
import { TeamDetail } from '@linli/contracts/modules/volunteers';
import { chinaToday } from '../../platform/dates';
import { buildOrg } from '../../../test/factories/org';
import { advanceDays, expectError, parseAs, signedIn, useTestApp } from '../../../test/harness';
// eslint-disable-next-line linli/module-boundaries -- the volunteers module's test-only kit (no index export)
import { makeVolunteer } from '../volunteers/volunteers.test-kit';
import { creditHours } from '../hours';
import { ensurePointAccount, transferPoints } from './index';
import { volunteerAccount } from './points-earning';

const t = useTestApp();

/** An hour of service per `minutes / 60` credited in the community: earns 10 points an hour by the default rule. */
function credit(volunteerId: string, areaCode: string, minutes: number, confirmedBy: string) {
  return t.app.ctx.db.transaction((tx) =>
    creditHours(t.app.ctx, tx, {
      volunteerId,
      areaCode,
      activityId: null,
      participationId: randomUUID(),
      serviceDate: chinaToday(t.clock.now()),
      minutes,
      content: '助老送餐',
      activityType: 'elderly',
      organiserName: '一号社区',
      confirmedBy,
    }),
  );
}

/** Spends points of the volunteer's account at a charity supermarket (kind redeem). */
function spend(volunteerId: string, areaCode: string, points: number) {
  return t.app.ctx.db.transaction(async (tx) => {
    const from = await volunteerAccount(tx, volunteerId, areaCode);
    const to = await ensurePointAccount(tx, { kind: 'supermarket', ownerId: randomUUID(), areaCode });
    await transferPoints(t.app.ctx, tx, {
      from,
      to,
      points,
      kind: 'redeem',
      refType: 'redemption',
      refId: randomUUID(),
      areaCode,
      memo: '兑换',
      actorUserId: null,
    });
  });
}

describe('points of a team', () => {
  it('lists the members with balance, earned and spent in the period, and exports the same', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client: staff, id: staffId } = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const team = parseAs(
      TeamDetail,
      await staff.post('/api/volunteer-teams', { areaCode: org.communityA, name: '积分队', colour: 'green' }),
    );
    const one = await makeVolunteer(t.app, org.communityA, staff);
    const two = await makeVolunteer(t.app, org.communityA, staff);
    const outsider = await makeVolunteer(t.app, org.communityA, staff);
    for (const v of [one, two])
      await staff.post(`/api/volunteer-teams/${team.id}/members`, { volunteerId: v.volunteerId });
    await credit(one.volunteerId, org.communityA, 120, staffId); // 20 points
    await credit(two.volunteerId, org.communityA, 60, staffId); // 10 points
    await credit(outsider.volunteerId, org.communityA, 600, staffId); // not a member
    await spend(one.volunteerId, org.communityA, 5);

    const now = parseAs(PointTeamStatement, await staff.get(`/api/points/teams/${team.id}`));
    expect(now).toMatchObject({ teamName: '积分队', from: null, to: null });
    expect(now.members.map((m) => [m.volunteerId, m.balance, m.earned, m.spent])).toEqual([
      [one.volunteerId, 15, 20, 5],
      [two.volunteerId, 10, 10, 0],
    ]);
    expect(now.totals).toEqual({ balance: 25, earned: 30, spent: 5 });
    expect(now.members[0]!.ownerLabel).toContain('*');

    // Three days on: a period from today counts only what moved since; the balance is always today's.
    await advanceDays(t, 3, staff);
    const today = chinaToday(t.clock.now());
    await credit(two.volunteerId, org.communityA, 60, staffId);
    const recent = parseAs(PointTeamStatement, await staff.get(`/api/points/teams/${team.id}?from=${today}`));
    expect(recent.members.map((m) => [m.volunteerId, m.balance, m.earned, m.spent])).toEqual([
      [two.volunteerId, 20, 10, 0],
      [one.volunteerId, 15, 0, 0],
    ]);
    const before = parseAs(PointTeamStatement, await staff.get(`/api/points/teams/${team.id}?to=2026-03-03`));
    expect(before.totals).toEqual({ balance: 35, earned: 30, spent: 5 });

    const xlsx = await staff.get(`/api/points/teams/${team.id}/export?from=${today}`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('队伍积分')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('积分队');
    expect(sheet.getRow(2).values).toEqual([undefined, '志愿者', '所属社区', '当前余额', '期间获得', '期间消费']);
    expect((sheet.getRow(5).values as unknown[]).slice(3)).toEqual([35, 10, 0]);
  });

  it('a team of another district answers 404 exactly like a team that does not exist', async () => {
    const home = await buildOrg(t.app.ctx);
    const foreign = await buildOrg(t.app.ctx);
    const { client: staff } = await signedIn(t, ['community_supervisor'], [home.communityA]);
    const { client: other } = await signedIn(t, ['community_supervisor'], [foreign.communityA]);
    const theirs = parseAs(
      TeamDetail,
      await other.post('/api/volunteer-teams', { areaCode: foreign.communityA, name: '外区队', colour: 'blue' }),
    );
    for (const suffix of ['', '/export']) {
      const foreignAnswer = expectError(await staff.get(`/api/points/teams/${theirs.id}${suffix}`), 404);
      const missingAnswer = expectError(await staff.get(`/api/points/teams/${randomUUID()}${suffix}`), 404);
      expect({ ...foreignAnswer, requestId: null }).toEqual({ ...missingAnswer, requestId: null });
      expect(foreignAnswer.code).toBe('points.not_found');
    }
    expect((await other.get(`/api/points/teams/${theirs.id}`)).statusCode).toBe(200);
  });
});
