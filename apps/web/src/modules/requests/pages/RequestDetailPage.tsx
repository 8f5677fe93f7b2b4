import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Popconfirm, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { photoUrl, useRequest, useSign } from '../api';
import { useStaffCategories } from '../categories';
import { CHANNEL_WORDS, useCoreWords } from '../core-words';
import { NoteModal, ResolveModal, TransferModal } from '../components/ActionModals';
import { Deadline } from '../components/Deadline';
import { History } from '../components/History';
import { Photos } from '../components/Photos';
import { attributeText } from '../components/QuestionFields';
import { RequesterCard } from '../components/RequesterCard';
import { RatingTag, StatusTag, UrgencyTag } from '../components/Tags';
import { TriagePanel } from '../components/TriagePanel';

const DONE = new Set(['resolved', 'closed', 'rejected', 'merged']);
type Dialog = 'transfer' | 'note' | 'resolve' | null;

/** One request: facts, photos, the requester (masked), triage or the unit's actions by allowedActions, history. */
export default function RequestDetailPage() {
  const { id = '' } = useParams();
  const w = useCoreWords();
  const query = useRequest(id);
  const sign = useSign({ success: 'app.done' });
  const [dialog, setDialog] = useState<Dialog>(null);
  const categories = useStaffCategories(query.data?.areaCode);
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  const allowed = r.allowedActions;
  const questions = categories.data?.find((c) => c.id === r.category.id)?.questions ?? [];
  const urlOf = photoUrl;
  const triaging = r.status === 'submitted' && ['triage', 'route', 'merge', 'reject'].some((a) => can(allowed, a));

  const actions = (
    <Flex wrap gap={8}>
      {can(allowed, 'sign') ? (
        <Popconfirm
          title={w.signConfirm}
          onConfirm={() => sign.mutateAsync(r.id)}
          okButtonProps={{ 'data-testid': 'request-sign-confirm' } as ButtonProps}
        >
          <Button type="primary" loading={sign.isPending} data-testid="request-sign">
            {w.sign}
          </Button>
        </Popconfirm>
      ) : null}
      {can(allowed, 'note') ? (
        <Button onClick={() => setDialog('note')} data-testid="request-note">
          {w.addNote}
        </Button>
      ) : null}
      {can(allowed, 'resolve') ? (
        <Button type="primary" onClick={() => setDialog('resolve')} data-testid="request-resolve">
          {w.resolve}
        </Button>
      ) : null}
      {can(allowed, 'transfer') ? (
        <Button onClick={() => setDialog('transfer')} data-testid="request-transfer">
          {w.transfer}
        </Button>
      ) : null}
    </Flex>
  );

  const attributes = Object.entries(r.attributes).map(([code, v]) => {
    const q = questions.find((x) => x.code === code);
    return { key: `a-${code}`, label: q?.label ?? code, children: attributeText(q, v) };
  });
  const items = [
    { key: 'status', label: w.status, children: <StatusTag status={r.status} testId="request-status" /> },
    { key: 'urgency', label: w.urgency, children: <UrgencyTag urgency={r.urgency} /> },
    { key: 'channel', label: w.channel, children: w.say(CHANNEL_WORDS, r.channel) },
    { key: 'community', label: w.community, children: r.communityName ?? r.areaCode },
    { key: 'unit', label: w.unit, children: <span data-testid="request-unit">{r.unit?.label ?? '—'}</span> },
    {
      key: 'signDue',
      label: w.signDeadline,
      children: r.signedAt ? (
        `${w.signedAt} ${formatDateTime(r.signedAt).slice(0, 16)}`
      ) : (
        <Deadline dueAt={r.signDueAt} done={DONE.has(r.status)} />
      ),
    },
    {
      key: 'due',
      label: w.deadline,
      children: <Deadline dueAt={r.dueAt} overdue={r.overdue} done={DONE.has(r.status)} testId="request-deadline" />,
    },
    { key: 'created', label: w.createdAt, children: formatDateTime(r.createdAt).slice(0, 16) },
    { key: 'place', label: w.place, children: r.place?.name ?? r.addressString ?? r.communityName ?? '—' },
    ...(r.externalRef ? [{ key: 'ext', label: w.externalRef, children: r.externalRef }] : []),
    ...(r.resolvedAt
      ? [{ key: 'resolvedAt', label: w.resolvedAt, children: formatDateTime(r.resolvedAt).slice(0, 16) }]
      : []),
    ...(r.rating
      ? [
          {
            key: 'rating',
            label: w.rating,
            children: (
              <>
                <RatingTag rating={r.rating} testId="request-rating" /> {r.ratingComment ?? ''}
              </>
            ),
          },
        ]
      : []),
    ...(r.mergedIntoId
      ? [{ key: 'merged', label: w.mergedInto, children: <Link to={`/requests/${r.mergedIntoId}`}>{w.open}</Link> }]
      : []),
  ];
  const texts = [
    { key: 'description', label: w.description, value: r.description, testId: 'request-description' },
    { key: 'publicText', label: w.publicText, value: r.publicText, testId: 'request-public-text' },
    { key: 'reply', label: w.reply, value: r.reply, testId: 'request-reply' },
    { key: 'rejectReason', label: w.rejectReason, value: r.rejectReason, testId: 'request-reject-reason-text' },
  ].filter((t) => t.value);
  const intakePhotos = r.photos.filter((p) => p.stage === 'intake').map((p) => p.id);

  return (
    <>
      <PageHeader title={`${r.number} · ${r.category.name}`} extra={actions} />
      <Flex vertical gap={16} data-testid="request-detail" data-request-id={r.id}>
        <ErrorAlert error={sign.alertError} />
        <Card size="small">
          <Descriptions items={items} column={{ xs: 1, md: 2, xl: 3 }} size="small" />
          {texts.map((t) => (
            <div key={t.key} style={{ marginTop: 12 }}>
              <Typography.Text strong>{t.label}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid={t.testId}>
                {t.value}
              </Typography.Paragraph>
            </div>
          ))}
          {attributes.length ? (
            <Descriptions
              style={{ marginTop: 12 }}
              title={w.questions}
              items={attributes}
              column={{ xs: 1, md: 2 }}
              size="small"
            />
          ) : null}
          {intakePhotos.length ? (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{w.photos}</Typography.Text>
              <Photos ids={intakePhotos} urlOf={urlOf} />
            </div>
          ) : null}
        </Card>
        {triaging ? <TriagePanel key={r.version} request={r} /> : null}
        <RequesterCard request={r} />
        <Card size="small" title={w.history}>
          <History events={r.events} photoUrl={urlOf} />
        </Card>
      </Flex>
      {dialog === 'transfer' ? <TransferModal request={r} onClose={() => setDialog(null)} /> : null}
      {dialog === 'note' ? <NoteModal request={r} onClose={() => setDialog(null)} /> : null}
      {dialog === 'resolve' ? <ResolveModal request={r} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
