import {
  type Actor,
  areaCodeOfPrefix,
  codeInPrefixes,
  coversAll,
  hasPermission,
  intersectPrefixes,
  scopePrefix,
} from '../../platform/access';

interface RequestFacts {
  status: 'pending' | 'approved' | 'rejected' | 'downloaded';
  requesterId: string;
  scopePrefixes: string[];
  expiresAt: Date | null;
}

/** The areas an export may contain: the jurisdiction, narrowed to `areaCode` when the filter names one. */
export function idExportScope(actor: Actor, areaCode: string | undefined): string[] {
  return areaCode ? intersectPrefixes(actor.scopePrefixes, [scopePrefix(areaCode)]) : [...actor.scopePrefixes].sort();
}

/** The one area code containing every prefix: their common prefix cut back to a district, street or community. */
export function coveringArea(prefixes: readonly string[]): string {
  let common = prefixes[0] ?? '';
  for (const p of prefixes) while (!p.startsWith(common)) common = common.slice(0, -1);
  const level = [15, 12, 9, 6].find((n) => common.length >= n) ?? 6;
  return areaCodeOfPrefix(common.slice(0, level));
}

/**
 * The national CSV with full ID numbers, as care's unmasked exports (care/exports/exports.policy.ts): someone
 * other than the requester, holding `hours.export.approve` and every area the export can contain, decides; only the
 * requester downloads, once, before the approval expires.
 */
export const idExportPolicy = {
  /** The requester, or anyone whose jurisdiction overlaps the request's areas, may see it (others: 404). */
  canSee: (actor: Actor, row: RequestFacts) =>
    row.requesterId === actor.userId ||
    row.scopePrefixes.some(
      (p) => codeInPrefixes(p, actor.scopePrefixes) || actor.scopePrefixes.some((q) => q.startsWith(p)),
    ),
  canDecide: (actor: Actor, row: RequestFacts) =>
    row.status === 'pending' &&
    row.requesterId !== actor.userId &&
    hasPermission(actor, 'hours.export.approve') &&
    coversAll(actor.scopePrefixes, row.scopePrefixes),
  canDownload: (actor: Actor, row: RequestFacts, now: Date) =>
    row.status === 'approved' &&
    row.requesterId === actor.userId &&
    hasPermission(actor, 'hours.export') &&
    row.expiresAt !== null &&
    row.expiresAt > now,
};

export function idExportActions(actor: Actor, row: RequestFacts, now: Date): string[] {
  const actions: string[] = [];
  if (idExportPolicy.canDecide(actor, row)) actions.push('decide');
  if (idExportPolicy.canDownload(actor, row, now)) actions.push('download');
  return actions;
}
