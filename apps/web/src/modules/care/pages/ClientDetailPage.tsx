import { useState } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { useClient } from '../api';
import { AssessmentModal } from '../components/AssessmentModal';
import { ClientStatusTag, TierTag } from '../components/CareTags';
import { ClientDescriptions } from '../components/ClientDescriptions';
import { ClientTimeline } from '../components/ClientTimeline';
import { TIER_COLORS } from '../tiers';
import { ClientCareSections } from '../cases/ClientCareSections';
import { HouseholdCard } from '../ops/HouseholdCard';
import { MergeModal } from '../ops/MergeModal';

export default function ClientDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const client = useClient(id);
  const [assessing, setAssessing] = useState(false);
  const [merging, setMerging] = useState(false);
  const navigate = useNavigate();

  if (client.isPending) return <Loading />;
  if (client.error || !client.data) return <ErrorAlert error={client.error} onRetry={() => void client.refetch()} />;
  const c = client.data;

  return (
    <>
      <PageHeader
        title={
          <Flex wrap gap={8} align="center">
            <span data-testid="client-name">{c.name}</span>
            <TierTag tier={c.tier} testId="client-tier" />
            <ClientStatusTag status={c.status} />
            {c.isMinor ? <Tag color="purple">{t('care.detail.minor')}</Tag> : null}
          </Flex>
        }
        extra={
          can(c.allowedActions, 'update') || can(c.allowedActions, 'assess') ? (
          <>
            {can(c.allowedActions, 'update') ? (
              <Button onClick={() => setMerging(true)} data-testid="client-merge">
                {t('care3.merge.open')}
              </Button>
            ) : null}
            {can(c.allowedActions, 'assess') ? (
              <Button type="primary" onClick={() => setAssessing(true)} data-testid="client-assess">
                {t('care.assess.open')}
              </Button>
            ) : null}
          </>
          ) : null
        }
      />
      <Flex vertical gap={16} style={{ maxWidth: 1080 }}>
        {c.overdueDays && c.overdueDays > 0 ? (
          <Typography.Text strong style={{ color: TIER_COLORS.red }}>
            {t('care.visit.overdueDays', { days: c.overdueDays })}
          </Typography.Text>
        ) : null}
        <Card size="small" title={t('care.detail.info')}>
          <ClientDescriptions client={c} />
        </Card>
        <Card size="small" title={t('care.detail.timeline')}>
          <ClientTimeline entries={c.timeline} />
        </Card>
        <HouseholdCard client={c} />
        <ClientCareSections client={c} />
      </Flex>
      {assessing ? <AssessmentModal clientId={c.id} onClose={() => setAssessing(false)} /> : null}
      {merging ? (
        <MergeModal
          client={c}
          onClose={(merged) => {
            setMerging(false);
            if (merged) void navigate(`/care/clients/${encodeURIComponent(merged.targetId)}`);
          }}
        />
      ) : null}
    </>
  );
}
