import { randomUUID } from 'node:crypto';
import type {
  Wish,
  WishConfirmInput,
  WishList,
  WishOnBehalfInput,
  WishPartnerCounts,
} from '@linli/contracts/modules/wishes';
import type { Actor } from '../../platform/access';
import { type AppContext, auditRead } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { maskName, maskPhone } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { findOrganisationInScope } from '../organisations';
import { recordStep, tellPoster } from './wish-steps';
import { toListItem, toWish } from './wish-view';
import { wishesPolicy } from './wishes.policy';
import {
  type WishRow,
  findWish,
  insertWish,
  listWishes,
  nextWishNumber,
  decideThanks,
  partnerCounts,
  transitionWish,
  wishEventsOf,
} from './wishes.repository';

const BENEFICIARY = ['beneficiaryName', 'beneficiaryPhone'];

/** Staff's side of micro-wishes: list and detail (beneficiary masked), post on behalf, review, confirm, thanks. */
export class WishesService {
  constructor(private readonly ctx: AppContext) {}

  async list(
    actor: Actor,
    query: { areaCode?: string | undefined; status?: string | undefined; page: number; pageSize: number },
  ): Promise<WishList> {
    if (query.areaCode && !wishesPolicy.canRead(actor, { areaCode: query.areaCode }))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listWishes(
      this.ctx.db,
      { prefixes: actor.scopePrefixes, ...query },
      query.page,
      query.pageSize,
    );
    auditRead(this.ctx, actor, {
      action: 'wishes.list',
      objectType: 'wish',
      objectIds: rows.map((r) => r.id),
      fields: BENEFICIARY,
    });
    return { items: rows.map((r) => toListItem(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  /** A wish the actor may read as staff, or 404 (audited) like one that does not exist. */
  async load(actor: Actor, id: string, db: DbOrTx = this.ctx.db): Promise<WishRow> {
    const row = await findWish(db, id);
    if (!row || !wishesPolicy.canRead(actor, row))
      throw deniedNotFound(this.ctx, actor, 'wish', [id], 'wishes.not_found');
    return row;
  }

  private async loadManaged(actor: Actor, id: string): Promise<WishRow> {
    const row = await this.load(actor, id);
    if (!wishesPolicy.canManage(actor, row.areaCode))
      throw deniedNotFound(this.ctx, actor, 'wish', [id], 'wishes.not_found');
    return row;
  }

  async detail(actor: Actor, id: string, audit = true): Promise<Wish> {
    const row = await this.load(actor, id);
    if (audit)
      auditRead(this.ctx, actor, { action: 'wishes.read', objectType: 'wish', objectIds: [id], fields: BENEFICIARY });
    return toWish(actor, row, await wishEventsOf(this.ctx.db, id));
  }

  /** Staff post for a resident or client who agreed: name and phone encrypted, masked copies, consent recorded. */
  async postOnBehalf(actor: Actor, input: WishOnBehalfInput): Promise<Wish> {
    const area = await findArea(this.ctx.db, input.areaCode);
    if (!area || area.status !== 'active' || area.level !== 'community' || !wishesPolicy.canManage(actor, area.code)) {
      throw new AppError('area.not_found', [
        { path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } },
      ]);
    }
    const id = randomUUID();
    const now = this.ctx.clock.now();
    const { cipher } = this.ctx;
    await this.ctx.db.transaction(async (tx) => {
      await insertWish(tx, {
        id,
        areaCode: area.code,
        number: await nextWishNumber(tx, chinaToday(now)),
        title: input.title,
        publicText: input.publicText,
        estimatedValue: input.estimatedValue,
        status: 'submitted',
        beneficiaryKind: 'client',
        beneficiaryNameEnc: cipher.encrypt(input.beneficiaryName),
        beneficiaryNameMasked: maskName(input.beneficiaryName),
        beneficiaryPhoneEnc: input.beneficiaryPhone ? cipher.encrypt(input.beneficiaryPhone) : null,
        beneficiaryPhoneMasked: maskPhone(input.beneficiaryPhone),
        consentBy: actor.userId,
        consentAt: now,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await recordStep(
        this.ctx,
        tx,
        actor,
        { id, areaCode: area.code },
        'submitted',
        ['title', 'publicText', ...BENEFICIARY],
        'on_behalf',
      );
    });
    return this.detail(actor, id, false);
  }

  /** Review passed: the (possibly edited) public text goes on the wall. */
  async publish(actor: Actor, id: string, input: { title?: string | undefined; publicText?: string | undefined }) {
    const row = await this.loadManaged(actor, id);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const moved = await transitionWish(tx, id, ['submitted'], {
        status: 'published',
        publishedAt: now,
        updatedAt: now,
        ...(input.title ? { title: input.title } : {}),
        ...(input.publicText ? { publicText: input.publicText } : {}),
      });
      if (!moved) throw new AppError('wishes.invalid_state');
      await recordStep(this.ctx, tx, actor, row, 'published', ['title', 'publicText']);
      await tellPoster(this.ctx, tx, row, 'wish.published');
    });
    return this.detail(actor, id, false);
  }

  /** Refused at review, or taken off the wall before anyone claimed it; the poster sees the reason. */
  async reject(actor: Actor, id: string, reason: string): Promise<Wish> {
    const row = await this.loadManaged(actor, id);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const moved = await transitionWish(tx, id, ['submitted', 'published'], {
        status: 'rejected',
        rejectReason: reason,
        updatedAt: now,
      });
      if (!moved) throw new AppError('wishes.invalid_state');
      await recordStep(this.ctx, tx, actor, row, 'rejected', ['rejectReason'], reason);
    });
    return this.detail(actor, id, false);
  }

  /** Staff confirm receipt for a beneficiary without an account (or who asked them to), with their thanks. */
  async confirm(actor: Actor, id: string, input: WishConfirmInput): Promise<Wish> {
    const row = await this.loadManaged(actor, id);
    await confirmReceipt(this.ctx, actor, row, input);
    return this.detail(actor, id, false);
  }

  /** Public thanks show on the wall only once staff approved the words (no personal data, nothing unkind). */
  async moderateThanks(actor: Actor, id: string, approve: boolean): Promise<Wish> {
    const row = await this.loadManaged(actor, id);
    await this.ctx.db.transaction(async (tx) => {
      const moved = await decideThanks(tx, id, approve ? 'approved' : 'rejected', this.ctx.clock.now());
      if (!moved) throw new AppError('wishes.invalid_state');
      await recordStep(this.ctx, tx, actor, row, approve ? 'thanks_approved' : 'thanks_rejected', ['thanks']);
    });
    return this.detail(actor, id, false);
  }

  /** The partner's record: how many wishes the organisation claimed and fulfilled. */
  async partnerCounts(actor: Actor, organisationId: string): Promise<WishPartnerCounts> {
    const org = await findOrganisationInScope(this.ctx, null, actor, organisationId);
    if (!org) throw deniedNotFound(this.ctx, actor, 'organisation', [organisationId], 'wishes.not_found');
    const counts = await partnerCounts(this.ctx.db, organisationId);
    return { organisationId, claimed: counts.inProgress + counts.fulfilled, ...counts };
  }
}

/** fulfilled → confirmed, by the beneficiary or staff for them; thanks wait for moderation. */
export async function confirmReceipt(ctx: AppContext, actor: Actor, row: WishRow, input: WishConfirmInput) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const moved = await transitionWish(tx, row.id, ['fulfilled'], {
      status: 'confirmed',
      confirmedAt: now,
      confirmedBy: actor.userId,
      updatedAt: now,
      ...(input.thanks ? { thanksText: input.thanks, thanksStatus: 'pending' } : {}),
    });
    if (!moved) throw new AppError('wishes.invalid_state');
    await recordStep(ctx, tx, actor, row, 'confirmed', input.thanks ? ['thanks'] : []);
  });
}
