import { and, eq } from 'drizzle-orm';
import type { PlaceKind } from '@linli/contracts/modules/places';
import type { DbOrTx } from '../../platform/db';
import { communityPlaces } from './places.tables';

const num = (value: string | null): number | null => (value === null ? null : Number(value));

/**
 * An active place of the community, or null: how requests, wishes and Open311 check a place id sent in a body
 * (a place of another community is null, like one that does not exist).
 */
export async function findPlaceInCommunity(
  tx: DbOrTx,
  communityCode: string,
  placeId: string,
): Promise<{ id: string; name: string; kind: PlaceKind; lat: number | null; long: number | null } | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(placeId)) return null;
  const [row] = await tx
    .select()
    .from(communityPlaces)
    .where(
      and(
        eq(communityPlaces.id, placeId),
        eq(communityPlaces.areaCode, communityCode),
        eq(communityPlaces.active, true),
      ),
    );
  return row
    ? { id: row.id, name: row.name, kind: row.kind as PlaceKind, lat: num(row.lat), long: num(row.long) }
    : null;
}

/** Farther than this from every place of the community, a point is "somewhere else", not the nearest building. */
export const NEAREST_PLACE_MAX_METRES = 500;

/**
 * The community's active place nearest to a point (Open311 `lat`/`long`), within 500 m, or null. Plain arithmetic
 * on an equirectangular projection — at the scale of one community (a few hundred metres) its error is far below
 * a building's size, and it needs no PostGIS. A community has at most a few hundred places, so they are all read.
 */
export async function nearestPlace(
  tx: DbOrTx,
  communityCode: string,
  lat: number,
  long: number,
): Promise<{ id: string; name: string } | null> {
  const rows = await tx
    .select({
      id: communityPlaces.id,
      name: communityPlaces.name,
      lat: communityPlaces.lat,
      long: communityPlaces.long,
    })
    .from(communityPlaces)
    .where(and(eq(communityPlaces.areaCode, communityCode), eq(communityPlaces.active, true)));
  let best: { id: string; name: string; metres: number } | null = null;
  for (const row of rows) {
    if (row.lat === null || row.long === null) continue;
    const metres = distanceMetres(lat, long, Number(row.lat), Number(row.long));
    if (metres <= NEAREST_PLACE_MAX_METRES && (!best || metres < best.metres))
      best = { id: row.id, name: row.name, metres };
  }
  return best ? { id: best.id, name: best.name } : null;
}

const EARTH_RADIUS_M = 6_371_000;
export function distanceMetres(lat1: number, long1: number, lat2: number, long2: number): number {
  const rad = Math.PI / 180;
  const x = (long2 - long1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.sqrt(x * x + y * y) * EARTH_RADIUS_M;
}
