import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Permission, Role } from '@linli/contracts';
import { AppError } from './errors';

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
export function inAreaOrGrid(areaColumn: AnyPgColumn | SQL, gridColumn: AnyPgColumn | SQL, prefixes: readonly string[]): SQL {
  const gridPrefixes = prefixes.filter((p) => p.length > 12);
  if (gridPrefixes.length === 0) return inScope(areaColumn, prefixes);
  return sql`(${inScope(areaColumn, prefixes)} OR ${inScope(gridColumn, gridPrefixes)})`;
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new AppError('common.forbidden', undefined, `missing ${permission}`);
}

export function primaryRole(actor: Pick<Actor, 'roles'>): string | null {
  return actor.roles[0] ?? null;
}
