import { useState } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Can } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { SimpleList } from '../../../../components/SimpleList';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import type { Referral, ReferralStatus } from '../../shared/types';
import { useReferrals } from '../api';
import { ReferralFormModal, ReferralStepModal, type ReferralAction } from './ReferralModals';

const STATUS_COLORS: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'cyan',
  declined: 'red',
  done: 'green',
  withdrawn: 'default',
};

/** Which steps each status allows (the server checks the same and the version). */
const STEPS: Record<ReferralStatus, ReferralAction[]> = {
  sent: ['respond', 'withdraw'],
  accepted: ['report', 'withdraw'],
  declined: [],
  done: [],
  withdrawn: [],
};
const STEP_LABELS = {
  respond: 'care.referral.respondTitle',
  report: 'care.referral.report',
  withdraw: 'care.referral.withdraw',
} as const;

/** Referrals of one client to outside providers: send, record the answer, report back, withdraw. */
export function ReferralsCard({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const referrals = useReferrals(clientId);
  const [sending, setSending] = useState(false);
  const [step, setStep] = useState<{ referral: Referral; action: ReferralAction } | null>(null);
  const items = (referrals.data?.items ?? []).filter((r) => r.clientId === clientId);

  return (
    <Card
      size="small"
      title={t('care.referral.title')}
      extra={
        <Can permission="care.case.write">
          <Button size="small" icon={<PlusOutlined />} onClick={() => setSending(true)} data-testid="referral-add">
            {t('care.referral.send')}
          </Button>
        </Can>
      }
    >
      <ErrorAlert error={referrals.error} onRetry={() => void referrals.refetch()} />
      <SimpleList
        testId="referrals-list"
        loading={referrals.isPending && !referrals.error}
        items={items}
        rowKey={(r) => r.id}
        empty={t('care.referral.none')}
        renderItem={(r) => (
          <Flex
            vertical
            gap={4}
            style={{ minWidth: 0, width: '100%' }}
            data-testid={`referral-${r.id}`}
            data-status={r.status}
          >
            <Flex wrap gap={6} align="center">
              <Typography.Text strong>{r.providerName}</Typography.Text>
              <Tag>{t(`care.referral.type.${r.providerType}`)}</Tag>
              <Tag color={STATUS_COLORS[r.status]}>{t(`care.referral.status.${r.status}`)}</Tag>
            </Flex>
            <Typography.Text style={{ overflowWrap: 'anywhere' }}>{r.service}</Typography.Text>
            <Typography.Text type="secondary">
              {t('care.referral.sentAt', { at: formatDateTime(r.sentAt) })}
            </Typography.Text>
            {r.responseNote ? (
              <Typography.Text type="secondary">
                {t('care.referral.responseNote', { note: r.responseNote })}
              </Typography.Text>
            ) : null}
            {r.reportBack ? (
              <Typography.Text type="secondary">
                {t('care.referral.reportBack', { note: r.reportBack })}
              </Typography.Text>
            ) : null}
            <Can permission="care.case.write">
              {STEPS[r.status].length ? (
                <Flex wrap gap={8}>
                  {STEPS[r.status].map((action) => (
                    <Button
                      key={action}
                      size="small"
                      danger={action === 'withdraw'}
                      onClick={() => setStep({ referral: r, action })}
                      data-testid={`referral-${action}-${r.id}`}
                    >
                      {t(STEP_LABELS[action])}
                    </Button>
                  ))}
                </Flex>
              ) : null}
            </Can>
          </Flex>
        )}
      />
      {sending ? <ReferralFormModal clientId={clientId} onClose={() => setSending(false)} /> : null}
      {step ? <ReferralStepModal referral={step.referral} action={step.action} onClose={() => setStep(null)} /> : null}
    </Card>
  );
}
