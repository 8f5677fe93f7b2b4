import { useState } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { can } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Loading } from '../../../../components/Loading';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { ClientCasesCard } from '../../cases/components/ClientCasesCard';
import { ConsentsCard } from '../../consents/components/ConsentsCard';
import { HouseholdCard } from '../../households/components/HouseholdCard';
import { ReferralsCard } from '../../referrals/components/ReferralsCard';
import { ClientStatusTag, TIER_COLORS, TierTag } from '../../shared/CareTags';
import { AssessmentModal } from '../../tiers/components/AssessmentModal';
import { useClient } from '../api';
import { ClientDescriptions } from '../components/ClientDescriptions';
import { ClientStatusCard } from '../components/ClientStatusCard';
import { ClientTimeline } from '../components/ClientTimeline';
import { MergeModal } from '../components/MergeModal';

/** One client: record, history, household, cases, consents, referrals and service status. */
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
            {c.isMinor ? <Tag color="purple">{t('care.client.minor')}</Tag> : null}
          </Flex>
        }
        extra={
          can(c.allowedActions, 'update') || can(c.allowedActions, 'assess') ? (
            <>
              {can(c.allowedActions, 'update') ? (
                <Button onClick={() => setMerging(true)} data-testid="client-merge">
                  {t('care.client.merge.open')}
                </Button>
              ) : null}
              {can(c.allowedActions, 'assess') ? (
                <Button type="primary" onClick={() => setAssessing(true)} data-testid="client-assess">
                  {t('care.tiers.assess.open')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      <Flex vertical gap={16} style={{ maxWidth: 1080 }}>
        {c.overdueDays && c.overdueDays > 0 ? (
          <Typography.Text strong style={{ color: TIER_COLORS.red }}>
            {t('care.overdueDays', { days: c.overdueDays })}
          </Typography.Text>
        ) : null}
        <Card size="small" title={t('care.client.info')}>
          <ClientDescriptions client={c} />
        </Card>
        <Card size="small" title={t('care.client.timeline')}>
          <ClientTimeline entries={c.timeline} />
        </Card>
        <HouseholdCard client={c} />
        <ClientCasesCard clientId={c.id} />
        <ConsentsCard clientId={c.id} />
        <ReferralsCard clientId={c.id} />
        <ClientStatusCard client={c} />
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
