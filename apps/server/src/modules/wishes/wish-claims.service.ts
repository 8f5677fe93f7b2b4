import { randomUUID } from 'node:crypto';
import {
  CLAIM_DAYS,
  type WishCard,
  type WishCardList,
  type WishClaimInput,
  type WishFulfilInput,
} from '@linli/contracts/modules/wishes';
import { type Actor, codeInPrefixes, scopePrefix } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { claimPhotos, storeUpload } from '../../platform/media';
import { deniedNotFound } from '../../platform/request-context';
import { findOrganisationInScope } from '../organisations';
import { recordStep, tellClaimant, tellClaimed, tellPoster } from './wish-steps';
import { toCard } from './wish-view';
import { isStaff, wishesPolicy } from './wishes.policy';
import {
  UNCLAIMED,
  type WishRow,
  dueClaims,
  findWish,
  findWishPhoto,
  insertWishPhotos,
  listClaims,
  listWall,
  organisationOfMember,
  servedAreas,
  transitionWish,
} from './wishes.repository';

const DAY_MS = 86_400_000;

/** Who looks at the wall: the areas they see and, for a partner member, the organisation they act for. */
interface Viewer {
  prefixes: string[];
  organisationId: string | null;
}

/**
 * The wish wall and the claimant's side: claim (one conditional UPDATE, so exactly one claimant wins), fulfil with
 * photos, give back; the expiry job returns claims nobody fulfilled in time to the wall.
 */
export class WishClaimsService {
  constructor(private readonly ctx: AppContext) {}

  get clock() {
    return this.ctx.clock;
  }

  /** Staff and residents see their jurisdiction; a partner member the communities its organisation serves. */
  async viewer(actor: Actor): Promise<Viewer> {
    if (!wishesPolicy.isPartner(actor)) return { prefixes: actor.scopePrefixes, organisationId: null };
    const org = await organisationOfMember(this.ctx.db, actor.userId);
    if (!org || org.status !== 'active') return { prefixes: [], organisationId: null };
    const served = await servedAreas(this.ctx.db, org.id, org.areaCode);
    return { prefixes: [...new Set(served.map(scopePrefix))], organisationId: org.id };
  }

  async wall(
    actor: Actor,
    query: { areaCode?: string | undefined; view: 'open' | 'done'; page: number; pageSize: number },
  ): Promise<WishCardList> {
    const viewer = await this.viewer(actor);
    if (query.areaCode && !codeInPrefixes(query.areaCode, viewer.prefixes))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listWall(
      this.ctx.db,
      { prefixes: viewer.prefixes, ...query },
      query.page,
      query.pageSize,
    );
    const items = rows.map((r) => toCard(actor, r, viewer.organisationId, true));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async claims(actor: Actor, query: { page: number; pageSize: number }): Promise<WishCardList> {
    const viewer = await this.viewer(actor);
    const who = viewer.organisationId ? { organisationId: viewer.organisationId } : { userId: actor.userId };
    const { rows, total } = await listClaims(this.ctx.db, who, query.page, query.pageSize);
    const items = rows.map((r) => toCard(actor, r, viewer.organisationId, false));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** A wish on the actor's wall (or handled by the actor as staff or claimant), else 404 like a missing one. */
  private async visible(actor: Actor, id: string, viewer: Viewer): Promise<WishRow> {
    const row = await findWish(this.ctx.db, id);
    const ok =
      row &&
      (codeInPrefixes(row.areaCode, viewer.prefixes) || wishesPolicy.isClaimant(actor, row, viewer.organisationId));
    if (!row || !ok) throw deniedNotFound(this.ctx, actor, 'wish', [id], 'wishes.not_found');
    return row;
  }

  /** Who claims: the member's organisation, a named organisation for staff, or the resident as a volunteer. */
  private async claimant(actor: Actor, row: WishRow, viewer: Viewer, input: WishClaimInput) {
    const unknown = () => new AppError('wishes.not_found', [{ path: 'organisationId', code: 'organisations.unknown' }]);
    if (isStaff(actor)) {
      if (!wishesPolicy.canManage(actor, row.areaCode))
        throw deniedNotFound(this.ctx, actor, 'wish', [row.id], 'wishes.not_found');
      if (!input.organisationId) throw unknown();
      const org = await findOrganisationInScope(this.ctx, null, actor, input.organisationId);
      if (!org || org.status !== 'active') throw unknown();
      return { kind: 'organisation' as const, organisationId: org.id };
    }
    if (viewer.organisationId) {
      if (input.organisationId && input.organisationId !== viewer.organisationId) throw unknown();
      return { kind: 'organisation' as const, organisationId: viewer.organisationId };
    }
    if (input.organisationId) throw unknown();
    if (row.beneficiaryUserId === actor.userId) throw new AppError('wishes.own_wish');
    return { kind: 'volunteer' as const, organisationId: null };
  }

  async claim(actor: Actor, id: string, input: WishClaimInput): Promise<WishCard> {
    const viewer = await this.viewer(actor);
    const row = await this.visible(actor, id, viewer);
    const who = await this.claimant(actor, row, viewer, input);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      // The one-winner rule: only a wish still 'published' moves; a racing second claim updates nothing.
      const won = await transitionWish(tx, id, ['published'], {
        status: 'claimed',
        claimantKind: who.kind,
        claimantOrganisationId: who.organisationId,
        claimantUserId: actor.userId,
        claimedAt: now,
        claimExpiresAt: new Date(now.getTime() + CLAIM_DAYS * DAY_MS),
        updatedAt: now,
      });
      if (!won) {
        const current = await findWish(tx, id);
        const taken = current && ['claimed', 'fulfilled', 'confirmed'].includes(current.status);
        throw new AppError(taken ? 'wishes.already_claimed' : 'wishes.invalid_state');
      }
      await recordStep(this.ctx, tx, actor, row, 'claimed', ['claimant'], who.kind);
      await tellClaimed(this.ctx, tx, row, actor.userId);
    });
    return this.card(actor, id, viewer);
  }

  private async card(actor: Actor, id: string, viewer: Viewer): Promise<WishCard> {
    return toCard(actor, (await findWish(this.ctx.db, id))!, viewer.organisationId, false);
  }

  /** The claimant's own claim (or staff of the area acting for the claiming organisation). */
  private async claimed(actor: Actor, id: string): Promise<{ row: WishRow; viewer: Viewer }> {
    const viewer = await this.viewer(actor);
    const row = await findWish(this.ctx.db, id);
    const mine =
      row &&
      (wishesPolicy.isClaimant(actor, row, viewer.organisationId) ||
        (isStaff(actor) && wishesPolicy.canManage(actor, row.areaCode)));
    if (!row || !mine) throw deniedNotFound(this.ctx, actor, 'wish', [id], 'wishes.not_found');
    return { row, viewer };
  }

  async fulfil(actor: Actor, id: string, input: WishFulfilInput): Promise<WishCard> {
    const { row, viewer } = await this.claimed(actor, id);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const moved = await transitionWish(tx, id, ['claimed'], {
        status: 'fulfilled',
        fulfilmentNote: input.note,
        fulfilledAt: now,
        claimExpiresAt: null,
        updatedAt: now,
      });
      if (!moved) throw new AppError('wishes.invalid_state');
      const photos = await claimPhotos(tx, actor, input.photoUploadIds, 3);
      await insertWishPhotos(
        tx,
        photos.map((p, position) => ({
          id: randomUUID(),
          wishId: id,
          areaCode: row.areaCode,
          position,
          storageKey: p.storageKey,
          contentType: p.contentType,
          width: p.width,
          height: p.height,
          createdBy: actor.userId,
          createdAt: now,
        })),
      );
      await recordStep(this.ctx, tx, actor, row, 'fulfilled', ['fulfilmentNote', 'photos'], input.note);
      await tellPoster(this.ctx, tx, row, 'wish.fulfilled');
    });
    return this.card(actor, id, viewer);
  }

  /** 404 unless the actor may act as the wish's claimant (the upload route asks before reading the body). */
  async assertClaimant(actor: Actor, id: string): Promise<void> {
    await this.claimed(actor, id);
  }

  /** A fulfilment photo staged in the wish's community, by its claimant while the claim is open. */
  async uploadPhoto(actor: Actor, id: string, body: Buffer) {
    const { row } = await this.claimed(actor, id);
    if (row.status !== 'claimed') throw new AppError('wishes.invalid_state');
    return storeUpload(this.ctx, actor, row.areaCode, body);
  }

  /** The claimant gives the wish back to the wall (cannot do it after all). */
  async release(actor: Actor, id: string): Promise<WishCard> {
    const { row, viewer } = await this.claimed(actor, id);
    await this.ctx.db.transaction(async (tx) => {
      const moved = await transitionWish(tx, id, ['claimed'], { ...UNCLAIMED, updatedAt: this.ctx.clock.now() });
      if (!moved) throw new AppError('wishes.invalid_state');
      await recordStep(this.ctx, tx, actor, row, 'released', ['claimant']);
    });
    return this.card(actor, id, viewer);
  }

  /** A fulfilment photo, for staff of the area, the claimant and the beneficiary (never the public wall). */
  async photo(actor: Actor, id: string, n: number): Promise<{ data: Buffer; contentType: string }> {
    const viewer = await this.viewer(actor);
    const row = await findWish(this.ctx.db, id);
    const may =
      row &&
      (wishesPolicy.canRead(actor, row) ||
        wishesPolicy.isOwn(actor, row) ||
        (row.claimantKind !== null && wishesPolicy.isClaimant(actor, row, viewer.organisationId)));
    const photo = may ? await findWishPhoto(this.ctx.db, id, n) : null;
    const stored = photo ? await this.ctx.media.get(photo.storageKey) : null;
    if (!stored) throw deniedNotFound(this.ctx, actor, 'wish', [id], 'wishes.not_found');
    return stored;
  }
}

/** The job 'wishes.expire_claims': claims past their deadline without fulfilment go back to the wall, recorded. */
export async function expireClaims(ctx: AppContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const due = await dueClaims(tx, ctx.clock.now());
    for (const wish of due) {
      await transitionWish(tx, wish.id, ['claimed'], { ...UNCLAIMED, updatedAt: ctx.clock.now() });
      await recordStep(ctx, tx, null, wish, 'claim_expired', []);
      await tellClaimant(ctx, tx, wish, { organisationId: wish.claimantOrganisationId, userId: wish.claimantUserId });
    }
    return due.length;
  });
}
