import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import type { MyWish, WishCard } from '@linli/contracts/modules/wishes';
import { formatDate } from '../../../lib/format';
import { useWishesWords } from '../words';
import { WishStatusTag } from './WishStatusTag';

/** One wish as a card: what the wall shows (never the beneficiary), the claim and fulfilment, approved thanks. */
export function WishCardView({ wish, actions }: { wish: WishCard | MyWish; actions?: ReactNode }) {
  const w = useWishesWords();
  const claimant = wish.claimantKind === 'volunteer' ? w.volunteer : wish.claimantName;
  return (
    <Card size="small" data-testid={`wish-card-${wish.id}`}>
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ fontSize: '1.1em' }}>
          {wish.title}
        </Typography.Text>
        <WishStatusTag status={wish.status} />
      </Flex>
      <Typography.Paragraph style={{ margin: '8px 0' }}>{wish.publicText}</Typography.Paragraph>
      <Typography.Text type="secondary">
        {wish.areaName} · {wish.number} · {wish.estimatedValue} {w.yuan}
      </Typography.Text>
      {claimant ? (
        <div>
          <Typography.Text type="secondary">
            {w.claimant}：{claimant}
            {wish.claimExpiresAt && wish.status === 'claimed'
              ? ` · ${w.expiresAt} ${formatDate(wish.claimExpiresAt)}`
              : ''}
          </Typography.Text>
        </div>
      ) : null}
      {wish.fulfilmentNote ? (
        <div>
          <Typography.Text>
            {w.fulfilmentNote}：{wish.fulfilmentNote}
          </Typography.Text>
        </div>
      ) : null}
      {wish.thanks ? (
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid={`wish-thanks-${wish.id}`}>
          <Typography.Text strong>{w.thanks}：</Typography.Text>
          {wish.thanks}
        </Typography.Paragraph>
      ) : null}
      {actions ? (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {actions}
        </Flex>
      ) : null}
    </Card>
  );
}
