import {
  type Actor,
  areaCodeOfPrefix,
  codeInPrefixes,
  coversAll,
  hasPermission,
  intersectPrefixes,
} from '../../../platform/access';

type Filter = Record<string, string | undefined>;

interface ExportFacts {
  status: 'pending' | 'approved' | 'rejected' | 'downloaded' | 'expired';
  requesterId: string;
  scopePrefixes: string[];
  expiresAt: Date | null;
}

/** The areas a filter narrows a jurisdiction to: its grid, else its community, else the whole jurisdiction. */
export function exportScope(actor: Actor, filter: Filter): string[] {
  const narrowest = filter.gridCode ?? filter.communityCode;
  return narrowest ? intersectPrefixes(actor.scopePrefixes, [narrowest]) : [...actor.scopePrefixes].sort();
}

/**
 * The one area code that contains every prefix (for the row's `area_code`, which indexes the approvers' queue):
 * their common prefix, cut back to a whole district (6), street (9) or community (12).
 */
export function coveringArea(prefixes: string[]): string {
  let common = prefixes[0] ?? '';
  for (const p of prefixes) while (!p.startsWith(common)) common = common.slice(0, -1);
  const level = [15, 12, 9, 6].find((n) => common.length >= n) ?? 6;
  return areaCodeOfPrefix(common.slice(0, level));
}

/**
 * Unmasked exports (R-18, F3): someone other than the requester, holding every area the export can contain, decides;
 * only the requester downloads, once, before the approval expires.
 */
export const exportPolicy = {
  /** The requester, or anyone whose jurisdiction overlaps the request's areas, may see it (others: 404). */
  canSee: (actor: Actor, row: ExportFacts) =>
    row.requesterId === actor.userId ||
    row.scopePrefixes.some(
      (p) => codeInPrefixes(p, actor.scopePrefixes) || actor.scopePrefixes.some((q) => q.startsWith(p)),
    ),
  canDecide: (actor: Actor, row: ExportFacts) =>
    row.status === 'pending' &&
    row.requesterId !== actor.userId &&
    hasPermission(actor, 'care.export.approve') &&
    coversAll(actor.scopePrefixes, row.scopePrefixes),
  canDownload: (actor: Actor, row: ExportFacts, now: Date) =>
    row.status === 'approved' && row.requesterId === actor.userId && row.expiresAt !== null && row.expiresAt > now,
};

export function allowedExportActions(actor: Actor, row: ExportFacts, now: Date): string[] {
  const actions: string[] = [];
  if (exportPolicy.canDecide(actor, row)) actions.push('decide');
  if (exportPolicy.canDownload(actor, row, now)) actions.push('download');
  return actions;
}
