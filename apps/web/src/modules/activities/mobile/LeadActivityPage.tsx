import { useState } from 'react';
import { Button, Card, Flex, Segmented, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useLeadOverview } from '../api';
import { ActivityInfo, StatusTag } from '../components/ActivityInfo';
import { QrPanel } from '../components/QrPanel';
import { RosterView } from '../components/RosterView';
import { CancelDialog, RolesTable } from '../pages/ActivityDetailPage';
import { useActivitiesWords } from '../words';

/** A team leader's activity on /m: the check-in QR screen, the roster with ticks and confirmation, cancel. */
export default function LeadActivityPage() {
  const w = useActivitiesWords();
  const { id = '' } = useParams();
  const overview = useLeadOverview();
  const [tab, setTab] = useState<'qr' | 'roster' | 'detail'>('qr');
  const [cancelling, setCancelling] = useState(false);
  if (overview.isPending) return <Loading minHeight={120} />;
  const a = overview.data?.activities.find((x) => x.id === id);
  if (!a)
    return <ErrorAlert error={overview.error ?? new Error('not found')} onRetry={() => void overview.refetch()} />;
  const has = (x: (typeof a.allowedActions)[number]) => a.allowedActions.includes(x);
  return (
    <>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {a.title}
        </Typography.Title>
        <StatusTag status={a.status} />
      </Flex>
      <Segmented
        block
        size="large"
        value={tab}
        onChange={(v) => setTab(v as typeof tab)}
        options={[
          ...(has('checkin_code') ? [{ value: 'qr', label: w.qr }] : []),
          { value: 'roster', label: w.roster },
          { value: 'detail', label: w.detail },
        ]}
        style={{ margin: '12px 0' }}
        data-testid="m-lead-tabs"
      />
      {tab === 'qr' && has('checkin_code') ? <QrPanel base="/m/activities/lead" id={id} size={300} /> : null}
      {tab === 'roster' || (tab === 'qr' && !has('checkin_code')) ? (
        <RosterView base="/m/activities/lead" activityId={id} canManage={has('confirm')} />
      ) : null}
      {tab === 'detail' ? (
        <Flex vertical gap={12}>
          <Card size="small">
            <ActivityInfo activity={a} />
          </Card>
          <RolesTable roles={a.roles} />
          {has('cancel') ? (
            <Button danger size="large" onClick={() => setCancelling(true)} data-testid="m-lead-cancel">
              {w.cancel}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {cancelling ? <CancelDialog base="/m/activities/lead" id={id} onClose={() => setCancelling(false)} /> : null}
    </>
  );
}
