import { inSameArea } from '../../../platform/colocated';
import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { areas } from '../../org';
import { users } from '../../users';
import { clients } from '../clients/clients.tables';
import { consents } from '../consents/consents.tables';
import { referrals, registerOrganisations, registerServiceAreas } from './referrals.tables';

/** An organisation of the partner register with the areas it serves (its holding area among them). */
export interface ProviderOrganisation {
  id: string;
  areaCode: string;
  kind: string;
  name: string;
  status: string;
  serviceAreas: string[];
}

export async function findProviderOrganisation(db: DbOrTx, id: string): Promise<ProviderOrganisation | null> {
  const [org] = await db.select().from(registerOrganisations).where(eq(registerOrganisations.id, id));
  if (!org) return null;
  const served = await db
    .select({ areaCode: registerServiceAreas.areaCode })
    .from(registerServiceAreas)
    .where(eq(registerServiceAreas.organisationId, id));
  return { ...org, serviceAreas: [org.areaCode, ...served.map((s) => s.areaCode)] };
}

/** What the provider's view of a referral reads: the referral, the client's name and phone, the consent, names. */
const providerColumns = {
  r: referrals,
  clientName: clients.name,
  phoneEnc: clients.phoneEnc,
  phoneMasked: clients.phoneMasked,
  consentRevokedAt: consents.revokedAt,
  consentPurpose: consents.purpose,
  communityName: areas.name,
  sentByName: users.displayName,
};

function providerQuery(db: DbOrTx) {
  return db
    .select(providerColumns)
    .from(referrals)
    .innerJoin(clients, inSameArea(eq(clients.id, referrals.clientId), clients, referrals))
    .innerJoin(areas, eq(areas.code, referrals.areaCode))
    .leftJoin(consents, inSameArea(eq(consents.id, referrals.consentId), consents, referrals))
    .leftJoin(users, eq(users.id, referrals.sentBy));
}
export type ProviderReferralRow = Awaited<ReturnType<typeof providerQuery>>[number];

/** The referrals addressed to an organisation, newest first, a page at a time. */
export async function listProviderReferrals(
  db: DbOrTx,
  organisationId: string,
  filter: { status?: ProviderReferralRow['r']['status'] | undefined; page: number; pageSize: number },
) {
  const where = and(
    eq(referrals.organisationId, organisationId),
    filter.status ? eq(referrals.status, filter.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    providerQuery(db)
      .where(where)
      .orderBy(desc(referrals.sentAt), desc(referrals.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(referrals).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** One referral as its provider sees it, only when it is addressed to `organisationId`. */
export async function findProviderReferral(
  db: DbOrTx,
  organisationId: string,
  id: string,
): Promise<ProviderReferralRow | null> {
  const [row] = await providerQuery(db).where(and(eq(referrals.id, id), eq(referrals.organisationId, organisationId)));
  return row ?? null;
}

/** The community's oldest referral still waiting for an answer (the demo seed addresses it to a partner), or null. */
export async function referralDemoCandidate(db: DbOrTx, communityCode: string) {
  const [row] = await db
    .select({ id: referrals.id, areaCode: referrals.areaCode, version: referrals.version })
    .from(referrals)
    .where(and(eq(referrals.areaCode, communityCode), eq(referrals.status, 'sent'), isNull(referrals.organisationId)))
    .orderBy(asc(referrals.sentAt), asc(referrals.id))
    .limit(1);
  return row ?? null;
}
