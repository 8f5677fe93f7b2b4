import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';
import { residentPhotoUrl, useMyRequest } from '../api';
import { useCoreWords } from '../core-words';
import { Deadline } from '../components/Deadline';
import { History } from '../components/History';
import { Photos } from '../components/Photos';
import { StatusTag } from '../components/Tags';
import { RateCard } from './RateCard';

const DONE = new Set(['resolved', 'closed', 'rejected', 'merged']);

/** One of the resident's requests: status, unit, deadline, the reply or the reason for rejection, rating, steps. */
export default function MyRequestPage() {
  const { id = '' } = useParams();
  const w = useCoreWords();
  const navigate = useNavigate();
  const query = useMyRequest(id);
  const back = (
    <Button onClick={() => navigate('/m/requests')} style={{ marginBottom: 12 }}>
      {w.mBack}
    </Button>
  );
  if (query.isPending) return <Loading minHeight={120} />;
  if (query.error || !query.data)
    return (
      <>
        {back}
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  const r = query.data;
  const urlOf = residentPhotoUrl;
  const items = [
    { key: 'status', label: w.status, children: <StatusTag status={r.status} testId="m-request-status" /> },
    { key: 'number', label: w.number, children: r.number },
    { key: 'created', label: w.createdAt, children: formatDateTime(r.createdAt).slice(0, 16) },
    { key: 'place', label: w.place, children: r.place?.name ?? w.placeCommunityShort },
    {
      key: 'unit',
      label: w.mUnitHandling,
      children: <span data-testid="m-request-unit">{r.unitLabel ?? '—'}</span>,
    },
    {
      key: 'due',
      label: w.deadline,
      children: <Deadline dueAt={r.dueAt} done={DONE.has(r.status)} testId="m-request-deadline" />,
    },
    ...(r.resolvedAt
      ? [{ key: 'resolved', label: w.resolvedAt, children: formatDateTime(r.resolvedAt).slice(0, 16) }]
      : []),
  ];
  const intakePhotos = r.photos.filter((p) => p.stage === 'intake').map((p) => p.id);
  return (
    <>
      {back}
      <Typography.Title level={2} data-testid="m-request-title">
        {r.category.name}
      </Typography.Title>
      <Flex vertical gap={12} data-testid="m-request-detail" data-request-id={r.id}>
        {r.reply ? (
          <Card size="small" title={w.reply}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="m-request-reply">
              {r.reply}
            </Typography.Paragraph>
          </Card>
        ) : null}
        {r.rejectReason ? (
          <Card size="small" title={w.rejectReason}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="m-request-reject-reason">
              {r.rejectReason}
            </Typography.Paragraph>
          </Card>
        ) : null}
        <RateCard request={r} />
        <Card size="small">
          <Descriptions items={items} column={1} size="small" />
          <Typography.Text strong>{w.description}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph>
          <Photos ids={intakePhotos} urlOf={urlOf} testId="m-request-photos" />
        </Card>
        <Card size="small" title={w.history}>
          <History events={r.events} photoUrl={urlOf} testId="m-request-history" />
        </Card>
      </Flex>
    </>
  );
}
