import { Tag } from 'antd';
import type { OrganisationSummary } from '@linli/contracts/modules/organisations';
import { useOrganisationsWords } from '../words';

/** 评估等级 with its state: grey and marked 已过期 five years after the assessment date. */
export function RatingTag({ org }: { org: Pick<OrganisationSummary, 'rating' | 'ratingExpired' | 'ratingExpiresOn'> }) {
  const w = useOrganisationsWords();
  if (!org.rating) return <>—</>;
  return (
    <Tag
      color={org.ratingExpired ? 'default' : 'gold'}
      data-testid="organisation-rating"
      data-expired={String(org.ratingExpired)}
    >
      {org.rating}
      {org.ratingExpired ? ` · ${w.expired}` : ''}
    </Tag>
  );
}
