import { randomUUID } from 'node:crypto';
import { PRIVACY_NOTICE } from '@linli/contracts/modules/residents';
import type { AppContext } from '../../platform/context';
import { createAccount } from '../users';
import { insertNotice } from './notices.repository';
import { demoClientOf, insertLink, insertProfile } from './residents.repository';

/** The demo residents (sign in on /m with the phone and the demo password). */
export const DEMO_RESIDENTS = [
  { phone: '13800000001', username: 'r_demo_1', displayName: '王阿姨', linked: true },
  { phone: '13800000002', username: 'r_demo_2', displayName: '李大爷', linked: false },
] as const;

/**
 * Demo data of the residents module, in the demo community: two resident accounts (the first linked to a client of
 * the community with a worker and a planned visit) and one published notice.
 */
export async function seedResidentsDemo(
  ctx: AppContext,
  input: { communityCode: string; passwordHash: string; publishedBy: string | null },
): Promise<void> {
  const now = ctx.clock.now();
  const clientId = await demoClientOf(ctx.db, input.communityCode);
  await ctx.db.transaction(async (tx) => {
    for (const r of DEMO_RESIDENTS) {
      const phoneBidx = ctx.cipher.blindIndex(r.phone);
      const id = await createAccount(tx, {
        username: r.username,
        displayName: r.displayName,
        passwordHash: input.passwordHash,
        roles: ['resident'],
        areaCodes: [input.communityCode],
        at: now,
        phone: { enc: ctx.cipher.encrypt(r.phone), bidx: phoneBidx },
      });
      const linked = r.linked && clientId ? clientId : null;
      await insertProfile(tx, {
        userId: id,
        areaCode: input.communityCode,
        phoneBidx,
        consentVersion: PRIVACY_NOTICE.version,
        consentedAt: now,
        clientId: linked,
        linkedAt: linked ? now : null,
        createdAt: now,
      });
      if (linked) {
        await insertLink(tx, {
          id: randomUUID(),
          userId: id,
          areaCode: input.communityCode,
          status: 'confirmed',
          clientId: linked,
          requestedAt: now,
          decidedBy: input.publishedBy,
          decidedAt: now,
        });
      }
    }
    await insertNotice(tx, {
      id: randomUUID(),
      areaCode: input.communityCode,
      title: '社区便民服务日通知',
      body: '本周六上午 9:00–11:30 在社区广场举办便民服务日：义诊、理发、家电维修。欢迎居民朋友参加。',
      status: 'published',
      publishedAt: now,
      createdBy: input.publishedBy ?? randomUUID(),
      createdAt: now,
      updatedAt: now,
    });
  });
}
