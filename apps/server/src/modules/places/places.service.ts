import { randomUUID } from 'node:crypto';
import type { Place, PlaceInput, PlaceUpdate } from '@linli/contracts/modules/places';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { isUniqueViolation } from '../../platform/transaction-retry';
import { findArea } from '../org';
import { allowedPlaceActions, placesPolicy } from './places.policy';
import { type PlaceRow, findPlace, insertPlace, listPlaces, updatePlace } from './places.repository';

const num = (value: string | null): number | null => (value === null ? null : Number(value));
const dec = (value: number | null | undefined): string | null | undefined =>
  value === undefined ? undefined : value === null ? null : String(value);

/** The community an account belongs to: its current or first area when that is a community, or a grid's community. */
function ownCommunity(actor: Actor): string | null {
  const area = actor.currentAreaCode ?? actor.areaCodes[0] ?? null;
  if (!area) return null;
  if (area.length === 15) return area.slice(0, 12);
  return area.endsWith('000') ? null : area; // a street or district holds many communities: the caller must choose
}

/**
 * A community's buildings and points: anyone of the community lists the active ones (a resident picks one when
 * filing a request); the community's staff and grid workers add, edit and deactivate them. No personal data in
 * them, so reads are not audited; changes are (who changed the list residents see).
 */
export class PlacesService {
  constructor(private readonly ctx: AppContext) {}

  private toDto(actor: Actor, row: PlaceRow): Place {
    return {
      id: row.id,
      communityCode: row.areaCode,
      name: row.name,
      kind: row.kind as Place['kind'],
      address: row.address,
      lat: num(row.lat),
      long: num(row.long),
      positionX: row.positionX,
      positionY: row.positionY,
      active: row.active,
      version: row.rowVersion,
      updatedAt: row.updatedAt.toISOString(),
      allowedActions: allowedPlaceActions(actor, row),
    };
  }

  async list(
    actor: Actor,
    query: { communityCode?: string | undefined; includeInactive?: 'true' | 'false' | undefined },
  ) {
    const communityCode = query.communityCode ?? ownCommunity(actor);
    if (!communityCode || !placesPolicy.canRead(actor, communityCode)) {
      throw deniedNotFound(this.ctx, actor, 'area', [communityCode ?? ''], 'area.not_found');
    }
    const inactive = query.includeInactive === 'true' && placesPolicy.seesInactive(actor);
    const rows = await listPlaces(this.ctx.db, communityCode, inactive);
    return { items: rows.map((r) => this.toDto(actor, r)) };
  }

  async detail(actor: Actor, id: string): Promise<Place> {
    const row = await findPlace(this.ctx.db, id);
    if (!row || !placesPolicy.canRead(actor, row.areaCode) || (!row.active && !placesPolicy.seesInactive(actor))) {
      throw deniedNotFound(this.ctx, actor, 'place', [id], 'places.not_found');
    }
    return this.toDto(actor, row);
  }

  async create(actor: Actor, input: PlaceInput): Promise<Place> {
    // A community outside the jurisdiction answers like one that does not exist (ids inside bodies are scope-checked).
    const area = await findArea(this.ctx.db, input.communityCode);
    if (!area || area.status !== 'active' || area.level !== 'community' || !placesPolicy.canManage(actor, area.code)) {
      throw new AppError('area.not_found', [
        { path: 'communityCode', code: 'area.unknown', params: { code: input.communityCode } },
      ]);
    }
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.write(async (tx) => {
      await insertPlace(tx, {
        id,
        areaCode: area.code,
        name: input.name,
        kind: input.kind,
        address: input.address ?? null,
        lat: dec(input.lat) ?? null,
        long: dec(input.long) ?? null,
        positionX: input.positionX ?? null,
        positionY: input.positionY ?? null,
        active: true,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        rowVersion: 1,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'places.create',
        objectType: 'place',
        objectIds: [id],
        detail: `${area.code} ${input.name}`,
      });
    });
    return this.detail(actor, id);
  }

  async update(actor: Actor, id: string, input: PlaceUpdate): Promise<Place> {
    const row = await findPlace(this.ctx.db, id);
    if (!row || !placesPolicy.canManage(actor, row.areaCode)) {
      throw deniedNotFound(this.ctx, actor, 'place', [id], 'places.not_found');
    }
    const { version, ...changes } = input;
    await this.write(async (tx) => {
      const ok = await updatePlace(tx, id, version, {
        name: changes.name,
        kind: changes.kind,
        address: changes.address,
        lat: dec(changes.lat),
        long: dec(changes.long),
        positionX: changes.positionX,
        positionY: changes.positionY,
        active: changes.active,
        updatedAt: this.ctx.clock.now(),
      });
      if (!ok) throw new AppError('common.conflict');
      const action =
        changes.active === false ? 'places.deactivate' : changes.active ? 'places.activate' : 'places.update';
      await auditInTx(this.ctx, tx, actor, {
        action,
        objectType: 'place',
        objectIds: [id],
        fields: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined),
      });
    });
    return this.detail(actor, id);
  }

  /** A transaction whose duplicate active name becomes `places.name_taken`, not a 500. */
  private async write(work: (tx: DbOrTx) => Promise<void>): Promise<void> {
    try {
      await this.ctx.db.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('places.name_taken');
      throw error;
    }
  }
}
