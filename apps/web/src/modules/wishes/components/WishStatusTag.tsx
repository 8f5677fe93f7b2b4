import { Tag } from 'antd';
import type { WishStatus } from '@linli/contracts/modules/wishes';
import { useWishesWords } from '../words';

const COLOURS: Record<WishStatus, string> = {
  submitted: 'gold',
  published: 'blue',
  claimed: 'purple',
  fulfilled: 'cyan',
  confirmed: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

export function WishStatusTag({ status }: { status: WishStatus }) {
  const w = useWishesWords();
  return (
    <Tag color={COLOURS[status]} data-testid="wish-status">
      {w.statuses[status]}
    </Tag>
  );
}
