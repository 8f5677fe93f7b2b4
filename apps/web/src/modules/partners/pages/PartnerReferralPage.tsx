import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { PartnerReferral } from '@linli/contracts/modules/partners';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { usePartnerReferral } from '../api';
import { AnswerModal, type AnswerStep } from '../components/AnswerModal';
import { ReferralStatusTag } from '../components/StatusTag';
import { usePartnersWords } from '../words';

function ReferralFacts({ referral }: { referral: PartnerReferral }) {
  const w = usePartnersWords();
  const dash = (v: string | null) => v ?? '—';
  return (
    <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="small" data-testid="partner-referral-facts">
      <Descriptions.Item label={w.service} span={2}>
        {referral.service}
      </Descriptions.Item>
      <Descriptions.Item label={w.status}>
        <ReferralStatusTag status={referral.status} />
      </Descriptions.Item>
      <Descriptions.Item label={w.community}>{referral.communityName}</Descriptions.Item>
      <Descriptions.Item label={w.client}>
        <span data-testid="partner-referral-client">{referral.client.name}</span>
        {referral.client.masked ? <Typography.Text type="secondary"> （{w.masked}）</Typography.Text> : null}
      </Descriptions.Item>
      <Descriptions.Item label={w.phone}>{dash(referral.client.phone)}</Descriptions.Item>
      <Descriptions.Item label={w.sentAt}>{formatDateTime(referral.sentAt)}</Descriptions.Item>
      <Descriptions.Item label={w.sentBy}>{dash(referral.sentByName)}</Descriptions.Item>
      <Descriptions.Item label={w.respondedAt}>{formatDateTime(referral.respondedAt) || '—'}</Descriptions.Item>
      <Descriptions.Item label={w.responseNote}>{dash(referral.responseNote)}</Descriptions.Item>
      <Descriptions.Item label={w.doneAt}>{formatDateTime(referral.doneAt) || '—'}</Descriptions.Item>
      <Descriptions.Item label={w.reportBack}>{dash(referral.reportBack)}</Descriptions.Item>
    </Descriptions>
  );
}

/** One referral addressed to the partner's organisation: what it shares, and the answers it allows now. */
export default function PartnerReferralPage() {
  const w = usePartnersWords();
  const { id = '' } = useParams();
  const referral = usePartnerReferral(id);
  const [step, setStep] = useState<AnswerStep | null>(null);
  if (referral.isPending) return <Loading />;
  if (referral.error || !referral.data)
    return <ErrorAlert error={referral.error} onRetry={() => void referral.refetch()} />;
  const r = referral.data;
  const label: Record<AnswerStep, string> = { accept: w.accept, decline: w.decline, report: w.report };
  return (
    <>
      <PageHeader title={w.inbox} extra={<Link to="/partner/referrals">{w.back}</Link>} />
      <Card>
        <Flex vertical gap={16}>
          <ReferralFacts referral={r} />
          <Flex wrap gap={8}>
            {r.allowedActions.map((action) => (
              <Button
                key={action}
                type={action === 'decline' ? 'default' : 'primary'}
                danger={action === 'decline'}
                onClick={() => setStep(action)}
                data-testid={`partner-referral-${action}`}
              >
                {label[action]}
              </Button>
            ))}
          </Flex>
        </Flex>
      </Card>
      {step ? <AnswerModal referral={r} step={step} onClose={() => setStep(null)} /> : null}
    </>
  );
}
