import { randomUUID } from 'node:crypto';
import { DEFAULT_TIER_POLICY, type Tier, type TierPolicyRules, TierPolicyRules as RulesSchema } from '@linli/contracts';
import type { DbOrTx } from '../../../platform/db';
import type { ClientRow } from '../clients/clients.repository';
import { addVisitEvent, insertVisit, supersedePlanned, type VisitRow } from '../visits/visits.repository';
import { latestPolicy } from './policies.repository';
import { nextVisitWindow } from './tier-policy';

export interface EffectivePolicy {
  id: string | null;
  rules: TierPolicyRules;
}

/** The community's newest policy, else the district default, else the built-in default. */
export async function policyFor(db: DbOrTx, communityCode: string): Promise<EffectivePolicy> {
  const row = await latestPolicy(db, communityCode, `${communityCode.slice(0, 6)}000000`);
  if (!row) return { id: null, rules: DEFAULT_TIER_POLICY };
  return { id: row.id, rules: RulesSchema.parse(row.rules) };
}

/**
 * Replaces the client's open visits with one planned from `fromDate` by the tier's cadence. Used when a tier is
 * set or changed, and after every recorded visit.
 */
export async function planNextVisit(
  tx: DbOrTx,
  client: Pick<ClientRow, 'id' | 'areaCode' | 'gridCode' | 'assigneeId'>,
  tier: Tier,
  fromDate: string,
  policy: EffectivePolicy,
  actorId: string | null,
  now: Date,
): Promise<VisitRow> {
  const superseded = await supersedePlanned(tx, client, now);
  if (superseded.length) await addVisitEvent(tx, supersededEvents(superseded, actorId, now));
  return bookNextVisit(tx, client, tier, fromDate, policy, actorId, now);
}

export function supersededEvents(visits: { id: string; areaCode: string }[], actorId: string | null, now: Date) {
  return visits.map((visit) => ({
    id: randomUUID(),
    visitId: visit.id,
    areaCode: visit.areaCode,
    status: 'superseded' as const,
    note: 'replanned',
    actorId,
    at: now,
  }));
}

/**
 * Inserts the next planned visit and its first event, queued together on the connection (one wait). The caller has
 * already superseded the client's open visits.
 */
export async function bookNextVisit(
  tx: DbOrTx,
  client: Pick<ClientRow, 'id' | 'areaCode' | 'gridCode' | 'assigneeId'>,
  tier: Tier,
  fromDate: string,
  policy: EffectivePolicy,
  actorId: string | null,
  now: Date,
): Promise<VisitRow> {
  const window = nextVisitWindow(fromDate, tier, policy.rules);
  const id = randomUUID();
  const saved = await insertVisit(tx, {
    id,
    clientId: client.id,
    areaCode: client.areaCode,
    gridCode: client.gridCode,
    assigneeId: client.assigneeId,
    ...window,
    mode: 'home',
    status: 'planned',
    tier,
    policyId: policy.id,
    services: [],
    createdAt: now,
    updatedAt: now,
  });
  await addVisitEvent(tx, {
    id: randomUUID(),
    visitId: id,
    areaCode: client.areaCode,
    status: 'planned',
    note: null,
    actorId,
    at: now,
  });
  return saved;
}
