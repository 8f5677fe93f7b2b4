import { randomUUID } from 'node:crypto';
import type { MyWish, MyWishList, WishConfirmInput, WishPostInput } from '@linli/contracts/modules/wishes';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { recordStep } from './wish-steps';
import { toMine } from './wish-view';
import { confirmReceipt } from './wishes.service';
import { wishesPolicy } from './wishes.policy';
import { type WishRow, findWish, insertWish, listOwn, nextWishNumber, transitionWish } from './wishes.repository';

/**
 * A resident's own wishes on /m: post one (beneficiary: the resident, in their home community; staff review it before
 * it reaches the wall), follow it, withdraw it before anyone claims it, confirm receipt and thank in public.
 */
export class WishOwnService {
  constructor(private readonly ctx: AppContext) {}

  async list(actor: Actor, query: { page: number; pageSize: number }): Promise<MyWishList> {
    const { rows, total } = await listOwn(this.ctx.db, actor.userId, query.page, query.pageSize);
    return { items: rows.map(toMine), total, page: query.page, pageSize: query.pageSize };
  }

  private async own(actor: Actor, id: string): Promise<WishRow> {
    const row = await findWish(this.ctx.db, id);
    if (!row || !wishesPolicy.isOwn(actor, row))
      throw deniedNotFound(this.ctx, actor, 'wish', [id], 'wishes.not_found');
    return row;
  }

  async detail(actor: Actor, id: string): Promise<MyWish> {
    return toMine(await this.own(actor, id));
  }

  async post(actor: Actor, input: WishPostInput): Promise<MyWish> {
    const home = actor.areaCodes[0];
    const area = home ? await findArea(this.ctx.db, home) : null;
    if (!area || area.status !== 'active') throw new AppError('wishes.not_found');
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await insertWish(tx, {
        id,
        areaCode: area.code,
        number: await nextWishNumber(tx, chinaToday(now)),
        title: input.title,
        publicText: input.publicText,
        estimatedValue: input.estimatedValue,
        status: 'submitted',
        beneficiaryKind: 'resident',
        beneficiaryUserId: actor.userId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await recordStep(this.ctx, tx, actor, { id, areaCode: area.code }, 'submitted', ['title', 'publicText']);
    });
    return this.detail(actor, id);
  }

  async withdraw(actor: Actor, id: string): Promise<MyWish> {
    const row = await this.own(actor, id);
    await this.ctx.db.transaction(async (tx) => {
      const moved = await transitionWish(tx, id, ['submitted', 'published'], {
        status: 'withdrawn',
        updatedAt: this.ctx.clock.now(),
      });
      if (!moved) throw new AppError('wishes.invalid_state');
      await recordStep(this.ctx, tx, actor, row, 'withdrawn', []);
    });
    return this.detail(actor, id);
  }

  async confirm(actor: Actor, id: string, input: WishConfirmInput): Promise<MyWish> {
    await confirmReceipt(this.ctx, actor, await this.own(actor, id), input);
    return this.detail(actor, id);
  }
}
