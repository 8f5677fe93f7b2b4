import { Card, Flex, Typography } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { interpolate } from '../../../lib/format';
import { useJobsOverview } from '../api';
import { FailuresTable } from '../components/FailuresTable';
import { QueuesTable } from '../components/QueuesTable';
import { SchedulesTable } from '../components/SchedulesTable';
import { useJobsWords } from '../words';

/** /admin/jobs (system administrator): the server's background jobs and queues, refreshed every 5 seconds. */
export default function JobsPage() {
  const w = useJobsWords();
  const overview = useJobsOverview();
  const data = overview.data;
  // The first load shows a spinner; refreshes replace the rows in place.
  const state = { loading: overview.isLoading, error: overview.error };
  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Typography.Text type="secondary" data-testid="jobs-refreshing">
          {interpolate(w.refreshing, { runner: data?.runner ?? '…' })}
        </Typography.Text>
        <Card size="small" title={w.schedules}>
          <SchedulesTable items={data?.schedules} {...state} w={w} />
        </Card>
        <Card size="small" title={w.queues}>
          <QueuesTable items={data?.queues} {...state} w={w} />
        </Card>
        <Card size="small" title={w.failures}>
          <FailuresTable items={data?.recentFailures} w={w} />
        </Card>
      </Flex>
    </>
  );
}
