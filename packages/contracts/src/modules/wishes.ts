// Contracts of the wishes module (微心愿): a resident's small wish (or staff posting for a client, with consent),
// reviewed by staff, published on the community's wish wall, claimed by exactly one partner organisation or volunteer,
// fulfilled with a photo, confirmed by the beneficiary, thanked in public. The server and the web import it as
// '@linli/contracts/modules/wishes'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { MobileInput, PersonName } from '../care/values';
import type { FieldCode } from '../field-messages';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = [
  /** Staff: the wishes of one's jurisdiction with their history (beneficiary masked). */
  'wishes.read',
  /** Community staff: review, publish, reject, post for a client with consent, confirm for them, moderate thanks. */
  'wishes.manage',
  /** See the wish wall of one's community (staff), of the communities one's organisation serves (partners). */
  'wishes.wall',
  /** Claim a published wish and fulfil it: a partner member for its organisation, a resident as a volunteer. */
  'wishes.claim',
  /** A resident posts their own wishes on /m, confirms receipt and thanks. */
  'wishes.post',
] as const;
export type WishesPermission = (typeof PERMISSIONS)[number];

const staff = ['wishes.read', 'wishes.manage', 'wishes.wall', 'wishes.claim'] as const;
export const ROLE_GRANTS = {
  district_officer: ['wishes.read', 'wishes.wall'],
  street_officer: ['wishes.read', 'wishes.wall'],
  community_supervisor: staff,
  community_worker: staff,
  social_worker: staff,
  grid_worker: ['wishes.read', 'wishes.wall'],
  partner_member: ['wishes.wall', 'wishes.claim'],
  resident: ['wishes.wall', 'wishes.claim', 'wishes.post'],
} as const satisfies Partial<Record<Role, readonly WishesPermission[]>>;

export const ERRORS = {
  'wishes.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
  'wishes.already_claimed': {
    status: 409,
    zh: '该心愿已被认领，请选择其他心愿',
    en: 'This wish has already been claimed; choose another one',
  },
  'wishes.invalid_state': {
    status: 409,
    zh: '心愿当前状态不允许此操作，请刷新后重试',
    en: 'The wish is not in a state that allows this; reload and try again',
  },
  'wishes.own_wish': { status: 409, zh: '不能认领自己的心愿', en: 'You cannot claim your own wish' },
} as const;

/** How many days a claim stays without fulfilment before it goes back to the wall (docs/wishes.md). */
export const CLAIM_DAYS = 14;
/** Micro-wishes are small: the estimated value is capped (yuan). */
export const WISH_VALUE_CAP = 2000;

export const WISH_STATUSES = [
  'submitted',
  'published',
  'claimed',
  'fulfilled',
  'confirmed',
  'rejected',
  'withdrawn',
] as const;
export const WishStatus = z.enum(WISH_STATUSES);
export type WishStatus = z.infer<typeof WishStatus>;
export const ClaimantKind = z.enum(['organisation', 'volunteer']);
export type ClaimantKind = z.infer<typeof ClaimantKind>;
export const ThanksStatus = z.enum(['pending', 'approved', 'rejected']);

// Eleven digits starting with 1 (a mobile number), 7+ digit runs (landlines) or an ID-card-like 17 digits + X.
const PERSONAL_PATTERN = /1[3-9]\d{9}|\d{17}[\dXx]|\d{7,}|\d{3,4}-\d{7,8}/;
/** Public text carries no personal numbers: phone- and ID-like digit runs are refused (staff review does the rest). */
export function looksPersonal(text: string): boolean {
  return PERSONAL_PATTERN.test(text.replace(/[\s\u3000]/g, ''));
}
const PublicText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !looksPersonal(v), 'wishes.personal_data' satisfies FieldCode);

export const WishTitle = PublicText(40);
export const WishPublicText = PublicText(500);
export const WishValue = z.number().int().min(0).max(WISH_VALUE_CAP);

/** A resident's own wish on /m: the beneficiary is the resident, in their home community. */
export const WishPostInput = z.object({ title: WishTitle, publicText: WishPublicText, estimatedValue: WishValue });
export type WishPostInput = z.infer<typeof WishPostInput>;

/** Staff post on behalf of a resident or client who agreed (consent recorded: who and when). */
export const WishOnBehalfInput = WishPostInput.extend({
  areaCode: AreaCode,
  beneficiaryName: PersonName,
  beneficiaryPhone: MobileInput.optional(),
  consent: z.literal(true, 'wishes.consent_required' satisfies FieldCode),
});
export type WishOnBehalfInput = z.infer<typeof WishOnBehalfInput>;

export const WishPublishInput = z.object({ title: WishTitle.optional(), publicText: WishPublicText.optional() });
export const WishRejectInput = z.object({ reason: z.string().trim().min(1).max(200) });
export const WishClaimInput = z.object({
  /** Staff claiming on an organisation's behalf name it; partner members claim for their own; residents omit it. */
  organisationId: Id.optional(),
});
export type WishClaimInput = z.infer<typeof WishClaimInput>;
export const WishFulfilInput = z.object({
  note: z.string().trim().min(1).max(500),
  photoUploadIds: z.array(Id).min(1).max(3),
});
export type WishFulfilInput = z.infer<typeof WishFulfilInput>;
export const WishConfirmInput = z.object({ thanks: PublicText(200).optional() });
export type WishConfirmInput = z.infer<typeof WishConfirmInput>;
export const WishThanksInput = z.object({ approve: z.boolean() });

/** What the wall (and the claimant) sees: never the beneficiary's name or phone. */
export const WishCard = z.object({
  id: Id,
  number: z.string(),
  areaCode: AreaCode,
  areaName: z.string(),
  title: z.string(),
  publicText: z.string(),
  estimatedValue: z.number().int(),
  status: WishStatus,
  publishedAt: IsoDateTime.nullable(),
  claimantKind: ClaimantKind.nullable(),
  /** The organisation's name, or null for a volunteer (shown as 志愿者). */
  claimantName: z.string().nullable(),
  claimedAt: IsoDateTime.nullable(),
  claimExpiresAt: IsoDateTime.nullable(),
  fulfilledAt: IsoDateTime.nullable(),
  fulfilmentNote: z.string().nullable(),
  photoCount: z.number().int(),
  confirmedAt: IsoDateTime.nullable(),
  /** Shown only once staff approved it. */
  thanks: z.string().nullable(),
  allowedActions: z.array(z.enum(['claim', 'fulfil', 'release'])),
});
export type WishCard = z.infer<typeof WishCard>;
export const WishCardList = Paged(WishCard);
export type WishCardList = z.infer<typeof WishCardList>;
export const WishWallQuery = PageQuery.extend({
  areaCode: AreaCode.optional(),
  /** open: published, waiting for a claimant; done: fulfilled or confirmed. */
  view: z.enum(['open', 'done']).default('open'),
});

/** A resident's own wish, as they see it on /m. */
export const MyWish = WishCard.omit({ allowedActions: true }).extend({
  rejectReason: z.string().nullable(),
  thanksStatus: ThanksStatus.nullable(),
  /** The thanks the resident wrote (shown back to them even before moderation). */
  myThanks: z.string().nullable(),
  allowedActions: z.array(z.enum(['confirm', 'withdraw'])),
});
export type MyWish = z.infer<typeof MyWish>;
export const MyWishList = Paged(MyWish);
export type MyWishList = z.infer<typeof MyWishList>;

export const WishEvent = z.object({
  at: IsoDateTime,
  kind: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

/** Staff's view: the beneficiary masked, consent, review and the history. */
export const Wish = MyWish.omit({ allowedActions: true }).extend({
  beneficiaryKind: z.enum(['resident', 'client']),
  beneficiaryNameMasked: z.string().nullable(),
  beneficiaryPhoneMasked: z.string().nullable(),
  consentAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  events: z.array(WishEvent),
  allowedActions: z.array(z.enum(['publish', 'reject', 'confirm', 'moderate_thanks', 'claim'])),
});
export type Wish = z.infer<typeof Wish>;
export const WishListItem = Wish.omit({ events: true });
export type WishListItem = z.infer<typeof WishListItem>;
export const WishList = Paged(WishListItem);
export type WishList = z.infer<typeof WishList>;
export const WishListQuery = PageQuery.extend({ areaCode: AreaCode.optional(), status: WishStatus.optional() });

/** Per partner organisation: how many wishes it claimed and fulfilled (the partner's record). */
export const WishPartnerCounts = z.object({
  organisationId: Id,
  claimed: z.number().int(),
  inProgress: z.number().int(),
  fulfilled: z.number().int(),
  confirmed: z.number().int(),
});
export type WishPartnerCounts = z.infer<typeof WishPartnerCounts>;
