import { App, Button, Empty, Flex, Pagination } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useReleaseWish, useWishClaims } from '../api';
import { FulfilModal } from '../components/FulfilModal';
import { WishCardView } from '../components/WishCardView';
import { useWishesWords } from '../words';

/** 我认领的心愿: the organisation's claims (a volunteer's own), with 登记完成 and 放弃认领 while open. */
export default function MyClaimsPage() {
  const w = useWishesWords();
  const { modal } = App.useApp();
  const [page, setPage] = useState(1);
  const [fulfilling, setFulfilling] = useState<string | null>(null);
  const claims = useWishClaims(page);
  const release = useReleaseWish();
  return (
    <>
      <PageHeader title={w.claims} />
      {claims.isPending ? <Loading minHeight={120} /> : null}
      <ErrorAlert error={claims.error ?? release.error} onRetry={() => void claims.refetch()} />
      {claims.data && !claims.data.items.length ? <Empty description={w.none} /> : null}
      <Flex vertical gap={12} data-testid="wish-claims">
        {claims.data?.items.map((wish) => (
          <WishCardView
            key={wish.id}
            wish={wish}
            actions={
              wish.allowedActions.includes('fulfil') ? (
                <>
                  <Button type="primary" onClick={() => setFulfilling(wish.id)} data-testid={`wish-fulfil-${wish.id}`}>
                    {w.fulfil}
                  </Button>
                  <Button
                    onClick={() =>
                      modal.confirm({ content: w.releaseConfirm, onOk: () => release.mutateAsync(wish.id) })
                    }
                    data-testid={`wish-release-${wish.id}`}
                  >
                    {w.release}
                  </Button>
                </>
              ) : null
            }
          />
        ))}
      </Flex>
      {claims.data && claims.data.total > claims.data.pageSize ? (
        <Pagination
          current={page}
          pageSize={claims.data.pageSize}
          total={claims.data.total}
          onChange={setPage}
          simple
        />
      ) : null}
      {fulfilling ? <FulfilModal id={fulfilling} onClose={() => setFulfilling(null)} /> : null}
    </>
  );
}
