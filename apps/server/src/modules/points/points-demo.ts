import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import { findUserByUsername } from '../users';
import { findVolunteerByUser } from '../volunteers';
import { volunteerAccount } from './points-earning';
import { ensurePointAccount, transferPoints } from './points-ledger';
import { insertRule } from './points-rules.repository';

export interface VolunteerDemoAreas {
  districtCode: string;
  streetCode: string;
  communityA: string;
  communityB: string;
  /** The demo community supervisor (staff who confirm, approve, stock). */
  createdBy: string | null;
}

/**
 * The points module's demo rows (issue 12): the district's earning rules (in force since 1 January: 10 points an
 * hour, 15 for safety patrols and 12 for elderly care, at most 300 a month), and two commendation awards to the
 * demo volunteers r_demo_1 and r_demo_2 (when the volunteers demo made them volunteers). Points for the demo
 * activities' confirmed hours are earned by the 'hours.entry.booked' handler as the activities demo confirms them.
 */
export async function seedPointsDemo(ctx: AppContext, areas: VolunteerDemoAreas): Promise<void> {
  const year = chinaToday(ctx.clock.now()).slice(0, 4);
  await ctx.db.transaction(async (tx) => {
    await insertRule(tx, {
      id: randomUUID(),
      areaCode: areas.districtCode,
      effectiveFrom: `${year}-01-01`,
      pointsPerHour: 10,
      typeRates: { safety: 15, elderly: 12 },
      monthlyCap: 300,
      note: '区志愿服务积分办法（演示）',
      createdBy: areas.createdBy,
      createdAt: ctx.clock.now(),
    });
    const awards = [
      { username: 'r_demo_1', points: 50, memo: '优秀志愿者表彰（演示）' },
      { username: 'r_demo_2', points: 20, memo: '志愿服务先进个人（演示）' },
    ];
    for (const award of awards) {
      const user = await findUserByUsername(tx, award.username);
      const volunteer = user ? await findVolunteerByUser(tx, user.id) : null;
      if (!volunteer) continue;
      const account = await volunteerAccount(tx, volunteer.id, volunteer.areaCode);
      const issuer = await ensurePointAccount(tx, {
        kind: 'issuer',
        ownerId: volunteer.areaCode,
        areaCode: volunteer.areaCode,
      });
      await transferPoints(ctx, tx, {
        from: issuer,
        to: account,
        points: award.points,
        kind: 'adjust',
        refType: 'demo_award',
        refId: volunteer.id,
        areaCode: volunteer.areaCode,
        memo: award.memo,
        actorUserId: areas.createdBy,
      });
    }
  });
}
