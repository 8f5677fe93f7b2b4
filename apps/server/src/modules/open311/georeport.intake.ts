import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/access';
import { scopePrefix } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { findPlaceInCommunity, nearestPlace } from '../places';
import { findCategory, intakeRequest } from '../requests';
import { GeoError, badRequest } from './georeport.errors';
import { type GeoPostInput, readPostForm } from './georeport.form';
import { communitiesUnder } from './georeport.repository';
import type { Open311KeyRow } from './keys.repository';
import type { Open311KeyService } from './keys.service';

/** Where a request lands: its community, and the community's place when one was named or is near the point. */
interface Placement {
  communityCode: string;
  placeId: string | null;
}

const EARTH_RADIUS_M = 6_371_000;
function metres(lat1: number, long1: number, lat2: number, long2: number): number {
  const rad = Math.PI / 180;
  const x = (long2 - long1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  return Math.hypot(x, (lat2 - lat1) * rad) * EARTH_RADIUS_M;
}

/**
 * The partner system acting through its key, for intake and audit. Requests need a user id to be "created by": the
 * administrator who issued the key (who answers for it); the audit row names the key (`open311:<prefix>`). It holds
 * no permission: it only ever reaches intakeRequest, after the key's area was checked here.
 */
function keyActor(key: Open311KeyRow, client: { ip: string | null; requestId: string | null }): Actor {
  return {
    userId: key.createdBy,
    username: `open311:${key.keyPrefix}`,
    displayName: key.name,
    roles: [],
    permissions: new Set(),
    areaCodes: [key.areaCode],
    scopePrefixes: [scopePrefix(key.areaCode)],
    currentAreaCode: null,
    sessionId: `open311:${key.id}`,
    ip: client.ip,
    requestId: client.requestId,
  };
}

/** POST requests: the key, the form, where the request belongs, then the requests module's intake. */
export class GeoIntakeService {
  constructor(
    private readonly ctx: AppContext,
    private readonly keys: Open311KeyService,
  ) {}

  async post(body: unknown, client: { ip: string | null; requestId: string | null }) {
    const apiKey = body && typeof body === 'object' ? (body as Record<string, unknown>).api_key : undefined;
    const check = await this.keys.check(typeof apiKey === 'string' ? apiKey : undefined, client);
    if (!check.ok) {
      if (check.reason === 'limited') throw new GeoError(429, 'Too many requests for this api_key; wait a minute');
      throw new GeoError(403, check.reason === 'missing' ? 'api_key is required' : 'api_key is not valid');
    }
    const key = check.key;
    const { input, attributes } = readPostForm(body);
    if ((input.lat === undefined) !== (input.long === undefined)) throw badRequest('lat and long go together');
    if (input.lat === undefined && !input.address_string && !input.address_id)
      throw badRequest('A location is required: lat and long, address_string or address_id');
    const category = await findCategory(this.ctx.db, key.areaCode, input.service_code);
    if (!category || !category.active || category.code !== input.service_code)
      throw badRequest(`service_code ${input.service_code} is not a service of this jurisdiction`);
    const token = randomBytes(16).toString('base64url');
    const actor = keyActor(key, client);
    const result = await this.ctx.db.transaction(async (tx) => {
      const placement = await this.place(tx, key, input);
      const name = [input.last_name, input.first_name].filter(Boolean).join('') || null;
      const filed = await intakeRequest(this.ctx, tx, actor, {
        channel: 'open311',
        communityCode: placement.communityCode,
        categoryId: category.id,
        attributes,
        description: input.description,
        requesterName: name,
        requesterPhone: input.phone ?? null,
        placeId: placement.placeId,
        addressString: input.address_string ?? null,
        lat: input.lat ?? null,
        long: input.long ?? null,
        apiKeyId: key.id,
        open311Token: token,
      }).catch((error: unknown) => {
        throw toGeoError(error);
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'open311.request_post',
        objectType: 'request',
        objectIds: [filed.id],
        areaCodes: [placement.communityCode],
        fields: ['description', ...(name ? ['requesterName'] : []), ...(input.phone ? ['requesterPhone'] : [])],
        detail: `key ${key.keyPrefix}; ${filed.number}`,
      });
      return filed;
    });
    return [
      {
        service_request_id: result.number,
        token,
        service_notice: `已受理，${category.resolveWorkingDays} 个工作日内办结 (accepted; due within ${category.resolveWorkingDays} working days of routing)`,
        account_id: null,
      },
    ];
  }

  /**
   * The community a request belongs to (docs/open311.md): a key of one community files there; otherwise the
   * `address_id` (a place id of the places module) names it, or the point's nearest place (within 500 m) among the
   * communities of the key's area does. An address string alone cannot be placed. Nothing outside the key's area
   * is ever found, so a key of one street cannot file in another street's community (400, like an unknown place).
   */
  private async place(tx: DbOrTx, key: Open311KeyRow, input: GeoPostInput): Promise<Placement> {
    const communities =
      key.areaCode.length === 12 && scopePrefix(key.areaCode).length === 12
        ? [{ code: key.areaCode }]
        : await communitiesUnder(tx, scopePrefix(key.areaCode));
    if (input.address_id) {
      for (const c of communities) {
        const place = await findPlaceInCommunity(tx, c.code, input.address_id);
        if (place) return { communityCode: c.code, placeId: place.id };
      }
      throw badRequest('address_id is not a place in this api_key’s area');
    }
    if (input.lat !== undefined && input.long !== undefined) {
      let best: (Placement & { metres: number }) | null = null;
      for (const c of communities) {
        const near = await nearestPlace(tx, c.code, input.lat, input.long);
        const place = near ? await findPlaceInCommunity(tx, c.code, near.id) : null;
        if (!place || place.lat === null || place.long === null) continue;
        const m = metres(input.lat, input.long, place.lat, place.long);
        if (!best || m < best.metres) best = { communityCode: c.code, placeId: place.id, metres: m };
      }
      if (best) return { communityCode: best.communityCode, placeId: best.placeId };
    }
    // A community's own key needs no place: the request is about that community.
    if (communities.length === 1 && communities[0]!.code === key.areaCode)
      return { communityCode: key.areaCode, placeId: null };
    throw badRequest(
      'The location cannot be placed in a community of this api_key’s area: send address_id or lat/long near a listed place',
    );
  }
}

/** The requests module's refusals of the input (an answer to a question, the place) in the standard's terms. */
function toGeoError(error: unknown): unknown {
  if (!(error instanceof AppError) || error.status !== 400) return error;
  const fields = (error.fields ?? []).map((f) => {
    const code = /^attributes\.(.+)$/.exec(f.path);
    return `${code ? `attribute[${code[1]}]` : f.path}: ${f.code.replace(/^field\./, '')}`;
  });
  return badRequest(fields.length ? fields.join('; ') : 'The request is not valid');
}
