import { type Actor, codeInPrefixes, hasPermission, scopePrefix } from '../../platform/access';

type Scoped = { areaCode: string };

/** Who may do what with hours: named predicates, and the actions the UI may offer (allowedActions). */
export const hoursPolicy = {
  canRead: (actor: Actor, row: Scoped) =>
    hasPermission(actor, 'hours.read') && codeInPrefixes(row.areaCode, actor.scopePrefixes),
  canWrite: (actor: Actor, row: Scoped) =>
    hasPermission(actor, 'hours.write') && codeInPrefixes(row.areaCode, actor.scopePrefixes),
  /**
   * Non-personal configuration (a district's star thresholds): readable inside the jurisdiction and for the areas
   * above it, so a community worker reads the rule of the district their community lies in.
   */
  canReadConfig: (actor: Actor, areaCode: string) =>
    hasPermission(actor, 'hours.read') &&
    areaCode.length > 0 &&
    (codeInPrefixes(areaCode, actor.scopePrefixes) ||
      actor.scopePrefixes.some((prefix) => prefix.startsWith(scopePrefix(areaCode)))),
  canSet: (actor: Actor, areaCode: string) =>
    hasPermission(actor, 'hours.settings') && codeInPrefixes(areaCode, actor.scopePrefixes),
  canExport: (actor: Actor) => hasPermission(actor, 'hours.export'),
};

export function entryActions(actor: Actor, row: Scoped & { minutes: number }, reversed: boolean): string[] {
  return hoursPolicy.canWrite(actor, row) && row.minutes > 0 && !reversed ? ['reverse'] : [];
}

export function claimActions(actor: Actor, row: Scoped & { status: string }): string[] {
  return hoursPolicy.canWrite(actor, row) && row.status === 'pending' ? ['approve', 'decline'] : [];
}

export function certificateActions(actor: Actor, row: Scoped & { status: string }): string[] {
  const actions = hoursPolicy.canRead(actor, row) ? ['download'] : [];
  if (hoursPolicy.canWrite(actor, row) && row.status === 'valid') actions.push('revoke');
  return actions;
}
