import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Permission, Role } from '@linli/contracts';

/** Who is acting, resolved once per request from the session. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** Areas the user holds. */
  areaCodes: string[];
  /** Effective jurisdiction: prefixes of the held areas, or of the area switcher's choice. */
  scopePrefixes: string[];
  currentAreaCode: string | null;
  sessionId: string;
  ip: string | null;
  requestId: string | null;
  /**
   * The primary's WAL position after this session's last write (read-after-write, platform/read-replica.ts): routed
   * reads go to the replica only once it has replayed this far. Absent = nothing to wait for.
   */
  lastWriteLsn?: bigint | null;
}

/**
 * The significant prefix of an area code: district 6, street 9, community 12, grid 15 characters.
 * Statistical codes pad lower levels with zeros (510107000000 is a district, 510107001000 a street).
 */
export function scopePrefix(code: string): string {
  if (code.length === 15) return code;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

export function codeInPrefixes(code: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => code.startsWith(prefix));
}

export function actorCanSeeArea(actor: Actor, code: string): boolean {
  return codeInPrefixes(code, actor.scopePrefixes);
}

/** SQL condition: `column` lies inside the actor's jurisdiction. Uses the text_pattern_ops indexes. */
export function inScope(column: AnyPgColumn | SQL, prefixes: readonly string[]): SQL {
  if (prefixes.length === 0) return sql`false`;
  const parts = prefixes.map((prefix) => sql`${column} LIKE ${prefix + '%'}`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * For rows that carry a community code and a grid code: inside the jurisdiction when either is. A grid worker's
 * prefix (15 characters) only ever matches the grid column.
 */
export function inAreaOrGrid(
  areaColumn: AnyPgColumn | SQL,
  gridColumn: AnyPgColumn | SQL,
  prefixes: readonly string[],
): SQL {
  const gridPrefixes = prefixes.filter((p) => p.length > 12);
  if (gridPrefixes.length === 0) return inScope(areaColumn, prefixes);
  return sql`(${inScope(areaColumn, prefixes)} OR ${inScope(gridColumn, gridPrefixes)})`;
}

/**
 * The communities a jurisdiction lies in, when it lies in communities or their grids only (12- and 15-digit
 * prefixes); null for a street or wider one. A grid's community is its code's first 12 digits.
 */
export function scopeCommunities(prefixes: readonly string[]): string[] | null {
  if (prefixes.length === 0 || prefixes.some((p) => p.length < 12)) return null;
  return [...new Set(prefixes.map((p) => p.slice(0, 12)))].sort();
}

/**
 * SQL condition naming the communities a row of a community-owned table (distributed by `area_code`) must lie in, or
 * undefined when there is no such list. It restates what the scope check says anyway, with `=`: on Citus that is
 * what routes a query to one shard group (a `LIKE` reaches every shard; ADR 0009 change 1).
 */
export function inCommunities(areaColumn: AnyPgColumn | SQL, communities: readonly string[] | null): SQL | undefined {
  if (!communities) return undefined;
  if (communities.length === 0) return sql`false`;
  if (communities.length === 1) return sql`${areaColumn} = ${communities[0]}`;
  return sql`${areaColumn} IN (${sql.join(
    communities.map((c) => sql`${c}`),
    sql`, `,
  )})`;
}

/** inAreaOrGrid for a community-owned table, with its communities named for shard routing (inCommunities). */
export function inCommunityOrGrid(
  areaColumn: AnyPgColumn | SQL,
  gridColumn: AnyPgColumn | SQL,
  prefixes: readonly string[],
): SQL {
  const scope = () => inAreaOrGrid(areaColumn, gridColumn, prefixes);
  const communities = inCommunities(areaColumn, scopeCommunities(prefixes));
  if (!communities) return scope();
  // Communities alone: the `=` says all the LIKE would. Both at once made PostgreSQL's planner count the one
  // condition twice (its row estimate squared): at city scale it took a worker's visits through the community's
  // index, 21,902 rows estimated at 100, instead of the worker's own (a worklist statement 8–13 ms).
  if (prefixes.every((prefix) => prefix.length === 12)) return communities;
  return sql`(${communities} AND ${scope()})`;
}

/**
 * inScope for a community-owned table without a grid column, with its communities named for shard routing: for a
 * community jurisdiction the `=` alone (it says all the LIKE would; see inCommunityOrGrid for why not both).
 */
export function inCommunityScope(areaColumn: AnyPgColumn | SQL, prefixes: readonly string[]): SQL {
  const communities = inCommunities(areaColumn, scopeCommunities(prefixes));
  if (!communities) return inScope(areaColumn, prefixes);
  if (prefixes.every((prefix) => prefix.length === 12)) return communities;
  return sql`(${communities} AND ${inScope(areaColumn, prefixes)})`;
}

/** True when every area (code or scope prefix) in `areas` lies inside one of `prefixes`. An empty `areas` is false. */
export function coversAll(prefixes: readonly string[], areas: readonly string[]): boolean {
  return areas.length > 0 && areas.every((area) => codeInPrefixes(area, prefixes));
}

/**
 * An approver must hold every area an approval can touch (F3): approving a request whose objects lie partly
 * outside one's own jurisdiction would release what one could never see.
 */
export function holdsEveryArea(actor: Actor, areas: readonly string[]): boolean {
  return coversAll(actor.scopePrefixes, areas.map(scopePrefix));
}

/**
 * The area two jurisdictions share, as prefixes: for each pair, the longer prefix when one contains the other.
 * `['510107001']` ∩ `['510107001001', '510107002']` = `['510107001001']`.
 */
export function intersectPrefixes(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set<string>();
  for (const x of a)
    for (const y of b) {
      if (x.startsWith(y)) out.add(x);
      else if (y.startsWith(x)) out.add(y);
    }
  // Drop prefixes already covered by a shorter one in the result.
  return [...out].filter((p) => ![...out].some((q) => q !== p && p.startsWith(q))).sort();
}

/** A scope prefix as the 12-digit statistical code of its area (a grid's 15-digit code stays as it is). */
export function areaCodeOfPrefix(prefix: string): string {
  return prefix.length >= 12 ? prefix : prefix.padEnd(12, '0');
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
