import { type Actor, codeInPrefixes, hasPermission } from '../../../platform/access';
import type { ClientVisibility } from './clients.repository';
import { chinaToday } from '../../../platform/dates';

/** A client is a minor until the 15th birthday (security.md decision 6). */
export const MINOR_UNTIL_YEARS = 15;

export function minorBornAfter(now: Date): string {
  const today = chinaToday(now);
  return `${Number(today.slice(0, 4)) - MINOR_UNTIL_YEARS}${today.slice(4)}`;
}

export function isMinor(birthDate: string | null, now: Date): boolean {
  return birthDate !== null && birthDate > minorBornAfter(now);
}

export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (today.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

export function seesAllMinors(actor: Actor): boolean {
  return actor.roles.includes('community_supervisor');
}

export function clientVisibility(actor: Actor, now: Date): ClientVisibility {
  return {
    prefixes: actor.scopePrefixes,
    actorId: actor.userId,
    seesAllMinors: seesAllMinors(actor),
    minorBornAfter: minorBornAfter(now),
  };
}

interface ClientFacts {
  areaCode: string;
  gridCode: string | null;
  birthDate: string | null;
  assigneeId: string | null;
  status: string;
}

export const clientPolicy = {
  canRead: (actor: Actor, c: ClientFacts, now: Date) =>
    hasPermission(actor, 'care.client.read') &&
    (codeInPrefixes(c.areaCode, actor.scopePrefixes) ||
      (c.gridCode !== null && codeInPrefixes(c.gridCode, actor.scopePrefixes))) &&
    (!isMinor(c.birthDate, now) || c.assigneeId === actor.userId || seesAllMinors(actor)),
  canWrite: (actor: Actor, c: ClientFacts, now: Date) =>
    clientPolicy.canRead(actor, c, now) && hasPermission(actor, 'care.client.write'),
  canReveal: (actor: Actor, c: ClientFacts, now: Date) =>
    clientPolicy.canRead(actor, c, now) && hasPermission(actor, 'care.client.reveal'),
  canAssess: (actor: Actor, c: ClientFacts, now: Date) =>
    clientPolicy.canRead(actor, c, now) && hasPermission(actor, 'care.assessment.write') && c.status === 'active',
};

export function allowedClientActions(actor: Actor, c: ClientFacts, now: Date): string[] {
  const actions: string[] = [];
  if (clientPolicy.canWrite(actor, c, now)) actions.push('update');
  if (clientPolicy.canReveal(actor, c, now)) actions.push('reveal');
  if (clientPolicy.canAssess(actor, c, now)) actions.push('assess');
  if (clientPolicy.canWrite(actor, c, now) && hasPermission(actor, 'care.visit.write')) actions.push('record_visit');
  return actions;
}
