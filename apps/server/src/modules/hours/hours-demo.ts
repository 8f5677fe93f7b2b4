import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { addDays, chinaToday } from '../../platform/dates';
import { findUserByUsername } from '../users';
import { findVolunteerByUser } from '../volunteers';
import { issueCertificate } from './hours-certificates';
import { bookEntry } from './hours-credit';
import { reverseEntry } from './hours.service';
import { type HourEntryRow, decideHourClaim, insertHourClaim, upsertIssuer } from './hours.repository';

export interface VolunteerDemoAreas {
  districtCode: string;
  streetCode: string;
  communityA: string;
  communityB: string;
  /** The demo community supervisor (staff who confirm, approve, stock). */
  createdBy: string | null;
}

const SERVICES = [
  ['社区疫苗接种点秩序引导', 'health'],
  ['独居老人助餐送餐', 'elderly'],
  ['垃圾分类桶边督导', 'environment'],
  ['小区夜间平安巡防', 'safety'],
  ['四点半课堂作业辅导', 'children'],
  ['文明交通劝导', 'civility'],
] as const;

async function demoClaim(
  ctx: AppContext,
  tx: DbOrTx,
  staff: string,
  today: string,
  volunteerId: string,
  areaCode: string,
  i: number,
  minutes: number,
  decision: 'approved' | 'declined' | 'pending',
): Promise<HourEntryRow | null> {
  const [content, type] = SERVICES[i % SERVICES.length]!;
  const id = randomUUID();
  const serviceDate = addDays(today, -7 * (i + 1));
  await insertHourClaim(tx, {
    id,
    areaCode,
    volunteerId,
    serviceDate,
    minutes,
    content,
    place: '洗面桥社区',
    organiserName: '洗面桥社区居委会',
    activityType: type,
    status: 'pending',
    createdBy: staff,
    createdAt: ctx.clock.now(),
  });
  if (decision === 'pending') return null;
  const entry =
    decision === 'approved'
      ? await bookEntry(ctx, tx, {
          id: randomUUID(),
          areaCode,
          volunteerId,
          minutes,
          source: 'self_report',
          activityId: null,
          participationId: null,
          claimId: id,
          serviceDate,
          content,
          activityType: type,
          organiserName: '洗面桥社区居委会',
          confirmedBy: staff,
          reversesEntryId: null,
          reason: null,
        })
      : null;
  await decideHourClaim(tx, id, {
    status: decision,
    decisionNote: decision === 'approved' ? '已与服务对象电话核实' : '该时段已在活动中计入，不重复记录',
    decidedBy: staff,
    decidedAt: ctx.clock.now(),
    entryId: entry?.id ?? null,
  });
  return entry;
}

/**
 * The hours module's demo rows: both communities' certificate issuers; r_demo_1 (王秀兰) with approved self-reported
 * service of the past months (over 100 h, so one star), a correction, a declined and a pending claim, and one
 * certificate; r_demo_2 with a couple of approved reports.
 */
export async function seedHoursDemo(ctx: AppContext, areas: VolunteerDemoAreas): Promise<void> {
  const staff = areas.createdBy;
  if (!staff) return;
  const now = ctx.clock.now();
  const today = chinaToday(now);
  await ctx.db.transaction(async (tx) => {
    for (const [code, person, handler] of [
      [areas.communityA, '周建华', '刘社工'],
      [areas.communityB, '吴海燕', '陈社工'],
    ] as const)
      await upsertIssuer(tx, {
        areaCode: code,
        personInCharge: person,
        handlerName: handler,
        contactPhone: '028-86000000',
        updatedBy: staff,
        updatedAt: now,
      });

    const volunteerOf = async (username: string) => {
      const user = await findUserByUsername(tx, username);
      const ref = user ? await findVolunteerByUser(tx, user.id) : null;
      return ref?.status === 'active' ? ref : null;
    };
    const first = await volunteerOf('r_demo_1');
    if (first) {
      const entries = [];
      for (let i = 0; i < 13; i += 1)
        entries.push(await demoClaim(ctx, tx, staff, today, first.id, first.areaCode, i, 480, 'approved'));
      await demoClaim(ctx, tx, staff, today, first.id, first.areaCode, 13, 600, 'declined');
      await demoClaim(ctx, tx, staff, today, first.id, first.areaCode, 14, 90, 'pending');
      // A correction: the third report was 7 h, not 8 (the original stays, a reversal and a corrected entry follow).
      await reverseEntry(ctx, tx, staff, entries[2]!, {
        reason: '签退时间记录有误，核实为 7 小时',
        correctedMinutes: 420,
      });
      await issueCertificate(ctx, tx, staff, first.id, { areaCode: first.areaCode });
    }
    const second = await volunteerOf('r_demo_2');
    if (second)
      for (let i = 0; i < 3; i += 1)
        await demoClaim(
          ctx,
          tx,
          staff,
          today,
          second.id,
          second.areaCode,
          i + 2,
          240,
          i === 2 ? 'pending' : 'approved',
        );
  });
}
