import { randomUUID } from 'node:crypto';
import type { AllianceType, ContactInput, OrganisationCreateInput } from '@linli/contracts/modules/organisations';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { insertChair, insertCommitment, insertAlliance, insertMember } from './alliances.repository';
import { contactRows, eventRow, registerFields } from './organisation-record';
import { insertEvents, insertOrganisations, replaceContacts, replaceServiceAreas } from './organisations.repository';
import { PactStore } from './pact-store';

export interface SeedPartner extends Omit<OrganisationCreateInput, 'contacts' | 'serviceFields' | 'serviceAreaCodes'> {
  key: string;
  serviceFields?: OrganisationCreateInput['serviceFields'];
  serviceAreaCodes?: string[];
  contacts?: ContactInput[];
}

export interface SeedAlliance {
  areaCode: string;
  name: string;
  type: AllianceType;
  members: { key: string; joinedOn: string; pactSignedOn?: string; pact?: Buffer }[];
  chairs: { key: string; fromOn: string; toOn: string }[];
  commitments: {
    key: string;
    text: string;
    dueOn: string | null;
    status: 'pledged' | 'in_progress' | 'done' | 'dropped';
  }[];
}

async function writePartners(
  ctx: AppContext,
  tx: Tx,
  partners: SeedPartner[],
  ids: Map<string, string>,
  createdBy: string | null,
) {
  const now = ctx.clock.now();
  for (const p of partners) {
    const id = ids.get(p.key)!;
    const fields = registerFields({ ...p, serviceFields: p.serviceFields ?? [] });
    const row = {
      id,
      areaCode: p.areaCode,
      ...fields,
      status: 'active' as const,
      version: 1,
      createdBy,
      createdAt: now,
      updatedAt: now,
    };
    await insertOrganisations(tx, [row]);
    await replaceServiceAreas(tx, id, p.serviceAreaCodes ?? []);
    await replaceContacts(tx, id, contactRows(ctx, { id, areaCode: p.areaCode }, p.contacts ?? [], []));
    await insertEvents(tx, [
      eventRow({ id, areaCode: p.areaCode }, 'created', { fields: [], changes: [] }, createdBy, now),
    ]);
  }
}

async function writeAlliance(
  ctx: AppContext,
  tx: Tx,
  a: SeedAlliance,
  ids: Map<string, string>,
  pacts: Map<string, string>,
  createdBy: string | null,
) {
  const now = ctx.clock.now();
  const allianceId = randomUUID();
  const areaCode = a.areaCode;
  await insertAlliance(tx, { id: allianceId, areaCode, name: a.name, type: a.type, createdBy, createdAt: now });
  for (const m of a.members) {
    const sha = pacts.get(m.key) ?? null;
    await insertMember(tx, {
      id: randomUUID(),
      allianceId,
      organisationId: ids.get(m.key)!,
      areaCode,
      joinedOn: m.joinedOn,
      pactSignedOn: m.pactSignedOn ?? null,
      pactFileName: sha ? 'pact.pdf' : null,
      pactContentType: sha ? 'application/pdf' : null,
      pactSize: m.pact?.length ?? null,
      pactSha256: sha,
    });
  }
  for (const c of a.chairs) {
    const organisationId = ids.get(c.key)!;
    await insertChair(tx, { id: randomUUID(), allianceId, areaCode, organisationId, fromOn: c.fromOn, toOn: c.toOn });
  }
  for (const c of a.commitments) {
    const row = {
      id: randomUUID(),
      allianceId,
      areaCode,
      organisationId: ids.get(c.key)!,
      createdAt: now,
      updatedAt: now,
    };
    await insertCommitment(tx, { ...row, text: c.text, dueOn: c.dueOn, status: c.status });
  }
}

/**
 * Writes partners (and an alliance of them) as the demo seed gives them, in one transaction, with a 'created' history
 * entry each; rows are checked by the caller (the seed's data is fixed). Returns the partners' ids by key.
 */
export async function seedOrganisations(
  ctx: AppContext,
  input: { createdBy: string | null; partners: SeedPartner[]; alliance?: SeedAlliance },
): Promise<Map<string, string>> {
  const ids = new Map(input.partners.map((p) => [p.key, randomUUID()]));
  const store = new PactStore(ctx.config.dataDir);
  const pacts = new Map<string, string>();
  for (const m of input.alliance?.members ?? []) {
    // A data directory that cannot be written leaves the demo without the document, not without its data.
    if (m.pact)
      await store.put(m.pact).then(
        (sha) => pacts.set(m.key, sha),
        (e: unknown) => ctx.log.warn({ err: e }, 'demo pact not stored'),
      );
  }
  await ctx.db.transaction(async (tx) => {
    await writePartners(ctx, tx, input.partners, ids, input.createdBy);
    if (input.alliance) await writeAlliance(ctx, tx, input.alliance, ids, pacts, input.createdBy);
  });
  return ids;
}
