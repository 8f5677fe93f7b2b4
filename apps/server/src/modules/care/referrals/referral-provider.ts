import { PROVIDER_TYPES } from '@linli/contracts';
import { codeInPrefixes, scopePrefix } from '../../../platform/access';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { findProviderOrganisation } from './provider.repository';

type ProviderType = (typeof PROVIDER_TYPES)[number];

/** The referral's provider type, named by the register's kind (kept on the row for lists made before the register). */
const TYPE_OF_KIND: Record<string, ProviderType> = {
  expert: 'expert',
  social_organisation: 'social_org',
  community_social_organisation: 'social_org',
  social_work_agency: 'social_org',
  social_work_station: 'social_org',
};

/** Who a referral goes to: an organisation of the register, or "其他" by name (organisationId null). */
export interface ReferralProvider {
  organisationId: string | null;
  providerName: string;
  providerType: ProviderType;
}

/**
 * Resolves the provider a referral names. An organisation must be active and serve the client's community (its
 * holding area or one of its service areas covers it); any other id — unknown, disabled, serving elsewhere — gets the
 * one answer a missing one gets (404 with the field), so the form learns nothing of other areas' registers.
 */
export async function resolveReferralProvider(
  db: DbOrTx,
  clientAreaCode: string,
  input: {
    organisationId?: string | undefined;
    providerName?: string | undefined;
    providerType?: ProviderType | undefined;
  },
): Promise<ReferralProvider> {
  if (!input.organisationId) {
    return { organisationId: null, providerName: input.providerName!, providerType: input.providerType! };
  }
  const org = await findProviderOrganisation(db, input.organisationId);
  const serves = org ? codeInPrefixes(clientAreaCode, org.serviceAreas.map(scopePrefix)) : false;
  if (!org || org.status !== 'active' || !serves) {
    throw new AppError('common.not_found', [{ path: 'organisationId', code: 'care.referral_provider_unknown' }]);
  }
  return { organisationId: org.id, providerName: org.name, providerType: TYPE_OF_KIND[org.kind] ?? 'partner_unit' };
}
