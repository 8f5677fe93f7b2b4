import { Card, Flex, Statistic } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePermission } from '../../../components/Can';
import { useWishPartnerCounts } from '../api';
import { useWishesWords } from '../words';

function Counts({ organisationId }: { organisationId: string }) {
  const w = useWishesWords();
  const counts = useWishPartnerCounts(organisationId);
  return (
    <Card size="small" title={w.counts} data-testid="organisation-wish-counts" loading={counts.isPending}>
      <ErrorAlert error={counts.error} onRetry={() => void counts.refetch()} />
      {counts.data ? (
        <Flex gap={24} wrap>
          <Statistic title={w.countClaimed} value={counts.data.claimed} />
          <Statistic title={w.countInProgress} value={counts.data.inProgress} />
          <Statistic title={w.countFulfilled} value={counts.data.fulfilled} />
          <Statistic title={w.countConfirmed} value={counts.data.confirmed} />
        </Flex>
      ) : null}
    </Card>
  );
}

/** 微心愿 on a partner organisation's detail page: what it claimed and fulfilled (staff with wishes.read). */
export function WishCountsCard({ organisationId }: { organisationId: string }) {
  return usePermission('wishes.read') ? <Counts organisationId={organisationId} /> : null;
}
