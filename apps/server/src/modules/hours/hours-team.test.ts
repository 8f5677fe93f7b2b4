// Per-team hours (issue 12 statements): a team's members' hours, each within their membership spells, on the ledger
// list and in the .xlsx statement; a team outside the caller's scope answers like one that does not exist.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { HourEntryList } from '@linli/contracts/modules/hours';
import { TeamDetail } from '@linli/contracts/modules/volunteers';
import { buildOrg } from '../../../test/factories/org';
import { type TestClient, expectError, parseAs, signedIn, useTestApp } from '../../../test/harness';
import { teamMemberIds, teamMemberSpells } from '../volunteers';
import { creditHours } from './hours-credit';
import { makeHoursVolunteer } from './hours.test-kit';

const t = useTestApp();

function credit(volunteerId: string, areaCode: string, serviceDate: string, minutes: number, confirmedBy: string) {
  return t.app.ctx.db.transaction((tx) =>
    creditHours(t.app.ctx, tx, {
      volunteerId,
      areaCode,
      activityId: null,
      participationId: randomUUID(),
      serviceDate,
      minutes,
      content: '助老送餐',
      activityType: 'elderly',
      organiserName: '一号社区',
      confirmedBy,
    }),
  );
}

/** Adds the volunteer to the team, then dates the spell (joined, and left when given). */
async function member(staff: TestClient, teamId: string, volunteerId: string, joinedOn: string, leftOn?: string) {
  const detail = parseAs(TeamDetail, await staff.post(`/api/volunteer-teams/${teamId}/members`, { volunteerId }));
  const spell = detail.members.find((m) => m.volunteerId === volunteerId && m.status === 'active')!;
  await t.app.ctx.db.execute(
    sql`UPDATE volunteer_team_members SET joined_on = ${joinedOn}, left_on = ${leftOn ?? null},
      status = ${leftOn ? 'left' : 'active'} WHERE id = ${spell.id}`,
  );
}

describe('hours of a team', () => {
  it('counts only members’ hours within their membership spells, on the list and in the statement', async () => {
    const org = await buildOrg(t.app.ctx);
    const { client: staff, id: staffId } = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const created = await staff.post('/api/volunteer-teams', {
      areaCode: org.communityA,
      name: '助老队',
      colour: 'red',
    });
    const team = parseAs(TeamDetail, created);
    const left = await makeHoursVolunteer(t.app, org.communityA, staff); // member 02-01 … 02-15
    const current = await makeHoursVolunteer(t.app, org.communityA, staff); // member since 02-10
    const outsider = await makeHoursVolunteer(t.app, org.communityA, staff); // never a member
    await member(staff, team.id, left.id, '2026-02-01', '2026-02-15');
    await member(staff, team.id, current.id, '2026-02-10');
    const a = org.communityA;
    await credit(left.id, a, '2026-01-20', 60, staffId); // before joining
    await credit(left.id, a, '2026-02-05', 120, staffId); // counts
    await credit(left.id, a, '2026-02-15', 30, staffId); // the day of leaving counts
    await credit(left.id, a, '2026-02-20', 240, staffId); // after leaving
    await credit(current.id, a, '2026-02-05', 90, staffId); // before joining
    await credit(current.id, a, '2026-02-12', 45, staffId); // counts
    await credit(outsider.id, a, '2026-02-12', 600, staffId); // not a member

    const all = parseAs(HourEntryList, await staff.get(`/api/hours/entries?teamId=${team.id}`));
    expect(all.totalMinutes).toBe(120 + 30 + 45);
    expect(all.items.map((e) => [e.volunteerId, e.serviceDate]).sort()).toEqual(
      [
        [left.id, '2026-02-05'],
        [left.id, '2026-02-15'],
        [current.id, '2026-02-12'],
      ].sort(),
    );
    const late = parseAs(HourEntryList, await staff.get(`/api/hours/entries?teamId=${team.id}&from=2026-02-11`));
    expect(late.totalMinutes).toBe(30 + 45);

    // The refs the filter is built on: spells overlapping a period; without one, the current members.
    expect((await teamMemberSpells(t.app.ctx.db, team.id, { from: '2026-02-16' })).map((s) => s.volunteerId)).toEqual([
      current.id,
    ]);
    expect(await teamMemberIds(t.app.ctx.db, team.id)).toEqual([current.id]);
    expect((await teamMemberIds(t.app.ctx.db, team.id, { to: '2026-02-09' })).sort()).toEqual([left.id]);

    const xlsx = await staff.get(`/api/hours/export/statement.xlsx?by=volunteer&teamId=${team.id}`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('汇总')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('助老队');
    const hours = [3, 4].map((r) => Number(sheet.getRow(r).getCell(2).value)).sort();
    expect(hours).toEqual([0.75, 2.5]);
    expect(sheet.getRow(5).getCell(1).value ?? null).toBeNull();
    expect(book.getWorksheet('明细')!.rowCount).toBe(1 + 3);
    const csv = await staff.get(`/api/hours/export/national.csv?teamId=${team.id}`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(1 + 3);
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
    for (const path of ['/api/hours/entries', '/api/hours/export/statement.xlsx', '/api/hours/export/national.csv']) {
      const foreignAnswer = expectError(await staff.get(`${path}?teamId=${theirs.id}`), 404, 'hours.not_found');
      const missingAnswer = expectError(await staff.get(`${path}?teamId=${randomUUID()}`), 404, 'hours.not_found');
      expect({ ...foreignAnswer, requestId: null }).toEqual({ ...missingAnswer, requestId: null });
    }
    // Their own staff see it.
    expect((await other.get(`/api/hours/entries?teamId=${theirs.id}`)).statusCode).toBe(200);
  });
});
