// Contracts of the supermarket module (慈善超市, issue 12): charity supermarkets per community, each with its own
// love-bank points account; items priced in points with stock; stock-in of in-kind donations with their source;
// append-only stock movements; redemption at the counter (staff scan the volunteer's rotating code) or reservation on
// /m; returns that give both the goods and the points back. The server and the web import it as
// '@linli/contracts/modules/supermarket'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = [
  /** Staff: the supermarkets of one's jurisdiction, their items, stock ledger and redemptions. */
  'supermarket.read',
  /** Community staff: open supermarkets, keep the item list, book donations in and stock adjustments. */
  'supermarket.manage',
  /** Community staff at the counter: redeem for a volunteer by their code, hand over reservations, take returns. */
  'supermarket.counter',
  /** A resident (an active volunteer) browses the community's supermarket on /m and reserves goods. */
  'supermarket.shop',
] as const;
export type SupermarketPermission = (typeof PERMISSIONS)[number];

const staff = ['supermarket.read', 'supermarket.manage', 'supermarket.counter'] as const;
export const ROLE_GRANTS = {
  district_officer: ['supermarket.read'],
  street_officer: ['supermarket.read'],
  community_supervisor: staff,
  community_worker: staff,
  social_worker: staff,
  grid_worker: ['supermarket.read'],
  resident: ['supermarket.shop'],
} as const satisfies Partial<Record<Role, readonly SupermarketPermission[]>>;

export const ERRORS = {
  'supermarket.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
  'supermarket.out_of_stock': {
    status: 409,
    zh: '库存不足，未兑换任何物品，请调整数量后重试',
    en: 'Not enough in stock; nothing was redeemed. Change the quantities and try again',
  },
  'supermarket.code_invalid': {
    status: 409,
    zh: '兑换码无效或已过期，请志愿者刷新后重新出示',
    en: 'The code is invalid or has expired; ask the volunteer to show a fresh one',
  },
  'supermarket.not_volunteer': {
    status: 409,
    zh: '只有在册的志愿者才能兑换，请先注册志愿者并等待审核',
    en: 'Only active volunteers can redeem; register as a volunteer and wait for confirmation',
  },
  'supermarket.item_unavailable': {
    status: 409,
    zh: '有物品已下架或不属于该超市，请刷新后重试',
    en: 'An item is no longer offered or is not from this supermarket; reload and try again',
  },
  'supermarket.closed': { status: 409, zh: '该超市已停用', en: 'This supermarket is closed' },
  'supermarket.invalid_state': {
    status: 409,
    zh: '兑换单当前状态不允许此操作，请刷新后重试',
    en: 'The redemption is not in a state that allows this; reload and try again',
  },
  'supermarket.return_exceeds': {
    status: 409,
    zh: '退还数量超过了未退还的数量',
    en: 'More would be returned than is left to return',
  },
  'supermarket.id_reused': {
    status: 409,
    zh: '该提交编号已用于另一笔兑换，请刷新后重试',
    en: 'This submission id was used for another redemption; reload and try again',
  },
  'supermarket.stock_negative': {
    status: 409,
    zh: '调整后库存不能小于零',
    en: 'Stock cannot go below zero',
  },
} as const;

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).optional();
const Points = z.number().int().min(1).max(100_000);
const Quantity = z.number().int().min(1).max(999);
/** How many days a reservation on /m is kept for collection before it expires (given back in full). */
export const RESERVATION_DAYS = { min: 1, max: 60, default: 7 } as const;
const ReservationDays = z.number().int().min(RESERVATION_DAYS.min).max(RESERVATION_DAYS.max);

// ---------- supermarkets ----------

export const SupermarketInput = z.object({
  areaCode: AreaCode,
  name: Text(60),
  address: OptionalText(200),
  openingHours: OptionalText(100),
  /** Days a reservation is kept (default 7). */
  reservationDays: ReservationDays.optional(),
});
export type SupermarketInput = z.infer<typeof SupermarketInput>;

export const SupermarketUpdateInput = z.object({
  name: Text(60),
  address: OptionalText(200),
  openingHours: OptionalText(100),
  active: z.boolean(),
  /** Days a reservation is kept; left out keeps the current setting. Open reservations follow the new setting. */
  reservationDays: ReservationDays.optional(),
});
export type SupermarketUpdateInput = z.infer<typeof SupermarketUpdateInput>;

export const Supermarket = z.object({
  id: Id,
  areaCode: AreaCode,
  name: z.string(),
  address: z.string(),
  openingHours: z.string(),
  active: z.boolean(),
  /** Days a reservation is kept for collection before it expires (1–60). */
  reservationDays: z.number().int(),
  /** The points the supermarket's account holds (what volunteers paid in), null before its first redemption. */
  balance: z.number().int().nullable(),
  itemCount: z.number().int(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type Supermarket = z.infer<typeof Supermarket>;

export const SupermarketListQuery = PageQuery.extend({ areaCode: AreaCode.optional() });
export const SupermarketList = Paged(Supermarket);
export type SupermarketList = z.infer<typeof SupermarketList>;

// ---------- items ----------

export const ITEM_CATEGORIES = ['grain_oil', 'food', 'daily', 'clothing', 'stationery', 'appliance', 'other'] as const;
export const ItemCategory = z.enum(ITEM_CATEGORIES);
export type ItemCategory = z.infer<typeof ItemCategory>;

export const SupermarketItemInput = z.object({
  supermarketId: Id,
  name: Text(60),
  category: ItemCategory,
  unit: Text(10),
  pricePoints: Points,
});
export type SupermarketItemInput = z.infer<typeof SupermarketItemInput>;

export const SupermarketItemUpdateInput = SupermarketItemInput.omit({ supermarketId: true }).extend({
  active: z.boolean(),
});
export type SupermarketItemUpdateInput = z.infer<typeof SupermarketItemUpdateInput>;

export const SupermarketItem = z.object({
  id: Id,
  supermarketId: Id,
  areaCode: AreaCode,
  name: z.string(),
  category: ItemCategory,
  unit: z.string(),
  pricePoints: z.number().int(),
  stock: z.number().int(),
  active: z.boolean(),
  updatedAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type SupermarketItem = z.infer<typeof SupermarketItem>;

export const SupermarketItemListQuery = PageQuery.extend({
  supermarketId: Id.optional(),
  category: ItemCategory.optional(),
  q: z.string().trim().max(60).optional(),
});
export const SupermarketItemList = Paged(SupermarketItem);
export type SupermarketItemList = z.infer<typeof SupermarketItemList>;

// ---------- stock ----------

export const DONOR_KINDS = ['person', 'organisation', 'anonymous'] as const;
export const DonorKind = z.enum(DONOR_KINDS);
export type DonorKind = z.infer<typeof DonorKind>;

/** 入库: an in-kind donation of one item, with where it came from. */
export const StockInInput = z.object({
  itemId: Id,
  quantity: z.number().int().min(1).max(100_000),
  donorKind: DonorKind,
  /** A person's or organisation's name as the donor wishes it recorded (none for anonymous). */
  donorName: OptionalText(60),
  /** An organisation of the partner register, when the donor is one. */
  organisationId: Id.optional(),
  /** The charity fund's reference (慈善款物登记号), when the donation is later linked to one. */
  fundReference: OptionalText(60),
  note: OptionalText(200),
});
export type StockInInput = z.infer<typeof StockInInput>;

/** A stock count correction (loss, damage, count): delta ≠ 0, with a reason. */
export const StockAdjustInput = z.object({
  itemId: Id,
  delta: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .refine((n) => n !== 0),
  reason: Text(200),
});
export type StockAdjustInput = z.infer<typeof StockAdjustInput>;

export const MOVEMENT_KINDS = ['donation', 'redemption', 'return', 'adjustment'] as const;
export const MovementKind = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof MovementKind>;

export const StockMovement = z.object({
  id: Id,
  supermarketId: Id,
  itemId: Id,
  itemName: z.string(),
  kind: MovementKind,
  /** Signed: + into stock, − out of it. */
  quantity: z.number().int(),
  stockAfter: z.number().int(),
  donorKind: DonorKind.nullable(),
  donorName: z.string().nullable(),
  organisationId: Id.nullable(),
  fundReference: z.string().nullable(),
  note: z.string().nullable(),
  redemptionId: Id.nullable(),
  createdAt: IsoDateTime,
});
export type StockMovement = z.infer<typeof StockMovement>;

export const StockMovementListQuery = PageQuery.extend({
  supermarketId: Id.optional(),
  itemId: Id.optional(),
  kind: MovementKind.optional(),
});
export const StockMovementList = Paged(StockMovement);
export type StockMovementList = z.infer<typeof StockMovementList>;

// ---------- redemptions ----------

export const RedemptionLineInput = z.object({ itemId: Id, quantity: Quantity });
const Lines = z.array(RedemptionLineInput).min(1).max(20);

/** At the counter: the staff member scanned (or pasted) the volunteer's rotating code and filled the cart. */
export const CounterRedemptionInput = z.object({
  /** Made by the page once per cart: the same submission sent twice is booked once. */
  id: Id,
  supermarketId: Id,
  code: Text(200),
  lines: Lines,
});
export type CounterRedemptionInput = z.infer<typeof CounterRedemptionInput>;

export const CounterLookupInput = z.object({ supermarketId: Id, code: Text(200) });
export type CounterLookupInput = z.infer<typeof CounterLookupInput>;
export const CounterVolunteer = z.object({
  volunteerId: Id,
  maskedName: z.string(),
  balance: z.number().int(),
});
export type CounterVolunteer = z.infer<typeof CounterVolunteer>;

/** On /m: the volunteer reserves goods; points and stock are taken at once, the goods are collected at the counter. */
export const ReservationInput = z.object({ id: Id, supermarketId: Id, lines: Lines });
export type ReservationInput = z.infer<typeof ReservationInput>;

export const ReturnInput = z.object({
  /** Made by the page once per return: the same return sent twice is booked once. */
  id: Id,
  lines: z.array(RedemptionLineInput).min(1).max(20),
  reason: Text(200),
});
export type ReturnInput = z.infer<typeof ReturnInput>;

export const CancelInput = z.object({ reason: OptionalText(200) });
export type CancelInput = z.infer<typeof CancelInput>;

/**
 * reserved → collected (→ returned), or reserved → cancelled (by the volunteer or staff) or → expired (not collected
 * within the supermarket's reservation days: given back in full by the server, like a cancellation).
 */
export const REDEMPTION_STATUSES = ['reserved', 'collected', 'cancelled', 'expired', 'returned'] as const;
export const RedemptionStatus = z.enum(REDEMPTION_STATUSES);
export type RedemptionStatus = z.infer<typeof RedemptionStatus>;
export const RedemptionChannel = z.enum(['counter', 'reservation']);
export type RedemptionChannel = z.infer<typeof RedemptionChannel>;

export const RedemptionLine = z.object({
  itemId: Id,
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  pricePoints: z.number().int(),
  returnedQuantity: z.number().int(),
});
export type RedemptionLine = z.infer<typeof RedemptionLine>;

export const Redemption = z.object({
  id: Id,
  supermarketId: Id,
  supermarketName: z.string(),
  areaCode: AreaCode,
  volunteerId: Id,
  /** Masked (张*明). */
  volunteerName: z.string(),
  channel: RedemptionChannel,
  status: RedemptionStatus,
  totalPoints: z.number().int(),
  returnedPoints: z.number().int(),
  lines: z.array(RedemptionLine),
  createdAt: IsoDateTime,
  collectedAt: IsoDateTime.nullable(),
  /** Cancelled or expired at. */
  cancelledAt: IsoDateTime.nullable(),
  /** A reservation not yet collected: it expires (everything given back) at this instant. */
  pickupBy: IsoDateTime.nullable(),
  allowedActions: z.array(z.string()),
});
export type Redemption = z.infer<typeof Redemption>;

export const RedemptionListQuery = PageQuery.extend({
  supermarketId: Id.optional(),
  status: RedemptionStatus.optional(),
});
export const RedemptionList = Paged(Redemption);
export type RedemptionList = z.infer<typeof RedemptionList>;

// ---------- /m ----------

export const MySupermarket = z.object({
  /** Whether the account is an active volunteer (only they may reserve). */
  volunteer: z.boolean(),
  balance: z.number().int(),
  supermarkets: z.array(Supermarket.pick({ id: true, name: true, address: true, openingHours: true })),
});
export type MySupermarket = z.infer<typeof MySupermarket>;

export const MyItemsQuery = PageQuery.extend({ supermarketId: Id });
