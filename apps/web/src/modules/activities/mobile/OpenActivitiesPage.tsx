import { useState } from 'react';
import { Button, Empty, Flex, Pagination, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useOpenActivities } from '../api';
import { useActivitiesWords } from '../words';
import { ActivityCard } from './ActivityCard';

/** 志愿活动 on /m: the activities open for sign-up in the volunteer's community, soonest first. */
export default function OpenActivitiesPage() {
  const w = useActivitiesWords();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useOpenActivities(page);
  return (
    <>
      <Typography.Title level={2}>{w.openList}</Typography.Title>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button size="large" onClick={() => navigate('/m/activities/mine')} data-testid="m-activities-mine">
          {w.mine}
        </Button>
        <Button
          size="large"
          type="primary"
          onClick={() => navigate('/m/activities/checkin')}
          data-testid="m-activities-checkin"
        >
          {w.scan}
        </Button>
        <Button size="large" onClick={() => navigate('/m/activities/lead')} data-testid="m-activities-lead">
          {w.lead}
        </Button>
      </Flex>
      {list.isPending ? <Loading minHeight={120} /> : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.data && !list.data.items.length ? <Empty description={w.none} /> : null}
      <Flex vertical gap={12} data-testid="m-activities-list">
        {list.data?.items.map((a) => (
          <ActivityCard key={a.id} activity={a} link={`/m/activities/${a.id}`} />
        ))}
      </Flex>
      {list.data && list.data.total > list.data.pageSize ? (
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={list.data.pageSize}
          total={list.data.total}
          onChange={setPage}
          simple
        />
      ) : null}
    </>
  );
}
