import { Button, Card, Empty, Flex, Pagination, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/format';
import { useMyRequests } from '../api';
import { useCoreWords } from '../core-words';
import { RatingTag, StatusTag } from '../components/Tags';

/** 我的诉求: the resident's own requests, newest first, each a card with its status. */
export default function MyRequestsPage() {
  const w = useCoreWords();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useMyRequests(page);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {w.mMine}
        </Typography.Title>
        <Button type="primary" size="large" onClick={() => navigate('/m/requests/new')} data-testid="m-requests-new">
          {w.mTile}
        </Button>
      </Flex>
      <div style={{ marginTop: 12 }}>
        {list.isPending ? <Loading minHeight={120} /> : null}
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        {list.data && !list.data.items.length ? <Empty description={w.mNone} data-testid="m-requests-empty" /> : null}
        <Flex vertical gap={12} data-testid="m-requests-list">
          {list.data?.items.map((r) => (
            <Link key={r.id} to={`/m/requests/${r.id}`} data-testid={`m-request-${r.id}`}>
              <Card size="small" hoverable>
                <Flex justify="space-between" align="start" gap={8}>
                  <Typography.Text strong style={{ fontSize: '1.1em' }}>
                    {r.category.name}
                  </Typography.Text>
                  <StatusTag status={r.status} />
                </Flex>
                <Typography.Text type="secondary">
                  {r.number} · {formatDate(r.createdAt)}
                </Typography.Text>
                {r.canRate ? (
                  <div>
                    <Typography.Text strong>{w.mRateTitle}</Typography.Text>
                  </div>
                ) : r.rating ? (
                  <div>
                    <RatingTag rating={r.rating} />
                  </div>
                ) : null}
              </Card>
            </Link>
          ))}
        </Flex>
        {list.data && list.data.total > list.data.pageSize ? (
          <Pagination
            style={{ marginTop: 12 }}
            current={page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onChange={(p) => setParams({ page: String(p) }, { replace: true })}
            simple
          />
        ) : null}
      </div>
    </>
  );
}
