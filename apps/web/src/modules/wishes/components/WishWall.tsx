import { App, Button, type ButtonProps, Empty, Flex, Pagination, Segmented } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useClaimWish, useWishWall } from '../api';
import { useWishesWords } from '../words';
import { WishCardView } from './WishCardView';

/** The wish wall: open wishes with a claim button for those who may claim, and the ones that came true. */
export function WishWall({ large = false }: { large?: boolean }) {
  const w = useWishesWords();
  const { modal } = App.useApp();
  const [view, setView] = useState<'open' | 'done'>('open');
  const [page, setPage] = useState(1);
  const wall = useWishWall({ view, page, pageSize: 12 });
  const claim = useClaimWish({ success: () => w.claimed });
  const ask = (id: string) =>
    modal.confirm({
      content: w.claimConfirm,
      onOk: () => claim.mutateAsync(id),
      okButtonProps: { 'data-testid': 'wish-claim-ok' } as ButtonProps,
    });
  return (
    <Flex vertical gap={12}>
      <Segmented
        value={view}
        onChange={(v) => {
          setView(v as 'open' | 'done');
          setPage(1);
        }}
        options={[
          { value: 'open', label: w.wallOpen },
          { value: 'done', label: w.wallDone },
        ]}
        data-testid="wish-wall-view"
        size={large ? 'large' : 'middle'}
      />
      {wall.isPending ? <Loading minHeight={120} /> : null}
      <ErrorAlert error={wall.error ?? claim.error} onRetry={() => void wall.refetch()} />
      {wall.data && !wall.data.items.length ? <Empty description={w.none} /> : null}
      <Flex vertical gap={12} data-testid="wish-wall">
        {wall.data?.items.map((wish) => (
          <WishCardView
            key={wish.id}
            wish={wish}
            actions={
              wish.allowedActions.includes('claim') ? (
                <Button
                  type="primary"
                  size={large ? 'large' : 'middle'}
                  onClick={() => ask(wish.id)}
                  data-testid={`wish-claim-${wish.id}`}
                >
                  {w.claim}
                </Button>
              ) : null
            }
          />
        ))}
      </Flex>
      {wall.data && wall.data.total > wall.data.pageSize ? (
        <Pagination current={page} pageSize={wall.data.pageSize} total={wall.data.total} onChange={setPage} simple />
      ) : null}
    </Flex>
  );
}
