import { randomUUID } from 'node:crypto';
import { CLAIM_DAYS } from '@linli/contracts/modules/wishes';
import type { AppContext } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import type { DbOrTx } from '../../platform/db';
import { findUserByUsername } from '../users';
import {
  type WishInsert,
  insertWish,
  insertWishEvent,
  nextWishNumber,
  organisationOfMember,
} from './wishes.repository';

const DAY = 86_400_000;

/** [title, public text, value, status, days ago posted, thanks] — the wall of the demo community. */
const DEMO_WISHES = [
  ['一辆轮椅', '腿脚不便，希望有一辆轻便的折叠轮椅，方便去社区卫生服务站复诊。', 800, 'published', 3, null],
  ['孙子的新书包', '孩子上三年级，旧书包已经坏了，想要一个结实的双肩书包。', 150, 'published', 2, null],
  ['上门理发', '老人行动不便，希望每月有人上门理一次发。', 50, 'published', 1, null],
  ['生日探望', '独居老人下月过八十岁生日，希望有人来陪着说说话、一起吃碗长寿面。', 100, 'claimed', 6, null],
  ['一台收音机', '想要一台能听戏曲的收音机，字大、按键大。', 120, 'fulfilled', 12, null],
  [
    '冬天的棉被',
    '家里棉被太薄，想要一床厚实的冬被。',
    300,
    'confirmed',
    20,
    '谢谢爱心单位送来的棉被，这个冬天暖和了！',
  ],
  ['老花镜', '看报纸看不清，想要一副老花镜。', 60, 'confirmed', 25, '眼镜很合适，感谢社区和志愿者！'],
] as const;

async function event(tx: DbOrTx, wish: WishInsert, kind: string, at: Date, actorId: string | null) {
  await insertWishEvent(tx, {
    id: randomUUID(),
    wishId: wish.id,
    areaCode: wish.areaCode,
    kind,
    note: null,
    actorId,
    at,
  });
}

/**
 * Demo micro-wishes in the demo community: three on the wall, one claimed by the demo partner's organisation, one
 * fulfilled waiting for confirmation, two confirmed with approved public thanks. The residents' own wishes belong to
 * the demo residents; the claims to the organisation of the account 'demo-partner' (when the partners demo made it).
 */
export async function seedWishesDemo(ctx: AppContext, input: { communityCode: string; createdBy: string | null }) {
  const resident = await findUserByUsername(ctx.db, 'r_demo_1');
  const partner = await findUserByUsername(ctx.db, 'demo-partner');
  const org = partner ? await organisationOfMember(ctx.db, partner.id) : null;
  if (!resident || !org || !input.createdBy) return;
  const now = ctx.clock.now().getTime();
  await ctx.db.transaction(async (tx) => {
    for (const [title, publicText, value, status, ago, thanks] of DEMO_WISHES) {
      const at = (days: number) => new Date(now - days * DAY);
      const posted = at(ago);
      const claimed = status !== 'published';
      const wish: WishInsert = {
        id: randomUUID(),
        areaCode: input.communityCode,
        number: await nextWishNumber(tx, chinaToday(posted)),
        title,
        publicText,
        estimatedValue: value,
        status,
        beneficiaryKind: 'resident',
        beneficiaryUserId: resident.id,
        publishedAt: at(ago - 1),
        claimantKind: claimed ? 'organisation' : null,
        claimantOrganisationId: claimed ? org.id : null,
        claimantUserId: claimed ? partner!.id : null,
        claimedAt: claimed ? at(ago - 2) : null,
        claimExpiresAt: status === 'claimed' ? new Date(at(ago - 2).getTime() + CLAIM_DAYS * DAY) : null,
        fulfilmentNote: status === 'fulfilled' || status === 'confirmed' ? '已送到老人家中，当面交付。' : null,
        fulfilledAt: status === 'fulfilled' || status === 'confirmed' ? at(ago - 4) : null,
        confirmedAt: status === 'confirmed' ? at(ago - 5) : null,
        confirmedBy: status === 'confirmed' ? resident.id : null,
        thanksText: thanks,
        thanksStatus: thanks ? 'approved' : null,
        createdBy: resident.id,
        createdAt: posted,
        updatedAt: posted,
      };
      await insertWish(tx, wish);
      await event(tx, wish, 'submitted', posted, resident.id);
      await event(tx, wish, 'published', wish.publishedAt!, input.createdBy);
      if (claimed) await event(tx, wish, 'claimed', wish.claimedAt!, partner!.id);
      if (wish.fulfilledAt) await event(tx, wish, 'fulfilled', wish.fulfilledAt, partner!.id);
      if (wish.confirmedAt) await event(tx, wish, 'confirmed', wish.confirmedAt, resident.id);
      if (thanks) await event(tx, wish, 'thanks_approved', wish.confirmedAt!, input.createdBy);
    }
  });
}
