import type { MyWish, Wish, WishCard, WishListItem } from '@linli/contracts/modules/wishes';
import type { Actor } from '../../platform/access';
import { cardActions, ownActions, staffActions } from './wishes.policy';
import type { WishRow, wishEventsOf } from './wishes.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

type CardFields = Omit<WishCard, 'allowedActions'>;

/** The public face of a wish: no beneficiary, thanks only once approved. */
function cardFields(row: WishRow): CardFields {
  return {
    id: row.id,
    number: row.number,
    areaCode: row.areaCode,
    areaName: row.areaName ?? row.areaCode,
    title: row.title,
    publicText: row.publicText,
    estimatedValue: row.estimatedValue,
    status: row.status as WishCard['status'],
    publishedAt: iso(row.publishedAt),
    claimantKind: (row.claimantKind as WishCard['claimantKind']) ?? null,
    claimantName: row.claimantKind === 'organisation' ? row.claimantName : null,
    claimedAt: iso(row.claimedAt),
    claimExpiresAt: iso(row.claimExpiresAt),
    fulfilledAt: iso(row.fulfilledAt),
    fulfilmentNote: row.fulfilmentNote,
    photoCount: row.photoCount,
    confirmedAt: iso(row.confirmedAt),
    thanks: row.thanksStatus === 'approved' ? row.thanksText : null,
  };
}

export function toCard(actor: Actor, row: WishRow, organisationId: string | null, onWall: boolean): WishCard {
  return { ...cardFields(row), allowedActions: cardActions(actor, row, organisationId, onWall) };
}

function ownFields(row: WishRow): Omit<MyWish, 'allowedActions'> {
  return {
    ...cardFields(row),
    rejectReason: row.rejectReason,
    thanksStatus: (row.thanksStatus as MyWish['thanksStatus']) ?? null,
    myThanks: row.thanksText,
  };
}

export function toMine(row: WishRow): MyWish {
  return { ...ownFields(row), allowedActions: ownActions(row) };
}

export function toListItem(actor: Actor, row: WishRow): WishListItem {
  return {
    ...ownFields(row),
    beneficiaryKind: row.beneficiaryKind as Wish['beneficiaryKind'],
    beneficiaryNameMasked: row.beneficiaryNameMasked,
    beneficiaryPhoneMasked: row.beneficiaryPhoneMasked,
    consentAt: iso(row.consentAt),
    createdAt: row.createdAt.toISOString(),
    allowedActions: staffActions(actor, row),
  };
}

export function toWish(actor: Actor, row: WishRow, events: Awaited<ReturnType<typeof wishEventsOf>>): Wish {
  return {
    ...toListItem(actor, row),
    events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, actorName: e.actorName, note: e.note })),
  };
}
