import { Card, Empty, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { PublicNotice } from '@linli/contracts/modules/residents';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/format';
import { useResidentNotices } from '../api';
import { useResidentsWords } from '../words';

/** The community's published notices, newest first, each a big card that opens the notice. */
export function NoticeList({ limit }: { limit?: number }) {
  const w = useResidentsWords();
  const notices = useResidentNotices();
  if (notices.isPending) return <Loading minHeight={120} />;
  if (notices.error) return <ErrorAlert error={notices.error} onRetry={() => void notices.refetch()} />;
  const items: PublicNotice[] = notices.data.items.slice(0, limit);
  if (items.length === 0) return <Empty description={w.noNotices} />;
  return (
    <Flex vertical gap={12}>
      {items.map((n) => (
        <Link key={n.id} to={`/m/notices/${n.id}`} data-testid={`m-notice-${n.id}`}>
          <Card size="small" hoverable>
            <Typography.Text strong style={{ fontSize: '1.1em' }}>
              {n.title}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">{formatDate(n.publishedAt)}</Typography.Text>
          </Card>
        </Link>
      ))}
    </Flex>
  );
}
