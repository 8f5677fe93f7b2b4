import type {
  RequestContact,
  RequestDetail,
  RequestList,
  RequestListQuery,
  RequestSummary,
} from '@linli/contracts/modules/requests';
import type { Actor } from '../../platform/access';
import { type AppContext, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { ViewLookups, placeOf, toDetail, toEvent, toPhoto, toSummary } from './request-view';
import { type RequestActor, allowedRequestActions, requestsPolicy } from './requests.policy';
import {
  type RequestRow,
  actorNames,
  duplicateCandidates,
  eventsOf,
  findPhoto,
  findRequest,
  listRequests,
  photosOf,
} from './requests.repository';
import { unitQueue } from './unit-queue.repository';
import { requestActor } from './units';

const DAY_MS = 86_400_000;
/** Duplicate suggestions: within this distance (when both have a point) or at the same place. */
export const DUPLICATE_METRES = 300;

function metres(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180;
  const x = (b.long - a.long) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

/** Staff reads: the list with filters, the unit's queue, the detail with history and photos, the audited reveal. */
export class RequestsService {
  constructor(private readonly ctx: AppContext) {}

  /** The request if the actor may see it, else 404 (audited as denied). */
  async load(actor: Actor, id: string): Promise<{ a: RequestActor; row: RequestRow }> {
    const a = await requestActor(this.ctx.db, actor);
    const row = await findRequest(this.ctx.db, id);
    if (!row || !requestsPolicy.canRead(a, row))
      throw deniedNotFound(this.ctx, actor, 'request', [id], 'requests.not_found');
    return { a, row };
  }

  private async summaries(actor: Actor, rows: RequestRow[], action: string): Promise<RequestSummary[]> {
    const lookups = await new ViewLookups(this.ctx.db).load(rows);
    const now = this.ctx.clock.now();
    auditRead(this.ctx, actor, {
      action,
      objectType: 'request',
      objectIds: rows.map((r) => r.id),
      fields: ['excerpt'],
    });
    return rows.map((r) => toSummary(r, lookups, now));
  }

  async list(actor: Actor, q: RequestListQuery): Promise<RequestList> {
    const a = await requestActor(this.ctx.db, actor);
    const visibility = {
      prefixes: actor.scopePrefixes,
      organisationId: a.partner ? (a.organisationId ?? '00000000-0000-4000-8000-000000000000') : null,
    };
    const filter = { ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' };
    const { rows, total } = await listRequests(this.ctx.db, visibility, filter, this.ctx.clock.now(), q);
    return { items: await this.summaries(actor, rows, 'requests.list'), total, page: q.page, pageSize: q.pageSize };
  }

  /** The actor's unit's open requests, overdue first. */
  async queue(actor: Actor, q: { page: number; pageSize: number }): Promise<RequestList> {
    const a = await requestActor(this.ctx.db, actor);
    const unit = {
      organisationId: a.organisationId,
      partner: a.partner,
      prefixes: actor.scopePrefixes,
      streetOfficer: actor.roles.includes('street_officer'),
    };
    const { rows, total } = await unitQueue(this.ctx.db, unit, this.ctx.clock.now(), q);
    return { items: await this.summaries(actor, rows, 'requests.queue'), total, page: q.page, pageSize: q.pageSize };
  }

  async detail(actor: Actor, id: string, audit = true): Promise<RequestDetail> {
    const { a, row } = await this.load(actor, id);
    const [events, photos, lookups, place] = [
      await eventsOf(this.ctx.db, id),
      await photosOf(this.ctx.db, id),
      await new ViewLookups(this.ctx.db).load([row]),
      await placeOf(this.ctx.db, row),
    ];
    const names = await actorNames(
      this.ctx.db,
      events.flatMap((e) => (e.actorId ? [e.actorId] : [])),
    );
    if (audit) {
      auditRead(this.ctx, actor, {
        action: 'requests.read',
        objectType: 'request',
        objectIds: [id],
        fields: ['description', 'attributes', 'requesterNameMasked', 'requesterPhoneMasked'],
      });
    }
    const hasContact = !!(row.requesterNameEnc || row.requesterPhoneEnc);
    return toDetail(row, lookups, this.ctx.clock.now(), {
      events: events.map((e) => toEvent(e, names, photos)),
      photos: photos.map(toPhoto),
      place,
      allowedActions: allowedRequestActions(a, { ...row, hasContact }),
    });
  }

  /** The requester's name and phone in full (requests.contact.reveal, in scope), audited. */
  async reveal(actor: Actor, id: string): Promise<RequestContact> {
    const { a, row } = await this.load(actor, id);
    if (!requestsPolicy.canReveal(a, row)) throw deniedNotFound(this.ctx, actor, 'request', [id], 'requests.not_found');
    auditRead(this.ctx, actor, {
      action: 'requests.contact_reveal',
      objectType: 'request',
      objectIds: [id],
      fields: ['requesterName', 'requesterPhone'],
    });
    return {
      name: row.requesterNameEnc ? this.ctx.cipher.decrypt(row.requesterNameEnc) : null,
      phone: row.requesterPhoneEnc ? this.ctx.cipher.decrypt(row.requesterPhoneEnc) : null,
    };
  }

  /** Suggestions to merge with: same category and community, last 7 days, at the same place or within 300 m. */
  async duplicates(actor: Actor, id: string): Promise<{ items: RequestSummary[] }> {
    const { a, row } = await this.load(actor, id);
    if (!requestsPolicy.canTriage(a, row)) throw new AppError('common.forbidden');
    const since = new Date(row.createdAt.getTime() - 7 * DAY_MS);
    const point = row.lat !== null && row.long !== null ? { lat: row.lat, long: row.long } : null;
    const near = (await duplicateCandidates(this.ctx.db, row, since)).filter((c) => {
      if (row.placeId && c.placeId === row.placeId) return true;
      if (point && c.lat !== null && c.long !== null)
        return metres(point, { lat: c.lat, long: c.long }) <= DUPLICATE_METRES;
      return !row.placeId && !point;
    });
    return { items: await this.summaries(actor, near, 'requests.duplicates') };
  }

  /** A photo's bytes, through the request's scope check. */
  async photo(actor: Actor, photoId: string): Promise<{ data: Buffer; contentType: string }> {
    const photo = await findPhoto(this.ctx.db, photoId);
    if (!photo) throw deniedNotFound(this.ctx, actor, 'request_photo', [photoId], 'requests.not_found');
    await this.load(actor, photo.requestId).catch(() => {
      throw deniedNotFound(this.ctx, actor, 'request_photo', [photoId], 'requests.not_found');
    });
    // Audited once the scope check passed, before the bytes are read (a lost object still shows who asked).
    auditRead(this.ctx, actor, {
      action: 'requests.photo',
      objectType: 'request_photo',
      objectIds: [photoId],
      fields: ['photo'],
    });
    const stored = await this.ctx.media.get(photo.storageKey);
    if (!stored) throw new AppError('requests.not_found');
    return stored;
  }
}
