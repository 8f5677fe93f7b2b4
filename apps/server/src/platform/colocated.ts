import { and, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

interface AreaOwned {
  areaCode: AnyPgColumn;
}

/**
 * The join condition of two area-owned tables, with their community codes equal too. A child row always lies in its
 * parent's community (ADR 0009), so on one PostgreSQL this only restates the key; on Citus, where both tables are
 * distributed by `area_code` and co-located, it is what keeps the join inside one shard group instead of a
 * repartition across the cluster (issue 14).
 */
export function inSameArea(on: SQL, left: AreaOwned, right: AreaOwned): SQL {
  return and(on, eq(left.areaCode, right.areaCode))!;
}

/** A row of a community-owned table named with its community: by-id statements stay on one shard on Citus. */
export interface AreaKey {
  id: string;
  areaCode: string;
}

/** `idColumn = key.id` and the row's community: a by-id (or by-parent-id) condition that names its shard. */
export function byKey(idColumn: AnyPgColumn, areaColumn: AnyPgColumn, key: AreaKey): SQL {
  return and(eq(idColumn, key.id), eq(areaColumn, key.areaCode))!;
}
