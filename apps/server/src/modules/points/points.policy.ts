import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';

/** Who may do what with points: named predicates, and the actions the UI may offer (allowedActions). */
export const pointsPolicy = {
  canRead: (actor: Actor, areaCode: string) =>
    hasPermission(actor, 'points.read') && codeInPrefixes(areaCode, actor.scopePrefixes),
  canAdjustIn: (actor: Actor, areaCode: string) =>
    hasPermission(actor, 'points.adjust') && codeInPrefixes(areaCode, actor.scopePrefixes),
  /** District rules: set by whoever holds the district itself (a district officer). */
  canSetRules: (actor: Actor, districtCode: string) =>
    hasPermission(actor, 'points.rules') && codeInPrefixes(districtCode, actor.scopePrefixes),
};

export function allowedAccountActions(actor: Actor, account: { areaCode: string; kind: string }): string[] {
  return account.kind === 'volunteer' && pointsPolicy.canAdjustIn(actor, account.areaCode) ? ['adjust'] : [];
}
