import type {
  RequestFileInput,
  RequestIntakeResult,
  RequestStaffIntakeInput,
  ResidentCategoryList,
  ResidentRequest,
  ResidentRequestList,
} from '@linli/contracts/modules/requests';
import { type Actor, codeInPrefixes } from '../../platform/access';
import { type AppContext, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { visibleClientRef } from '../care';
import { listActiveCategories } from './catalogue/catalogue.lookup';
import { type RequestIntakeResult as Taken, districtOf, intakeRequest } from './intake.service';
import { ViewLookups, placeOf, toResident, toResidentSummary } from './request-view';
import { accountPhoneEnc, eventsOf, findPhoto, findRequest, photosOf, requesterRequests } from './requests.repository';

const result = (r: Taken): RequestIntakeResult => ({ ...r, dueAt: r.dueAt?.toISOString() ?? null });

/**
 * Intake by people: staff on a resident's behalf (walk-in, phone, the home-visit drawer) and a resident on /m, who
 * also follows their own requests there. Both end in intakeRequest (one queue with Open311 and the 12345 import).
 */
export class RequestFilingService {
  constructor(private readonly ctx: AppContext) {}

  /** Staff of the community (or of a grid in it) enter a request; a visit's client must be one they may see there. */
  async intake(actor: Actor, input: RequestStaffIntakeInput): Promise<RequestIntakeResult> {
    const inScope =
      codeInPrefixes(input.communityCode, actor.scopePrefixes) ||
      actor.scopePrefixes.some((p) => p.length > 12 && p.startsWith(input.communityCode));
    if (!inScope || input.communityCode.length !== 12) {
      throw new AppError('requests.invalid_input', [{ path: 'communityCode', code: 'field.invalid_value' }]);
    }
    if (input.clientId) {
      const client = await visibleClientRef(this.ctx, actor, input.clientId).catch(() => null);
      if (!client || client.areaCode !== input.communityCode) {
        throw new AppError('requests.invalid_input', [{ path: 'clientId', code: 'field.invalid_value' }]);
      }
    }
    const taken = await this.ctx.db.transaction((tx) =>
      intakeRequest(this.ctx, tx, actor, {
        ...input,
        requesterName: input.requesterName ?? null,
        requesterPhone: input.requesterPhone ?? null,
      }),
    );
    return result(taken);
  }

  /** A resident files in their own community; name and phone come from their account. */
  async file(actor: Actor, input: RequestFileInput): Promise<RequestIntakeResult> {
    const communityCode = actor.areaCodes.find((c) => c.length === 12);
    if (!communityCode) throw new AppError('requests.not_a_resident');
    const taken = await this.ctx.db.transaction(async (tx) => {
      const phoneEnc = await accountPhoneEnc(tx, actor.userId);
      return intakeRequest(this.ctx, tx, actor, {
        ...input,
        channel: 'resident_app',
        communityCode,
        requesterUserId: actor.userId,
        requesterName: actor.displayName,
        requesterPhone: phoneEnc ? this.ctx.cipher.decrypt(phoneEnc) : null,
      });
    });
    return result(taken);
  }

  /** The categories a resident may file under: the active ones of their community's district. */
  async categories(actor: Actor): Promise<ResidentCategoryList> {
    const communityCode = actor.areaCodes.find((c) => c.length === 12);
    if (!communityCode) throw new AppError('requests.not_a_resident');
    const items = await listActiveCategories(this.ctx.db, districtOf(communityCode));
    return {
      items: items.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        group: c.group,
        description: c.description,
        questions: c.questions,
      })),
    };
  }

  async mine(actor: Actor, page: { page: number; pageSize: number }): Promise<ResidentRequestList> {
    const { rows, total } = await requesterRequests(this.ctx.db, actor.userId, page);
    const lookups = await new ViewLookups(this.ctx.db).load(rows);
    const now = this.ctx.clock.now();
    auditRead(this.ctx, actor, {
      action: 'requests.mine',
      objectType: 'request',
      objectIds: rows.map((r) => r.id),
      fields: ['status'],
    });
    return { items: rows.map((r) => toResidentSummary(r, lookups, now)), total, ...page };
  }

  private async own(actor: Actor, id: string) {
    const row = await findRequest(this.ctx.db, id);
    if (!row || row.requesterUserId !== actor.userId)
      throw deniedNotFound(this.ctx, actor, 'request', [id], 'requests.not_found');
    return row;
  }

  async mineDetail(actor: Actor, id: string): Promise<ResidentRequest> {
    const row = await this.own(actor, id);
    const lookups = await new ViewLookups(this.ctx.db).load([row]);
    const parts = {
      place: await placeOf(this.ctx.db, row),
      events: await eventsOf(this.ctx.db, id),
      photos: await photosOf(this.ctx.db, id),
    };
    auditRead(this.ctx, actor, {
      action: 'requests.mine_read',
      objectType: 'request',
      objectIds: [id],
      fields: ['description', 'reply'],
    });
    return toResident(row, lookups, this.ctx.clock.now(), parts);
  }

  /** A photo of the resident's own request (not the unit's internal handling photos). */
  async minePhoto(actor: Actor, photoId: string): Promise<{ data: Buffer; contentType: string }> {
    const photo = await findPhoto(this.ctx.db, photoId);
    const row = photo && photo.stage !== 'handling' ? await findRequest(this.ctx.db, photo.requestId) : null;
    if (!photo || !row || row.requesterUserId !== actor.userId) {
      throw deniedNotFound(this.ctx, actor, 'request_photo', [photoId], 'requests.not_found');
    }
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
