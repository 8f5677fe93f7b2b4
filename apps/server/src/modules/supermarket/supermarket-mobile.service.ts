import type { MySupermarket, Redemption, ReservationInput } from '@linli/contracts/modules/supermarket';
import type { Actor } from '../../platform/access';
import { type AppContext, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { type VolunteerRef, findVolunteerByUser } from '../volunteers';
import { findRedemption, listRedemptions } from './redemption.repository';
import { bookOnce, cancelReservation, redemptionDto, volunteerBalance } from './redemption.service';
import { ownRedemptionActions, supermarketPolicy } from './supermarket.policy';
import { findSupermarket, listItems, listSupermarkets } from './supermarket.repository';
import { itemDto } from './supermarket.service';

type Paging = { page: number; pageSize: number };

/** The volunteer's side on /m: the community's supermarkets, their goods, reserving, one's own redemptions. */
export class SupermarketMobileService {
  constructor(private readonly ctx: AppContext) {}

  private async volunteer(actor: Actor): Promise<VolunteerRef | null> {
    const v = await findVolunteerByUser(this.ctx.db, actor.userId);
    return v && v.status === 'active' ? v : null;
  }

  async view(actor: Actor): Promise<MySupermarket> {
    const volunteer = await this.volunteer(actor);
    const { rows } = await listSupermarkets(this.ctx.db, {
      prefixes: actor.scopePrefixes,
      activeOnly: true,
      page: 1,
      pageSize: 20,
    });
    return {
      volunteer: volunteer !== null,
      balance: volunteer ? await volunteerBalance(this.ctx, volunteer) : 0,
      supermarkets: rows.map((r) => ({ id: r.id, name: r.name, address: r.address, openingHours: r.openingHours })),
    };
  }

  private async market(actor: Actor, id: string) {
    const row = await findSupermarket(this.ctx.db, id);
    if (!row || !row.active || !supermarketPolicy.canShop(actor, row))
      throw deniedNotFound(this.ctx, actor, 'supermarket', [id], 'supermarket.not_found');
    return row;
  }

  async items(actor: Actor, query: { supermarketId: string } & Paging) {
    const market = await this.market(actor, query.supermarketId);
    const { rows, total } = await listItems(this.ctx.db, {
      prefixes: [market.areaCode],
      activeOnly: true,
      ...query,
    });
    return { items: rows.map((r) => itemDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  async mine(actor: Actor, query: Paging) {
    const volunteer = await this.volunteer(actor);
    const { rows, total } = volunteer
      ? await listRedemptions(this.ctx.db, { volunteerId: volunteer.id, ...query })
      : { rows: [], total: 0 };
    auditRead(this.ctx, actor, {
      action: 'supermarket.mine',
      objectType: 'supermarket_redemption',
      objectIds: rows.map((r) => r.id),
    });
    const names = new Map(volunteer ? [[volunteer.id, volunteer]] : []);
    const items = rows.map((r) => redemptionDto(r, names, ownRedemptionActions(r)));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  private async own(actor: Actor, id: string) {
    const volunteer = await this.volunteer(actor);
    const row = await findRedemption(this.ctx.db, id);
    if (!row || !volunteer || row.volunteerId !== volunteer.id)
      throw deniedNotFound(this.ctx, actor, 'supermarket_redemption', [id], 'supermarket.not_found');
    return { row, volunteer };
  }

  private async ownDto(actor: Actor, id: string): Promise<Redemption> {
    const { row, volunteer } = await this.own(actor, id);
    return redemptionDto(row, new Map([[volunteer.id, volunteer]]), ownRedemptionActions(row));
  }

  /** Reserves goods: points and stock are taken now (so nobody else takes them), collected at the counter later. */
  async reserve(actor: Actor, input: ReservationInput): Promise<Redemption> {
    const market = await this.market(actor, input.supermarketId);
    const volunteer = await this.volunteer(actor);
    if (!volunteer) throw new AppError('supermarket.not_volunteer');
    await bookOnce(this.ctx, actor, { id: input.id, market, volunteer, lines: input.lines, channel: 'reservation' });
    return this.ownDto(actor, input.id);
  }

  async cancel(actor: Actor, id: string): Promise<Redemption> {
    const { row } = await this.own(actor, id);
    await cancelReservation(this.ctx, actor, row, '志愿者取消预约');
    return this.ownDto(actor, id);
  }
}
