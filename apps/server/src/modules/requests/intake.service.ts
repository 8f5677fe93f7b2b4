import { randomUUID } from 'node:crypto';
import type { RequestChannel, RequestUrgency } from '@linli/contracts/modules/requests';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { maskName, maskPhone } from '../../platform/masking';
import { claimPhotos } from '../../platform/media/uploads';
import { findArea } from '../org';
import { findPlaceInCommunity } from '../places';
import { findCategory, validateAttributes } from './catalogue/catalogue.lookup';
import { insertEvent, insertPhotos, insertRequest, nextRequestNumber } from './requests.repository';

/** What every channel hands in (staff on a resident's behalf, a resident on /m, Open311, the 12345 import). */
export interface RequestIntakeInput {
  channel: RequestChannel;
  /** The community the request is about (12 digits). */
  communityCode: string;
  /** A category of the community's district: its id or its code (Open311 service_code). */
  categoryId: string;
  attributes?: Record<string, string | number | boolean | string[] | null | undefined>;
  description: string;
  requesterName?: string | null;
  requesterPhone?: string | null;
  /** The resident account that filed it (rates it and is told about it). */
  requesterUserId?: string | null;
  placeId?: string | null;
  addressString?: string | null;
  lat?: number | null;
  long?: number | null;
  /** Uploads of `actor` (POST /api/media/photos), claimed here. */
  photoUploadIds?: string[];
  /** A care client seen on a home visit (the caller has checked the actor may see it). */
  clientId?: string | null;
  /** 12345 work-order number; unique per community. */
  externalRef?: string | null;
  apiKeyId?: string | null;
  open311Token?: string | null;
  /** When the channel received it (an imported work order's date); default now. */
  receivedAt?: Date;
  /** Default: the category's default urgency. */
  urgency?: RequestUrgency;
}

export interface RequestIntakeResult {
  id: string;
  number: string;
  status: 'submitted';
  dueAt: Date | null;
}

const invalid = (path: string) => new AppError('requests.invalid_input', [{ path, code: 'field.invalid_value' }]);

/** The district of a community (statistical codes pad it with zeros). */
export function districtOf(areaCode: string): string {
  return `${areaCode.slice(0, 6)}000000`;
}

/**
 * Takes one request in, inside the caller's transaction: checks the community, the category (its current version is
 * pinned) and the answers to its questions, the place, claims the photos, numbers it, writes its first history step
 * and the audit row. Every request starts `submitted` (待分拣): triage routes it. The caller has checked that the
 * actor may file in the community (scope, resident's own community, API key's areas).
 */
export async function intakeRequest(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor,
  input: RequestIntakeInput,
): Promise<RequestIntakeResult> {
  const area = await findArea(tx, input.communityCode);
  if (!area || area.status !== 'active' || area.level !== 'community') throw invalid('communityCode');
  const category = await findCategory(tx, districtOf(area.code), input.categoryId);
  if (!category || !category.active) throw invalid('categoryId');
  const checked = validateAttributes(category.questions, input.attributes ?? {});
  if (!checked.ok) throw new AppError('requests.invalid_input', checked.errors);
  const place = input.placeId ? await findPlaceInCommunity(tx, area.code, input.placeId) : null;
  if (input.placeId && !place) throw invalid('placeId');
  const at = input.receivedAt ?? ctx.clock.now();
  const id = randomUUID();
  const number = await nextRequestNumber(tx, chinaToday(at));
  await insertRequest(tx, {
    ...sourceColumns(ctx, input),
    id,
    areaCode: area.code,
    number,
    categoryId: category.id,
    categoryVersion: category.version,
    attributes: checked.value as Record<string, unknown>,
    urgency: input.urgency ?? category.defaultUrgency,
    status: 'submitted',
    placeId: place?.id ?? null,
    lat: input.lat ?? place?.lat ?? null,
    long: input.long ?? place?.long ?? null,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  });
  const eventId = randomUUID();
  await insertEvent(tx, {
    id: eventId,
    requestId: id,
    areaCode: area.code,
    kind: 'created',
    detail: { channel: input.channel },
    actorId: actor.userId,
    at,
  });
  await addPhotos(ctx, tx, actor, { id, areaCode: area.code }, input.photoUploadIds ?? [], 'intake', eventId);
  await auditInTx(ctx, tx, actor, {
    action: 'requests.intake',
    objectType: 'request',
    objectIds: [id],
    fields: [
      'description',
      ...(input.requesterName ? ['requesterName'] : []),
      ...(input.requesterPhone ? ['requesterPhone'] : []),
    ],
  });
  return { id, number, status: 'submitted', dueAt: null };
}

/** The columns taken as the channel gave them. */
function sourceColumns(ctx: AppContext, input: RequestIntakeInput) {
  return {
    channel: input.channel,
    description: input.description,
    requesterUserId: input.requesterUserId ?? null,
    ...contactColumns(ctx, input.requesterName ?? null, input.requesterPhone ?? null),
    clientId: input.clientId ?? null,
    addressString: input.addressString ?? null,
    externalRef: input.externalRef ?? null,
    apiKeyId: input.apiKeyId ?? null,
    open311Token: input.open311Token ?? null,
  };
}

/** Name and phone encrypted, with masked copies for lists (personal data: shown in full only by an audited reveal). */
export function contactColumns(ctx: AppContext, name: string | null, phone: string | null) {
  return {
    requesterNameEnc: name ? ctx.cipher.encrypt(name) : null,
    requesterNameMasked: maskName(name),
    requesterPhoneEnc: phone ? ctx.cipher.encrypt(phone) : null,
    requesterPhoneMasked: maskPhone(phone),
  };
}

/** Claims the actor's uploads and records them as the request's photos of one stage. */
export async function addPhotos(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor,
  request: { id: string; areaCode: string },
  uploadIds: string[],
  stage: 'intake' | 'handling' | 'resolution',
  eventId: string | null,
): Promise<string[]> {
  if (uploadIds.length === 0) return [];
  const claimed = await claimPhotos(tx, actor, uploadIds, 6);
  const at = ctx.clock.now();
  const rows = claimed.map((p) => ({
    id: randomUUID(),
    requestId: request.id,
    areaCode: request.areaCode,
    eventId,
    stage,
    storageKey: p.storageKey,
    contentType: p.contentType,
    width: p.width,
    height: p.height,
    createdBy: actor.userId,
    createdAt: at,
  }));
  await insertPhotos(tx, rows);
  return rows.map((r) => r.id);
}
