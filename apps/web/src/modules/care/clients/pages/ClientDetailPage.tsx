import { Card, Flex, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Loading } from '../../../../components/Loading';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { ClientCasesCard } from '../../cases/components/ClientCasesCard';
import { ConsentsCard } from '../../consents/components/ConsentsCard';
import { HouseholdCard } from '../../households/components/HouseholdCard';
import { ReferralsCard } from '../../referrals/components/ReferralsCard';
import { ClientStatusTag, TIER_COLORS, TierTag } from '../../shared/CareTags';
import { useClient } from '../api';
import { ClientDescriptions } from '../components/ClientDescriptions';
import { ClientHeaderActions } from '../components/ClientHeaderActions';
import { ClientStatusCard } from '../components/ClientStatusCard';
import { ClientTimeline } from '../components/ClientTimeline';

/** One client: record, history, household, cases, consents, referrals and service status. */
export default function ClientDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const client = useClient(id);

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
        extra={<ClientHeaderActions client={c} />}
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
          <ClientTimeline client={c} />
        </Card>
        <HouseholdCard client={c} />
        <ClientCasesCard clientId={c.id} />
        <ConsentsCard clientId={c.id} />
        <ReferralsCard clientId={c.id} />
        <ClientStatusCard client={c} />
      </Flex>
    </>
  );
}
