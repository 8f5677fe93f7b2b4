import { useState } from 'react';
import { Alert, Flex, Form, Input, Modal, Radio, Result, Segmented, Typography } from 'antd';
import { NEED_DOMAINS, TIERS } from '@linli/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { applyFieldErrors } from '../../../lib/errors';
import type { AssessmentResult, NeedDomain, Tier } from '../../../lib/types';
import { useAssessClient } from '../api';
import { suggestTier, TIER_COLORS, type DomainScores } from '../tiers';
import { TierTag } from './CareTags';

interface FormValues {
  scores: Record<NeedDomain, { score: number; note?: string }>;
  tier: Tier;
  overrideReason?: string;
}

const INITIAL_SCORES = Object.fromEntries(NEED_DOMAINS.map((d) => [d, { score: 0 }])) as FormValues['scores'];
const SCORE_OPTIONS = [0, 1, 2, 3].map((n) => ({ value: n, label: String(n) }));

function AssessmentOutcome({ result }: { result: AssessmentResult }) {
  const { t } = useI18n();
  const title =
    result.tierChange === 'pending_approval'
      ? t('care.assess.pending')
      : result.tierChange === 'applied'
        ? t('care.assess.applied', { tier: t(`care.tier.${result.tier}`) })
        : t('care.assess.unchanged');
  return (
    <Result
      status={result.tierChange === 'pending_approval' ? 'info' : 'success'}
      title={<span data-testid="assessment-outcome" data-change={result.tierChange}>{title}</span>}
      subTitle={result.nextVisitDue ? t('care.assess.nextVisit', { date: result.nextVisitDue }) : undefined}
    />
  );
}

/** The needs assessment: one 0–3 score per domain, the suggested tier computed live, an override needs a reason. */
export function AssessmentModal({ clientId, onClose }: { clientId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const assess = useAssessClient();
  const [tierTouched, setTierTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const scores = (Form.useWatch('scores', form) ?? INITIAL_SCORES) as DomainScores;
  const chosen = Form.useWatch('tier', form);
  const suggested = suggestTier(scores);
  const overriding = !!chosen && chosen !== suggested;
  const result = assess.data;

  const handleValuesChange = (changed: Partial<FormValues>, all: FormValues) => {
    if ('tier' in changed) setTierTouched(true);
    else if (changed.scores && !tierTouched) form.setFieldsValue({ tier: suggestTier(all.scores) });
  };

  const handleFinish = (v: FormValues) => {
    setError(null);
    const payload: DomainScores = {};
    for (const d of NEED_DOMAINS) {
      const entry = v.scores[d];
      payload[d] = { score: entry?.score ?? 0, note: entry?.note?.trim() || undefined };
    }
    assess.mutate(
      { id: clientId, scores: payload, tier: v.tier, overrideReason: v.tier !== suggestTier(payload) ? v.overrideReason?.trim() : undefined },
      { onError: (e) => setError(applyFieldErrors(form, e) ? null : e) },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={t('care.assess.title')}
      onCancel={onClose}
      destroyOnHidden
      okText={result ? t('app.close') : t('app.submit')}
      cancelText={t('app.cancel')}
      cancelButtonProps={result ? { style: { display: 'none' } } : undefined}
      onOk={() => (result ? onClose() : form.submit())}
      confirmLoading={assess.isPending}
      okButtonProps={{ 'data-testid': result ? 'assessment-close' : 'assessment-submit' }}
    >
      {result ? (
        <AssessmentOutcome result={result} />
      ) : (
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={handleFinish}
          onValuesChange={handleValuesChange}
          initialValues={{ scores: INITIAL_SCORES, tier: 'blue' }}
        >
          <Typography.Paragraph type="secondary">{t('care.assess.hint')}</Typography.Paragraph>
          {NEED_DOMAINS.map((d) => (
            <Flex key={d} wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid={`assess-domain-${d}`}>
              <Typography.Text strong style={{ width: 130 }}>
                {t(`care.domain.${d}`)}
              </Typography.Text>
              <Form.Item name={['scores', d, 'score']} noStyle>
                <Segmented<number> options={SCORE_OPTIONS} data-testid={`assess-score-${d}`} />
              </Form.Item>
              <Form.Item name={['scores', d, 'note']} noStyle>
                <Input placeholder={t('care.assess.note')} maxLength={300} style={{ flex: '1 1 160px', minWidth: 0 }} />
              </Form.Item>
            </Flex>
          ))}
          <Alert
            type="info"
            style={{ margin: '12px 0' }}
            title={
              <span data-testid="assess-suggested" data-tier={suggested}>
                {t('care.assess.suggested')} <TierTag tier={suggested} />
              </span>
            }
          />
          <Form.Item name="tier" label={t('care.assess.tier')} rules={[{ required: true, message: t('care.required') }]}>
            <Radio.Group
              data-testid="assess-tier"
              options={TIERS.map((tier) => ({
                value: tier,
                label: <span style={{ color: TIER_COLORS[tier], fontWeight: 600 }}>{t(`care.tier.${tier}`)}</span>,
              }))}
            />
          </Form.Item>
          {overriding ? (
            <Form.Item
              name="overrideReason"
              label={t('care.assess.overrideReason')}
              rules={[{ required: true, whitespace: true, message: t('care.assess.overrideRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={300} data-testid="assess-override-reason" />
            </Form.Item>
          ) : null}
        </Form>
      )}
      <ErrorAlert error={error} />
    </Modal>
  );
}
