import { randomUUID } from 'node:crypto';
import type {
  CounterLookupInput,
  CounterRedemptionInput,
  CounterVolunteer,
  Redemption,
  RedemptionChannel,
  RedemptionStatus,
  ReturnInput,
} from '@linli/contracts/modules/supermarket';
import { type Actor, scopeCommunities } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { ensurePointAccount, pointBalance } from '../points';
import { type VolunteerRef, verifyVolunteerCounterCode, volunteerRefs } from '../volunteers';
import { type BookInput, bookRedemption, giveBack, redemptionHash } from './redemption-booking';
import {
  type RedemptionFilter,
  type RedemptionWithLines,
  findRedemption,
  findReturn,
  listRedemptions,
  transitionRedemption,
} from './redemption.repository';
import { redemptionActions, supermarketPolicy } from './supermarket.policy';
import type { SupermarketService } from './supermarket.service';

type Paging = { page: number; pageSize: number };
const DAY_MS = 86_400_000;

/** When a reservation not yet collected expires: its supermarket's reservation days after it was made. */
export function pickupDeadline(row: Pick<RedemptionWithLines, 'status' | 'createdAt' | 'reservationDays'>) {
  return row.status === 'reserved' ? new Date(row.createdAt.getTime() + row.reservationDays * DAY_MS) : null;
}

export function redemptionDto(
  row: RedemptionWithLines,
  names: Map<string, VolunteerRef>,
  actions: string[],
): Redemption {
  return {
    id: row.id,
    supermarketId: row.supermarketId,
    supermarketName: row.supermarketName,
    areaCode: row.areaCode,
    volunteerId: row.volunteerId,
    volunteerName: names.get(row.volunteerId)?.maskedName ?? '',
    channel: row.channel as RedemptionChannel,
    status: row.status as RedemptionStatus,
    totalPoints: row.totalPoints,
    returnedPoints: row.returnedPoints,
    lines: row.lines.map((l) => ({
      itemId: l.itemId,
      name: l.itemName,
      unit: l.unit,
      quantity: l.quantity,
      pricePoints: l.pricePoints,
      returnedQuantity: l.returnedQuantity,
    })),
    createdAt: row.createdAt.toISOString(),
    collectedAt: row.collectedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    pickupBy: pickupDeadline(row)?.toISOString() ?? null,
    allowedActions: actions,
  };
}

/** A volunteer's current balance (their account is made on first use). */
export async function volunteerBalance(ctx: AppContext, volunteer: VolunteerRef): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const account = await ensurePointAccount(tx, {
      kind: 'volunteer',
      ownerId: volunteer.id,
      areaCode: volunteer.areaCode,
    });
    return pointBalance(tx, account);
  });
}

/**
 * Books a redemption once: a repeat of an id already booked answers the first booking (or refuses a different
 * submission under the same id). Shared by the counter and the /m reservation.
 */
export async function bookOnce(ctx: AppContext, actor: Actor, input: BookInput): Promise<void> {
  // In the supermarket's community (a redemption's): its id is unique there (its key on a Citus cluster).
  const here = [input.market.areaCode];
  const existing = await findRedemption(ctx.db, input.id, here);
  if (!existing) {
    const booked = await ctx.db.transaction((tx) => bookRedemption(ctx, tx, actor, input));
    if (booked) return;
  }
  const first = existing ?? (await findRedemption(ctx.db, input.id, here));
  if (!first || first.requestHash !== redemptionHash(input.market.id, input.volunteer.id, input.lines))
    throw new AppError('supermarket.id_reused');
}

/** The counter (staff scan the volunteer's code, fill the cart, redeem), the redemptions list, returns. */
export class RedemptionService {
  constructor(
    private readonly ctx: AppContext,
    private readonly markets: SupermarketService,
  ) {}

  /** The volunteer of a counter code: looked for in the supermarket's community first (most shop where they live). */
  private async volunteerOf(actor: Actor, code: string, market: { areaCode: string }): Promise<VolunteerRef> {
    const volunteer = await verifyVolunteerCounterCode(this.ctx, this.ctx.db, code, [market.areaCode]);
    if (!volunteer) {
      auditRead(this.ctx, actor, { action: 'supermarket.counter_lookup', objectType: 'volunteer', result: 'failure' });
      throw new AppError('supermarket.code_invalid');
    }
    if (volunteer.status !== 'active') throw new AppError('supermarket.not_volunteer');
    return volunteer;
  }

  async lookup(actor: Actor, input: CounterLookupInput): Promise<CounterVolunteer> {
    const market = await this.markets.visible(actor, input.supermarketId, supermarketPolicy.canCounter);
    const volunteer = await this.volunteerOf(actor, input.code, market);
    auditRead(this.ctx, actor, {
      action: 'supermarket.counter_lookup',
      objectType: 'volunteer',
      objectIds: [volunteer.id],
      fields: ['maskedName', 'balance'],
    });
    return {
      volunteerId: volunteer.id,
      maskedName: volunteer.maskedName,
      balance: await volunteerBalance(this.ctx, volunteer),
    };
  }

  async redeem(actor: Actor, input: CounterRedemptionInput): Promise<Redemption> {
    const market = await this.markets.visible(actor, input.supermarketId, supermarketPolicy.canCounter);
    // A repeat of a booked submission is answered before its (by now maybe stale) code is checked again.
    const existing = await findRedemption(this.ctx.db, input.id, [market.areaCode]);
    if (existing && existing.supermarketId === market.id) return this.dto(actor, existing);
    if (!market.active) throw new AppError('supermarket.closed');
    const volunteer = await this.volunteerOf(actor, input.code, market);
    await bookOnce(this.ctx, actor, { id: input.id, market, volunteer, lines: input.lines, channel: 'counter' });
    return this.detail(actor, input.id, false);
  }

  private async dto(actor: Actor, row: RedemptionWithLines): Promise<Redemption> {
    const names = await volunteerRefs(this.ctx.db, [row.volunteerId], [row.areaCode]);
    return redemptionDto(row, names, redemptionActions(actor, row));
  }

  private async visible(actor: Actor, id: string, can = supermarketPolicy.canRead): Promise<RedemptionWithLines> {
    const row = await findRedemption(this.ctx.db, id, scopeCommunities(actor.scopePrefixes));
    if (!row || !can(actor, row))
      throw deniedNotFound(this.ctx, actor, 'supermarket_redemption', [id], 'supermarket.not_found');
    return row;
  }

  async detail(actor: Actor, id: string, audit = true): Promise<Redemption> {
    const row = await this.visible(actor, id);
    if (audit)
      auditRead(this.ctx, actor, {
        action: 'supermarket.redemption_read',
        objectType: 'supermarket_redemption',
        objectIds: [id],
        fields: ['volunteerName', 'lines'],
      });
    return this.dto(actor, row);
  }

  async list(actor: Actor, query: Omit<RedemptionFilter, 'prefixes' | 'volunteerId'> & Paging) {
    if (query.supermarketId) await this.markets.visible(actor, query.supermarketId);
    const { rows, total } = await listRedemptions(this.ctx.db, { ...query, prefixes: actor.scopePrefixes });
    const names = await volunteerRefs(this.ctx.db, [...new Set(rows.map((r) => r.volunteerId))]);
    auditRead(this.ctx, actor, {
      action: 'supermarket.redemptions',
      objectType: 'supermarket_redemption',
      objectIds: rows.map((r) => r.id),
      fields: ['volunteerName', 'lines'],
    });
    const items = rows.map((r) => redemptionDto(r, names, redemptionActions(actor, r)));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** A reservation handed over at the counter (points and stock were taken when it was made). */
  async collect(actor: Actor, id: string): Promise<Redemption> {
    const row = await this.visible(actor, id, supermarketPolicy.canCounter);
    await this.ctx.db.transaction(async (tx) => {
      const now = this.ctx.clock.now();
      const moved = await transitionRedemption(tx, row, ['reserved'], {
        status: 'collected',
        collectedAt: now,
        collectedBy: actor.userId,
      });
      if (!moved) throw new AppError('supermarket.invalid_state');
      await auditInTx(this.ctx, tx, actor, {
        action: 'supermarket.collect',
        objectType: 'supermarket_redemption',
        objectIds: [id],
      });
    });
    return this.detail(actor, id, false);
  }

  /** Calls off a reservation: everything goes back (stock and points). */
  async cancel(actor: Actor, id: string, reason: string | undefined): Promise<Redemption> {
    const row = await this.visible(actor, id, supermarketPolicy.canCounter);
    await cancelReservation(this.ctx, actor, row, reason || '工作人员取消预约');
    return this.detail(actor, id, false);
  }

  /** Goods brought back (some or all lines): stock up and the points back to the volunteer, once per return id. */
  async returnGoods(actor: Actor, id: string, input: ReturnInput): Promise<Redemption> {
    const row = await this.visible(actor, id, supermarketPolicy.canCounter);
    const done = await findReturn(this.ctx.db, input.id);
    if (done) return this.detail(actor, id, false);
    if (row.status !== 'collected') throw new AppError('supermarket.invalid_state');
    const volunteerArea = await areaOfVolunteer(this.ctx, row.volunteerId, row.areaCode);
    await this.ctx.db.transaction((tx) =>
      giveBack(this.ctx, tx, actor, {
        returnId: input.id,
        redemption: row,
        volunteerAreaCode: volunteerArea,
        lines: input.lines,
        reason: input.reason,
        why: 'return',
      }),
    );
    return this.detail(actor, id, false);
  }
}

async function areaOfVolunteer(ctx: AppContext, volunteerId: string, fallback: string): Promise<string> {
  return (await volunteerRefs(ctx.db, [volunteerId])).get(volunteerId)?.areaCode ?? fallback;
}

export interface CancelOptions {
  /** 'expired': the reservation was not collected in time and the server (actor null) gives it back. */
  status?: 'cancelled' | 'expired';
  /** More to do in the same transaction once the reservation is given back (e.g. tell the volunteer). */
  also?: (tx: Tx, volunteer: VolunteerRef | null) => Promise<void>;
}

/**
 * Calls off a reservation in full — by staff, by the volunteer on /m, or by the expiry job (actor null, status
 * 'expired'): the status first (a conditional UPDATE on 'reserved', so a racing cancel, collect or second job run
 * loses with supermarket.invalid_state and nothing is written twice), then stock and points back.
 */
export async function cancelReservation(
  ctx: AppContext,
  actor: Actor | null,
  row: RedemptionWithLines,
  reason: string,
  options: CancelOptions = {},
): Promise<void> {
  const status = options.status ?? 'cancelled';
  const volunteer = (await volunteerRefs(ctx.db, [row.volunteerId])).get(row.volunteerId) ?? null;
  await ctx.db.transaction(async (tx) => {
    const moved = await transitionRedemption(tx, row, ['reserved'], {
      status,
      cancelledAt: ctx.clock.now(),
      cancelledBy: actor?.userId ?? null,
      cancelReason: reason,
    });
    if (!moved) throw new AppError('supermarket.invalid_state');
    await giveBack(ctx, tx, actor, {
      returnId: randomUUID(),
      redemption: row,
      volunteerAreaCode: volunteer?.areaCode ?? row.areaCode,
      lines: row.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity - l.returnedQuantity })),
      reason,
      why: status === 'expired' ? 'expire' : 'cancel',
    });
    await options.also?.(tx, volunteer);
  });
}
