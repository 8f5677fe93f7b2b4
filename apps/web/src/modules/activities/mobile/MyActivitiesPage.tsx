import { useState } from 'react';
import { Empty, Flex, Pagination, Segmented, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useMyActivities } from '../api';
import { useActivitiesWords } from '../words';
import { ActivityCard } from './ActivityCard';

/** 我的活动 on /m: what the volunteer signed up for (coming up) and took part in (past), with their state. */
export default function MyActivitiesPage() {
  const w = useActivitiesWords();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [page, setPage] = useState(1);
  const list = useMyActivities(when, page);
  return (
    <>
      <Typography.Title level={2}>{w.mine}</Typography.Title>
      <Segmented
        block
        size="large"
        value={when}
        onChange={(v) => {
          setWhen(v as typeof when);
          setPage(1);
        }}
        options={[
          { value: 'upcoming', label: w.myUpcoming },
          { value: 'past', label: w.myPast },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="m-activities-mine-when"
      />
      {list.isPending ? <Loading minHeight={120} /> : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.data && !list.data.items.length ? <Empty description={w.none} /> : null}
      <Flex vertical gap={12} data-testid="m-activities-mine-list">
        {list.data?.items.map((a) => (
          <ActivityCard
            key={a.id}
            activity={a}
            link={`/m/activities/${a.id}`}
            extra={
              a.mine?.minutes !== null && a.mine?.minutes !== undefined ? (
                <Typography.Text>
                  {w.minutes}：{a.mine.minutes}
                  {a.mine.confirmedAt ? ` · ${w.confirmed}` : ''}
                </Typography.Text>
              ) : null
            }
          />
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
