import { type ClientInput, parseIdNumber } from '@linli/contracts';
import type { Actor } from '../../../platform/access';
import type { AppContext } from '../../../platform/context';
import { maskIdNumber, maskPhone } from '../../../platform/masking';
import type { ClientPatch, NewClient } from './clients.repository';
import { nameSearchKeys } from './names';

/** 残疾人证号 = ID number + category digit + grade digit; masking hides the last two digits too. */
export function maskDisabilityCard(card: string | null | undefined): string | null {
  if (!card) return null;
  return `${card.slice(0, 3)}${'*'.repeat(Math.max(0, card.length - 3))}`;
}

/** The row for a new client: numbers encrypted with blind indexes and masked copies, pinyin keys, ID-derived facts. */
export function newClientRow(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  input: ClientInput,
  communityCode: string,
): NewClient {
  const id = input.idNumber ? parseIdNumber(input.idNumber) : null;
  const keys = nameSearchKeys(input.name);
  const now = ctx.clock.now();
  const enc = (v: string | undefined) => (v ? ctx.cipher.encrypt(v) : null);
  const bidx = (v: string | undefined) => (v ? ctx.cipher.blindIndex(v) : null);
  return {
    id: clientId,
    areaCode: communityCode,
    gridCode: input.gridCode ?? null,
    name: input.name,
    namePinyin: keys.pinyin,
    nameInitials: keys.initials,
    idNumberEnc: enc(id?.idNumber),
    idNumberBidx: bidx(id?.idNumber),
    idNumberMasked: maskIdNumber(id?.idNumber),
    sex: id?.sex ?? input.sex ?? null,
    birthDate: id?.birthDate ?? input.birthDate ?? null,
    phoneEnc: enc(input.phone),
    phoneBidx: bidx(input.phone),
    phoneMasked: maskPhone(input.phone),
    address: input.address ?? null,
    categories: [...new Set(input.categories)],
    disabilityCardEnc: enc(input.disabilityCardNumber),
    disabilityCardMasked: maskDisabilityCard(input.disabilityCardNumber),
    disabilityCategory: input.disabilityCategory ?? null,
    disabilityGrade: input.disabilityGrade ?? null,
    emergencyContactName: input.emergencyContactName ?? null,
    emergencyPhoneEnc: enc(input.emergencyContactPhone),
    emergencyPhoneMasked: maskPhone(input.emergencyContactPhone),
    tier: null,
    status: 'active',
    assigneeId: input.assigneeId ?? (actor.permissions.has('care.visit.write') ? actor.userId : null),
    notes: input.notes ?? null,
    version: 1,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
}

export type ClientEdit = {
  version: number;
  name?: string | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  gridCode?: string | null | undefined;
  categories?: string[] | undefined;
  disabilityCategory?: string | null | undefined;
  disabilityGrade?: string | null | undefined;
  emergencyContactName?: string | null | undefined;
  emergencyContactPhone?: string | null | undefined;
  assigneeId?: string | null | undefined;
  notes?: string | null | undefined;
  householdId?: string | null | undefined;
};

/** The columns an edit sets: a new name brings new pinyin keys; a new number its cipher text, blind index and masked copy. */
export function clientEditPatch(ctx: AppContext, input: ClientEdit): ClientPatch {
  const enc = (v: string | null) => (v ? ctx.cipher.encrypt(v) : null);
  const patch: ClientPatch = {};
  if (input.name !== undefined)
    Object.assign(patch, {
      name: input.name,
      namePinyin: nameSearchKeys(input.name).pinyin,
      nameInitials: nameSearchKeys(input.name).initials,
    });
  if (input.phone !== undefined)
    Object.assign(patch, {
      phoneEnc: enc(input.phone),
      phoneBidx: input.phone ? ctx.cipher.blindIndex(input.phone) : null,
      phoneMasked: maskPhone(input.phone),
    });
  if (input.emergencyContactPhone !== undefined)
    Object.assign(patch, {
      emergencyPhoneEnc: enc(input.emergencyContactPhone),
      emergencyPhoneMasked: maskPhone(input.emergencyContactPhone),
    });
  for (const key of [
    'address',
    'gridCode',
    'categories',
    'disabilityCategory',
    'disabilityGrade',
    'emergencyContactName',
    'assigneeId',
    'notes',
    'householdId',
  ] as const) {
    if (input[key] !== undefined) Object.assign(patch, { [key]: input[key] });
  }
  return patch;
}
