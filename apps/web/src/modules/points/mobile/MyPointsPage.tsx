import { useState } from 'react';
import { Card, Empty, Flex, Statistic, Typography } from 'antd';
import { DataTable } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { isApiError } from '../../../lib/api-client';
import { useMyPoints } from '../api';
import { PointTotalsView, useLineColumns } from '../components';
import { usePointsWords } from '../words';

/** 我的积分 on /m: the volunteer's balance, totals and history. */
export default function MyPointsPage() {
  const w = usePointsWords();
  const [page, setPage] = useState(1);
  const mine = useMyPoints(page);
  const columns = useLineColumns();
  const notVolunteer = isApiError(mine.error) && mine.error.code === 'points.not_volunteer';
  return (
    <>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {w.mine}
      </Typography.Title>
      <div style={{ marginTop: 12 }}>
        {mine.isPending ? <Loading minHeight={120} /> : null}
        {notVolunteer ? (
          <Empty description={w.notVolunteer} data-testid="m-points-not-volunteer" />
        ) : (
          <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
        )}
        {mine.data ? (
          <Flex vertical gap={12}>
            <Card>
              <Statistic title={w.myBalance} value={mine.data.balance} valueStyle={{ fontSize: 40 }} />
              <span data-testid="m-points-balance" style={{ display: 'none' }}>
                {mine.data.balance}
              </span>
            </Card>
            <PointTotalsView totals={mine.data.totals} testId="m-points-totals" />
            <Typography.Text type="secondary">{w.rulesHint}</Typography.Text>
            <DataTable
              testId="m-points-history"
              rowKey={(l) => l.id}
              columns={columns}
              items={mine.data.lines.items}
              query={mine}
              empty={w.none}
              paging={{ page, pageSize: 20, total: mine.data.lines.total, onChange: setPage }}
            />
          </Flex>
        ) : null}
      </div>
    </>
  );
}
