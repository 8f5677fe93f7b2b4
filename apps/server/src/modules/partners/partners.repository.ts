import { and, asc, count, eq } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { users } from '../users';
import { partnerOrganisations } from './partners.tables';

export type PartnerOrganisationRow = typeof partnerOrganisations.$inferSelect;

export async function findOrganisation(db: DbOrTx, id: string): Promise<PartnerOrganisationRow | null> {
  const [row] = await db.select().from(partnerOrganisations).where(eq(partnerOrganisations.id, id));
  return row ?? null;
}

/** The organisation a partner member belongs to (null for staff, or an account without one). */
export async function organisationOfUser(db: DbOrTx, userId: string): Promise<PartnerOrganisationRow | null> {
  const [row] = await db
    .select({ org: partnerOrganisations })
    .from(users)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, users.organisationId))
    .where(eq(users.id, userId));
  return row?.org ?? null;
}

const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  phoneEnc: users.phoneEnc,
  status: users.status,
  mustChangePassword: users.mustChangePassword,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  organisationId: partnerOrganisations.id,
  organisationName: partnerOrganisations.name,
  organisationArea: partnerOrganisations.areaCode,
};

function accounts(db: DbOrTx) {
  return db
    .select(accountColumns)
    .from(users)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, users.organisationId));
}
export type PartnerAccountRow = Awaited<ReturnType<typeof accounts>>[number];

/** Partner accounts of organisations held inside the jurisdiction, by organisation and username. */
export async function listPartnerAccounts(
  db: DbOrTx,
  filter: {
    prefixes: readonly string[];
    organisationId?: string | undefined;
    status?: 'active' | 'disabled' | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where = and(
    inScope(partnerOrganisations.areaCode, filter.prefixes),
    filter.organisationId ? eq(partnerOrganisations.id, filter.organisationId) : undefined,
    filter.status ? eq(users.status, filter.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    accounts(db)
      .where(where)
      .orderBy(asc(partnerOrganisations.name), asc(users.username))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db
      .select({ n: count() })
      .from(users)
      .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, users.organisationId))
      .where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findPartnerAccount(db: DbOrTx, id: string): Promise<PartnerAccountRow | null> {
  const [row] = await accounts(db).where(eq(users.id, id));
  return row ?? null;
}

/** The active members of an organisation (who a referral addressed to it is announced to). */
export async function activeMemberIds(db: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.status, 'active')))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/**
 * The organisation the demo partner account belongs to: the one of this name held by the community, else a social work
 * agency or social organisation it holds (the demo referral is a service such a partner gives), by name; or null.
 */
export async function demoOrganisation(
  db: DbOrTx,
  communityCode: string,
  preferredName: string,
): Promise<PartnerOrganisationRow | null> {
  const rows = await db
    .select()
    .from(partnerOrganisations)
    .where(and(eq(partnerOrganisations.areaCode, communityCode), eq(partnerOrganisations.status, 'active')))
    .orderBy(asc(partnerOrganisations.name), asc(partnerOrganisations.id));
  const kinds = ['social_work_agency', 'social_work_station', 'social_organisation'];
  return rows.find((r) => r.name === preferredName) ?? rows.find((r) => kinds.includes(r.kind)) ?? rows[0] ?? null;
}
