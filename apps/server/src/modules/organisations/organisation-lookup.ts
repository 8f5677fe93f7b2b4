import type { OrganisationKind } from '@linli/contracts/modules/organisations';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { findReadableOrganisation } from './organisations.repository';

/** What another module learns of a partner it refers to (a referral's provider): never contacts. */
export interface OrganisationRef {
  id: string;
  /** The community (or street) that holds the partnership. */
  areaCode: string;
  kind: OrganisationKind;
  name: string;
  status: 'active' | 'disabled';
}

/**
 * The partner `id` when the actor may read it (held or served inside the actor's jurisdiction), else null — callers
 * answer null like a missing id (404 / a field error), never differently. Pass the caller's transaction as `db` to
 * read inside it. A disabled partner is returned with its status: a new referral should refuse it, history keeps it.
 */
export async function findOrganisationInScope(
  ctx: AppContext,
  db: DbOrTx | null,
  actor: Pick<Actor, 'scopePrefixes'>,
  id: string,
): Promise<OrganisationRef | null> {
  const row = await findReadableOrganisation(db ?? ctx.db, actor.scopePrefixes, id);
  return row ? { id: row.id, areaCode: row.areaCode, kind: row.kind, name: row.name, status: row.status } : null;
}
